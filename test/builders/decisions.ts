import { type DecisionInput, type EntryContent, linkEntry, type LogEntry } from '@muster/domain';

/** A decision to release the FFP3 reserve, as a recorder submits it, with overrides. */
export function decisionInput(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    title: 'Release regional FFP3 reserve',
    decision: 'Release 20,000 FFP3 masks to Sandwell and Walsall',
    rationale: 'Both below three days of supply',
    informationAvailable: 'Sitreps of this morning',
    options: [
      { option: 'Release reserve', chosen: true },
      { option: 'Wait for national delivery', chosen: false, notes: 'arrives in five days' },
    ],
    decidedAt: '2026-11-22T10:00:00.000Z',
    marking: 'OFFICIAL',
    ...overrides,
  };
}

/** A valid chain of `n` decisions in one cell, for the tampering tests. */
export function chainOf(n: number, cell = 'ppe'): LogEntry[] {
  const entries: LogEntry[] = [];
  for (let i = 1; i <= n; i += 1) {
    const content: Omit<EntryContent, 'sequence'> = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      cell,
      marking: 'OFFICIAL',
      authorities: [],
      recordedAt: `2026-11-22T10:${String(i).padStart(2, '0')}:00.000Z`,
      recordedBy: { sub: 'lead-1', name: 'Asha Lead' },
      body: {
        kind: 'decision',
        record: {
          title: `Decision ${i}`,
          decision: 'd',
          rationale: 'r',
          informationAvailable: 'i',
          options: [{ option: 'o', chosen: true }],
          decidedBy: 'Asha Lead',
          decidedAt: '2026-11-22T10:00:00.000Z',
          actions: [],
        },
      },
    };
    const previous = entries.at(-1);
    entries.push(linkEntry(content, previous && { sequence: previous.sequence, hash: previous.hash }));
  }
  return entries;
}

/** The same decision as a request body (`POST /cells/:cell/decisions`), titled `title` and decided now. */
export function decisionBody(title: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...decisionInput({ title, decision: `Decision: ${title}`, decidedAt: new Date().toISOString() }),
    ...overrides,
  };
}
