import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { registerHeapAfterGc } from './heap-after-gc';

describe('registerHeapAfterGc', () => {
  it('reports the heap in use after a full collection, and nothing before one', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const registry = new Registry();
    const stop = registerHeapAfterGc(registry, 'test_');
    const read = async () => (await registry.getSingleMetric('test_heap_after_gc_bytes')?.get())?.values[0]?.value;
    try {
      expect(await read()).toBe(0);
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const value = await read();
      expect(value).toBeGreaterThan(1_000_000);
      expect(value).toBeLessThanOrEqual(process.memoryUsage().heapTotal);
    } finally {
      stop();
    }
  });
});
