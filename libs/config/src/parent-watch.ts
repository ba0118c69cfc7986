/**
 * A supervisor that starts this process with an IPC channel (`npm start`) may die without running its
 * handlers (SIGKILL, the OOM killer); the channel then closes, and the process stops as it would on SIGTERM
 * instead of holding its port with nobody to stop it. Without a channel (containers, orchestrators, the test
 * helpers) this does nothing.
 */
export function stopWithParent(): void {
  const channel = process.channel;
  if (channel === undefined) return;
  // The channel only watches: it must not keep the process alive once everything else has closed.
  channel.unref();
  const stop = (): void => {
    process.stderr.write('the parent process is gone; stopping\n');
    process.kill(process.pid, 'SIGTERM');
  };
  if (process.connected) process.once('disconnect', stop);
  else stop();
}
