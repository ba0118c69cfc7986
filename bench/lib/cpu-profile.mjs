import { Session } from 'node:inspector';

/** Samples this process's JavaScript (V8's sampling profiler through the inspector) while `fn` runs. */
export async function withCpuProfile(fn, intervalUs = 200) {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: intervalUs });
  await post('Profiler.start');
  let profile;
  try {
    const value = await fn();
    ({ profile } = await post('Profiler.stop'));
    return { value, profile };
  } finally {
    if (!profile) await post('Profiler.stop').catch(() => undefined);
    session.disconnect();
  }
}

/** Where a sampled frame's code lives, as a coarse bucket. */
function category(frame) {
  const url = frame.url ?? '';
  const name = frame.functionName ?? '';
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)' || name === '(program)' || name === '(root)') return name;
  const muster = /\/(libs|apps)\/([a-z-]+)\/src\//.exec(url);
  if (muster && !url.includes('node_modules')) return `muster ${muster[1] === 'apps' ? 'app' : 'lib'} ${muster[2]}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:') || url === '')
    return name.startsWith('JSON.') || /^(parse|stringify)$/.test(name) ? 'JSON (native)' : 'node core / native';
  return 'other';
}

/**
 * Self time (ms) per category and the heaviest functions of a V8 CPU profile. `(idle)` is the time the
 * thread waited (for PostgreSQL, mostly); everything else is work on the JavaScript thread.
 */
export function summarizeProfile(profile, top = 12) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  const categories = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)?.callFrame ?? {};
    const cat = category(frame);
    categories.set(cat, (categories.get(cat) ?? 0) + ms);
    total += ms;
    if (cat === '(idle)' || cat === '(program)' || cat === '(root)') continue;
    const file = (frame.url ?? '').replace(/^.*?\/(node_modules|libs|apps)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${(frame.lineNumber ?? 0) + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { total, categories: sorted(categories), functions: sorted(functions).slice(0, top) };
}

/**
 * Self time (ms) per category of the samples a profile took between two instants (microseconds on the
 * monotonic clock: `process.hrtime.bigint() / 1000n` in any process on the machine, as V8 stamps its samples).
 */
export function categoriesBetween(profile, fromUs, toUs) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const categories = new Map();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas?.[i] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const ms = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
    const cat = category(byId.get(profile.samples[i])?.callFrame ?? {});
    categories.set(cat, (categories.get(cat) ?? 0) + ms);
  }
  return categories;
}
