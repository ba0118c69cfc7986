import { DecisionRequest, Escalation } from '@muster/domain';
import { DecisionRequestEntity, EscalationEntity } from '../entities';

const iso = (date: Date | null) => (date === null ? undefined : date.toISOString());

export function toEscalation(row: EscalationEntity): Escalation {
  return {
    id: row.id,
    ...(row.authority === null ? {} : { authority: row.authority }),
    cell: row.cell,
    title: row.title,
    detail: row.detail,
    severity: row.severity,
    ...(row.ask === null ? {} : { ask: row.ask }),
    marking: row.marking,
    raisedBy: row.raisedBy,
    raisedAt: row.raisedAt.toISOString(),
    level: row.level,
    ...(row.heldBy === null ? {} : { heldBy: row.heldBy }),
    status: row.status,
    ackDueAt: row.ackDueAt === null ? null : row.ackDueAt.toISOString(),
    overdue: row.overdue,
    ...(row.decisionRequestId === null ? {} : { decisionRequestId: row.decisionRequestId }),
    version: row.version,
    history: row.history,
  };
}

export function escalationRow(e: Escalation): EscalationEntity {
  const row = new EscalationEntity();
  Object.assign(row, {
    id: e.id,
    authority: e.authority ?? null,
    cell: e.cell,
    title: e.title,
    detail: e.detail,
    severity: e.severity,
    ask: e.ask ?? null,
    marking: e.marking,
    raisedBy: e.raisedBy,
    raisedAt: new Date(e.raisedAt),
    level: e.level,
    heldBy: e.heldBy ?? null,
    status: e.status,
    ackDueAt: e.ackDueAt === null ? null : new Date(e.ackDueAt),
    overdue: e.overdue,
    decisionRequestId: e.decisionRequestId ?? null,
    version: e.version,
    history: e.history,
  });
  return row;
}

export function toDecisionRequest(row: DecisionRequestEntity): DecisionRequest {
  const optional = {
    context: row.context ?? undefined,
    options: row.options ?? undefined,
    authority: row.authority ?? undefined,
    decisionId: row.decisionId ?? undefined,
    decidedAt: iso(row.decidedAt),
    escalationId: row.escalationId ?? undefined,
    overdueAt: iso(row.overdueAt),
  };
  return {
    id: row.id,
    cell: row.cell,
    question: row.question,
    dueAt: row.dueAt.toISOString(),
    marking: row.marking,
    status: row.status,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    version: row.version,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

export function decisionRequestRow(r: DecisionRequest): DecisionRequestEntity {
  const row = new DecisionRequestEntity();
  Object.assign(row, {
    id: r.id,
    cell: r.cell,
    question: r.question,
    context: r.context ?? null,
    options: r.options ?? null,
    dueAt: new Date(r.dueAt),
    marking: r.marking,
    authority: r.authority ?? null,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedAt: new Date(r.requestedAt),
    decisionId: r.decisionId ?? null,
    decidedAt: r.decidedAt === undefined ? null : new Date(r.decidedAt),
    escalationId: r.escalationId ?? null,
    overdueAt: r.overdueAt === undefined ? null : new Date(r.overdueAt),
    version: r.version,
  });
  return row;
}
