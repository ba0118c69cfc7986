// Preloaded (`node --require`) into the processes a benchmark starts: if the benchmark dies without
// stopping them, they notice they were re-parented and shut themselves down.
'use strict';
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 10_000).unref();
}, 500);
watch.unref();
