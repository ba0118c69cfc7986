import { ManagedProcess } from '../../test/support/processes/managed-process';
import { musterEnv } from '../../test/support/env';
import { freePort } from '../../test/support/processes/free-port';

async function api(env: Record<string, string> = {}, readyTimeoutMs = 5000) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const p = new ManagedProcess({
    name: 'api', script: '/tmp/harness/fake-api.js',
    env: musterEnv({ databaseUrl: 'postgres://x/y', redisUrl: 'redis://x', redisPrefix: 'p', port, env: { ESCALATION_ACK_SLA: 'critical=2s', ...env } }),
    ready: async (_o, signal) => { while (!signal.aborted) { try { const r = await fetch(`${url}/health/ready`); if (r.status === 200) return; } catch {} await new Promise(r => setTimeout(r, 50)); } },
    readyTimeoutMs, stopTimeoutMs: 500,
  });
  return p;
}

describe('managed process', () => {
  it('starts, stops gracefully, restarts', async () => {
    const p = await api();
    await p.start();
    expect(p.running).toBe(true);
    const pid = p.pid;
    expect(p.output.lines().join('\n')).toContain('"ack":"critical=2s"');
    await p.restart();
    expect(p.pid).not.toBe(pid);
    const exit = await p.stop();
    expect(exit).toEqual({ code: 0, signal: null, forced: false });
    expect(p.output.lines()).toContain('graceful');
  });
  it('SIGKILLs after the stop bound', async () => {
    const p = await api({ IGNORE_TERM: '1' });
    await p.start();
    const exit = await p.stop();
    expect(exit).toEqual({ code: null, signal: 'SIGKILL', forced: true });
  });
  it('kill()', async () => {
    const p = await api();
    await p.start();
    expect(await p.kill()).toMatchObject({ signal: 'SIGKILL', forced: false });
  });
  it('reports a crash at start with output', async () => {
    const p = await api({ CRASH: '1' });
    await expect(p.start()).rejects.toThrow(/exited \(code 3\) before it was ready[\s\S]*boom: config invalid/);
  });
  it('reports a timeout and kills', async () => {
    const p = await api({}, 100);
    await expect(p.start()).rejects.toThrow(/was not ready after 100 ms[\s\S]*starting/);
    expect(p.running).toBe(false);
  });
  it('worker readiness by log line split across chunks', async () => {
    const p = new ManagedProcess({
      name: 'worker', script: '/tmp/harness/fake-worker.js', env: process.env,
      ready: (output, signal) => new Promise((resolve) => { const off = output.onLine((l) => { if (l.includes('worker ready')) { off(); resolve(); } }); signal.addEventListener('abort', off); }),
      readyTimeoutMs: 3000, stopTimeoutMs: 1000,
    });
    await p.start();
    await p.stop();
  });
});
