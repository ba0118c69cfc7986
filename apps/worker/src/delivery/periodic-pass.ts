/**
 * Runs a pass at start and then every `intervalMs`, never two at once; a failed pass is reported and
 * the next interval tries again.
 */
export class PeriodicPass {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.trigger();
    this.timer = setInterval(() => {
      this.trigger();
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs one pass unless one is already running. */
  trigger(): void {
    this.running ??= this.pass()
      .then(() => undefined)
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
      });
  }
}
