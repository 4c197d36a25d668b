/** The most recent output of a terminal, bounded in characters, for views that attach late. */
export class OutputHistory {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly maxChars: number) {}

  append(data: string): void {
    this.chunks.push(data);
    this.size += data.length;
    if (this.size > this.maxChars * 2) this.compact();
  }

  text(): string {
    this.compact();
    return this.chunks.join('');
  }

  /** Drops the oldest characters beyond the bound (amortised: only when twice over). */
  private compact(): void {
    if (this.size <= this.maxChars) return;
    const joined = this.chunks.join('');
    const kept = joined.slice(joined.length - this.maxChars);
    this.chunks = [kept];
    this.size = kept.length;
  }
}
