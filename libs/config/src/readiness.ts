export type CheckResult = { status: 'up' } | { status: 'down'; error: string };

export interface Readiness {
  ready: boolean;
  body: { status: 'ready' | 'unavailable'; checks: Record<string, CheckResult> };
}

/** A dependency probe answered within a bound: a hung connection counts as down, never as a hung probe. */
export async function checkWithin(probe: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Every probe at once; ready only when all are up. The shape both processes answer `/health/ready` with. */
export async function readiness(probes: Record<string, () => Promise<unknown>>, timeoutMs: number): Promise<Readiness> {
  const names = Object.keys(probes);
  const results = await Promise.all(
    names.map((name) => checkWithin(probes[name] as () => Promise<unknown>, timeoutMs)),
  );
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i] as CheckResult]));
  const ready = results.every((result) => result.status === 'up');
  return { ready, body: { status: ready ? 'ready' : 'unavailable', checks } };
}
