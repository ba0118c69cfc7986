import {
  DecisionRequestReader,
  EscalationFilter,
  EscalationReader,
  type Page,
  type PageRequest,
} from '@muster/application';
import { pendingUpdateTimer } from '@muster/domain';
import type { DecisionRequest, DecisionRequestStatus, Escalation, SensitiveReach } from '@muster/domain';
import { fakePage } from './pages';

/** Escalations and decision requests as the list and get handlers read them; the SQL is tested in the integration tier. */

export class FakeEscalationReader extends EscalationReader {
  readonly filters: EscalationFilter[] = [];
  constructor(public escalations: Escalation[] = []) {
    super();
  }
  async byId(id: string): Promise<Escalation | undefined> {
    return this.escalations.find((e) => e.id === id);
  }
  async list(filter: EscalationFilter, page: PageRequest, reach: SensitiveReach): Promise<Page<Escalation>> {
    this.filters.push(filter);
    const matching = this.escalations.filter(
      (e) =>
        (filter.status === undefined || e.status === filter.status) &&
        (filter.authority === undefined || e.authority === filter.authority) &&
        (filter.cell === undefined || e.cell === filter.cell) &&
        (filter.level === undefined || e.level === filter.level),
    );
    return fakePage(matching, (e) => e.raisedAt, 'desc', page, reach);
  }
  async awaitingAcknowledgement(): Promise<Escalation[]> {
    return this.escalations.filter((e) => e.status === 'open' && !e.overdue && e.ackDueAt !== null);
  }
  async awaitingUpdate(): Promise<Escalation[]> {
    return this.escalations.filter((e) => pendingUpdateTimer(e) !== undefined);
  }
}

export class FakeDecisionRequestReader extends DecisionRequestReader {
  constructor(public requests: DecisionRequest[] = []) {
    super();
  }
  async byId(cell: string, id: string): Promise<DecisionRequest | undefined> {
    return this.requests.find((r) => r.cell === cell && r.id === id);
  }
  async list(
    cell: string,
    status: DecisionRequestStatus | undefined,
    page: PageRequest,
    reach: SensitiveReach,
  ): Promise<Page<DecisionRequest>> {
    const matching = this.requests.filter((r) => r.cell === cell && (status === undefined || r.status === status));
    return fakePage(matching, (r) => r.dueAt, 'asc', page, reach);
  }
  async open(): Promise<DecisionRequest[]> {
    return this.requests.filter((r) => r.status === 'open');
  }
}
