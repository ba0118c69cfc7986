/**
 * Nest runs the shutdown hooks on SIGTERM/SIGINT; this bounds them, so a stuck connection cannot keep
 * a stopping process alive past what an orchestrator allows.
 */
export function boundShutdown(timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`shutdown took longer than ${timeoutMs} ms; exiting\n`);
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
