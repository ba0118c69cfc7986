// Preloaded (`node --expose-gc --require`) into the servers whose memory a benchmark compares: on SIGUSR2
// the process runs a full garbage collection and prints what the heap holds after it, so both sides are
// read at the same point of the collector's cycle. Nothing of Muster's code knows about it.
'use strict';
process.on('SIGUSR2', () => {
  if (typeof global.gc !== 'function') return;
  global.gc();
  const { heapUsed, external, arrayBuffers } = process.memoryUsage();
  console.log(`[bench-gc] heapUsed=${heapUsed} external=${external} arrayBuffers=${arrayBuffers}`);
});
