import { CellHandovers, CellOpenItems, type HandoverRecord } from '@muster/application';
import { isClosed, type DecisionRequest, type Escalation, type OpenItem } from '@muster/domain';

/** What the SQL union selects, over escalations and requests in memory: OFFICIAL, still open, of the cell. */
export class FakeCellOpenItems extends CellOpenItems {
  readonly asked: string[] = [];
  constructor(
    public escalations: Escalation[] = [],
    public requests: DecisionRequest[] = [],
  ) {
    super();
  }
  async of(cell: string): Promise<OpenItem[]> {
    this.asked.push(cell);
    const official = <T extends { cell: string; marking: string }>(items: T[]) =>
      items.filter((i) => i.cell === cell && i.marking === 'OFFICIAL');
    return Promise.resolve([
      ...official(this.escalations)
        .filter((e) => !isClosed(e))
        .map((e): OpenItem => ({ kind: 'escalation', id: e.id, title: e.title })),
      ...official(this.requests)
        .filter((r) => r.status === 'open' || r.status === 'overdue')
        .map((r): OpenItem => ({ kind: 'decision-request', id: r.id, title: r.question })),
    ]);
  }
}

export class FakeCellHandovers extends CellHandovers {
  constructor(public records: HandoverRecord[] = []) {
    super();
  }
  async of(cell: string): Promise<HandoverRecord[]> {
    return Promise.resolve(this.records.filter((r) => r.slug === cell));
  }
}
