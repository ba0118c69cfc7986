/** One scrape of a Prometheus text endpoint: `name{label="value",…}` (labels as written) → value. */
export type Samples = ReadonlyMap<string, number>;

export async function scrape(url: string): Promise<Samples> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{.*\})?) (\S+)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

/** A sample's value (0 when the series is absent), labels given in the order prom-client writes them. */
export function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  const written = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return samples.get(written.length > 0 ? `${name}{${written.join(',')}}` : name) ?? 0;
}
