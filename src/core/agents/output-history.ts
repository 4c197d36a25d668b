/**
 * The most recent raw output of a terminal, bounded in characters: the full history the core
 * keeps (views restore from the headless mirror; this is the unparsed text, for the CLI, logs
 * and tests). It never holds more than the bound plus one chunk, even mid-flood.
 */
export class OutputHistory {
  private chunks: string[] = [];
  /** Index of the oldest chunk still kept; dropped ones are removed in bulk, not one by one. */
  private head = 0;
  private size = 0;

  constructor(private readonly maxChars: number) {}

  /** Characters held now (at most the bound plus one chunk). */
  get heldChars(): number {
    return this.size;
  }

  append(data: string): void {
    this.chunks.push(data);
    this.size += data.length;
    for (let oldest = this.chunks[this.head]; oldest !== undefined; oldest = this.chunks[this.head]) {
      if (this.size - oldest.length < this.maxChars) break;
      this.size -= oldest.length;
      this.head += 1;
    }
    if (this.head > this.chunks.length / 2) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  text(): string {
    const joined = this.chunks.slice(this.head).join('');
    return joined.length > this.maxChars ? joined.slice(joined.length - this.maxChars) : joined;
  }
}
