/** Keeps the last lines a child process wrote (both streams), for failure messages and log assertions. */
export class OutputBuffer {
  private readonly kept: string[] = [];
  private readonly partial = new Map<string, string>();
  private readonly listeners = new Set<(line: string) => void>();

  constructor(
    private readonly capacity = 500,
    private readonly echo?: (line: string) => void,
  ) {}

  /** Feeds a chunk from `stream` ('stdout' or 'stderr'); complete lines are kept and announced. */
  write(stream: string, chunk: Buffer | string): void {
    const text = (this.partial.get(stream) ?? '') + chunk.toString();
    const parts = text.split('\n');
    this.partial.set(stream, parts.pop() ?? '');
    for (const line of parts) this.add(line.replace(/\r$/, ''));
  }

  /** Flushes unterminated lines (call when the process exits). */
  end(): void {
    for (const [stream, rest] of this.partial) {
      if (rest.length > 0) this.add(rest);
      this.partial.set(stream, '');
    }
  }

  /** Calls `listener` for each line written from now on; returns the unsubscribe function. */
  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lines(): string[] {
    return [...this.kept];
  }

  tail(count = 60): string {
    return this.kept.slice(-count).join('\n');
  }

  private add(line: string): void {
    this.kept.push(line);
    if (this.kept.length > this.capacity) this.kept.splice(0, this.kept.length - this.capacity);
    this.echo?.(line);
    for (const listener of this.listeners) listener(line);
  }
}
