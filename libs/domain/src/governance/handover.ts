import { Role, ROLES } from '@muster/contracts';
import { DomainError } from '../shared/domain-error';

/** What may be open in a cell when it stands down; `action` is there for tracked actions. */
export const OPEN_ITEM_KINDS = ['escalation', 'decision-request', 'action'] as const;
export type OpenItemKind = (typeof OPEN_ITEM_KINDS)[number];

/** One thing still open in a cell: an escalation, a decision request (or an action), with what people call it. */
export interface OpenItem {
  kind: OpenItemKind;
  id: string;
  title: string;
}

/** Who takes an item: a named person (their `sub`, and a name to show) or a role (e.g. regional coordination). */
export type HandoverTaker = { sub: string; name?: string } | { role: Role };

export interface HandoverAssignment {
  kind: OpenItemKind;
  id: string;
  to: HandoverTaker;
}

/** The handover as recorded: what was open, who takes each, and the note. */
export interface Handover {
  openEscalations: string[];
  openRequests: string[];
  items: Array<HandoverAssignment & { title: string }>;
  note?: string;
}

const key = (item: { kind: string; id: string }) => `${item.kind} ${item.id}`;

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * A handover is complete when every open item is named exactly once, to someone, and it names nothing
 * else. Each problem is at its place: `handover` for an item nobody takes, `handover.<i>` for a repeat or
 * an item that is not open, `handover.<i>.to` for nobody named.
 */
export function handoverProblems(
  open: readonly OpenItem[],
  assignments: readonly HandoverAssignment[],
): Array<{ path: string; message: string }> {
  const openKeys = new Set(open.map(key));
  const seen = new Set<string>();
  const problems: Array<{ path: string; message: string }> = [];
  assignments.forEach((assignment, index) => {
    const k = key(assignment);
    if (!openKeys.has(k)) {
      problems.push({ path: `handover.${String(index)}`, message: `${k} is not open in this cell` });
    } else if (seen.has(k)) {
      problems.push({ path: `handover.${String(index)}`, message: `names ${k} more than once` });
    }
    seen.add(k);
    const to = assignment.to;
    if ('sub' in to ? to.sub.trim() === '' : !isRole(to.role)) {
      problems.push({ path: `handover.${String(index)}.to`, message: 'must name a person or a role' });
    }
  });
  for (const item of open) {
    if (!seen.has(key(item))) {
      problems.push({ path: 'handover', message: `names nobody to take ${key(item)} (${item.title})` });
    }
  }
  return problems;
}

/** The handover, or a 422 listing every item missing, repeated or unknown. */
export function completeHandover(
  open: readonly OpenItem[],
  assignments: readonly HandoverAssignment[],
  note: string | undefined,
): Handover {
  const problems = handoverProblems(open, assignments);
  if (problems.length > 0) {
    throw new DomainError(
      'rule-violated',
      `the handover is incomplete: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  }
  const titles = new Map(open.map((item) => [key(item), item.title]));
  return {
    openEscalations: open.filter((i) => i.kind === 'escalation').map((i) => i.id),
    openRequests: open.filter((i) => i.kind === 'decision-request').map((i) => i.id),
    items: assignments.map((a) => ({ kind: a.kind, id: a.id, title: titles.get(key(a)) ?? '', to: { ...a.to } })),
    ...(note !== undefined && { note }),
  };
}
