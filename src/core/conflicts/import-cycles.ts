export interface ImportCycle { paths: string[]; agents: Array<string | null> }
