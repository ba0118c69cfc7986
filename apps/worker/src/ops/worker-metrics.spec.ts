import { FakeOperationsReadings } from '@muster/doubles';
import { PublishedEvent, WorkerMetrics } from './worker-metrics';

const event = (seq: number, type: PublishedEvent['type'], data: Record<string, unknown> = {}): PublishedEvent => ({
  seq,
  type,
  data,
});

async function value(
  metrics: WorkerMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([key, label]) => v.labels[key] === label))?.value;
}

describe('WorkerMetrics', () => {
  it('counts each published journal position once, by type, and the domain counters beside it', async () => {
    const metrics = new WorkerMetrics(new FakeOperationsReadings());
    const batch = [
      event(1, 'decision.logged'),
      event(2, 'sitrep.submitted'),
      event(3, 'feed.published', { kind: 'daily' }),
      event(4, 'feed.published', { kind: 'weekly' }),
      event(5, 'decision.logged'),
    ];
    metrics.recordPublished(batch);
    // The same batch again (a pass retried after its checkpoint failed), then one that overlaps it.
    metrics.recordPublished(batch);
    metrics.recordPublished([event(5, 'decision.logged'), event(6, 'escalation.raised')]);

    expect(await value(metrics, 'muster_decisions_logged_total')).toBe(2);
    expect(await value(metrics, 'muster_sitreps_submitted_total')).toBe(1);
    expect(await value(metrics, 'muster_feeds_published_total', { kind: 'daily' })).toBe(1);
    expect(await value(metrics, 'muster_feeds_published_total', { kind: 'weekly' })).toBe(1);
    expect(await value(metrics, 'muster_events_published_total', { type: 'decision.logged' })).toBe(2);
    expect(await value(metrics, 'muster_events_published_total', { type: 'escalation.raised' })).toBe(1);
    expect(await value(metrics, 'muster_events_published_total', { type: 'retention.changed' })).toBe(0);
  });

  it('reads unresolved escalations by level and state when scraped, zero for the rest', async () => {
    const readings = new FakeOperationsReadings();
    const metrics = new WorkerMetrics(readings);
    readings.tallies = [
      { level: 'cell', state: 'open', count: 3 },
      { level: 'national', state: 'overdue', count: 1 },
    ];
    expect(await value(metrics, 'muster_escalations_unresolved', { level: 'cell', state: 'open' })).toBe(3);
    expect(await value(metrics, 'muster_escalations_unresolved', { level: 'national', state: 'overdue' })).toBe(1);
    expect(await value(metrics, 'muster_escalations_unresolved', { level: 'regional', state: 'acknowledged' })).toBe(0);
    // Resolved at the next scrape: back to zero, not left at its last figure.
    readings.tallies = [];
    expect(await value(metrics, 'muster_escalations_unresolved', { level: 'cell', state: 'open' })).toBe(0);
  });

  it('keeps the last figures, and still answers, when PostgreSQL does not', async () => {
    const readings = new FakeOperationsReadings();
    const metrics = new WorkerMetrics(readings);
    readings.tallies = [{ level: 'regional', state: 'open', count: 2 }];
    readings.lag = 4.5;
    expect(await value(metrics, 'muster_relay_lag_seconds')).toBe(4.5);
    expect(await value(metrics, 'muster_escalations_unresolved', { level: 'regional', state: 'open' })).toBe(2);
    readings.failing = true;
    const text = await metrics.registry.metrics();
    expect(text).toContain('muster_relay_lag_seconds 4.5');
    expect(text).toContain('muster_escalations_unresolved{level="regional",state="open"} 2');
  });
});
