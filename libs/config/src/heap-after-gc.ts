import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { Gauge, Registry } from 'prom-client';

/**
 * `<prefix>heap_after_gc_bytes`: the heap in use right after the last full (mark-sweep) collection. Resident
 * memory and the live heap both saw-tooth with the collector; what survives a full collection is what a
 * leak would grow, so this is the figure to watch (and what the soak judges). Returns a function that stops
 * watching.
 */
export function registerHeapAfterGc(registry: Registry, prefix: string): () => void {
  const gauge = new Gauge({
    name: `${prefix}heap_after_gc_bytes`,
    help: 'V8 heap in use right after the last full garbage collection',
    registers: [registry],
  });
  const observer = new PerformanceObserver((list) => {
    // GC entries carry their kind in `detail` (Node's typings leave it out of PerformanceEntry).
    const full = list
      .getEntries()
      .some(
        (entry) =>
          (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
          constants.NODE_PERFORMANCE_GC_MAJOR,
      );
    if (full) gauge.set(process.memoryUsage().heapUsed);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
