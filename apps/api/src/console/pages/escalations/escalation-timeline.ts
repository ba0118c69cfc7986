import type { Actor, Escalation, HeldBy, Level } from '@muster/domain';
import { timeText } from '../../view/format';
import { holderText, LEVEL_NAMES, type Names } from './escalation-words';

/** One step of the history as the page says it. */
export interface TimelineEntry {
  heading: string;
  /** "By Jas Kaur", or "By the system (automatic)" for the steps the ladder took by itself. */
  by: string;
  at: string;
  /** The instant, for `<time datetime>`. */
  datetime: string;
  notes: string[];
}

const level = (at: Level) => LEVEL_NAMES[at].toLowerCase();

export function byText(actor: Actor): string {
  return actor === 'system' ? 'By the system (automatic)' : `By ${actor.name}`;
}

/** Every step of the history, newest first, each with its time, its actor and what it said. */
export function timeline(e: Escalation, names: Names): TimelineEntry[] {
  const when = (iso: string) => timeText(iso, names.timeZone);
  const asked = (at: Level, due: string) => `${holderText(at, names.cell(e.cell))} to acknowledge by ${when(due)}.`;
  // The deadline that was running before each step: what an automatic step says was missed.
  let running: string | undefined;
  const entries = e.history.map((step): TimelineEntry => {
    const missed = running;
    if (step.step === 'raised' || step.step === 'escalated') running = step.ackDueAt;
    const held =
      'heldBy' in step && step.heldBy !== undefined && step.step !== 'handed-over' ? [heldText(step.heldBy)] : [];
    const base = { by: byText(step.actor), at: when(step.at), datetime: step.at };
    switch (step.step) {
      case 'raised':
        return {
          ...base,
          heading: `Raised at ${level(step.level)} level`,
          notes: [
            ...(e.decisionRequestId === undefined
              ? []
              : ['A decision request passed its deadline without a decision.']),
            asked(step.level, step.ackDueAt),
            ...held,
          ],
        };
      case 'acknowledged':
        return {
          ...base,
          heading: `Acknowledged at ${level(step.level)} level`,
          notes: step.note === undefined ? [] : [`Note: ${step.note}`],
        };
      case 'escalated':
        return {
          ...base,
          heading: `Escalated from ${level(step.from)} to ${level(step.level)} level`,
          notes: [
            step.actor === 'system' ? notAcknowledged(step.from, missed, when) : `Reason: ${step.reason}`,
            asked(step.level, step.ackDueAt),
            ...held,
          ],
        };
      case 'overdue':
        return {
          ...base,
          heading: `Overdue at ${level(step.level)} level`,
          notes: [
            notAcknowledged(step.level, missed, when),
            'It stays at this level, marked overdue, until someone acts.',
          ],
        };
      case 'resolved':
        return {
          ...base,
          heading: `Resolved at ${level(step.level)} level`,
          notes: [`Resolution: ${step.resolution}`],
        };
      case 'handed-over':
        return {
          ...base,
          heading: `Handed over at ${level(step.level)} level`,
          notes: [`${step.from.name} handed their shift to ${step.heldBy.name}, who holds it now.`],
        };
    }
  });
  return entries.reverse();
}

function notAcknowledged(at: Level, deadline: string | undefined, when: (iso: string) => string): string {
  return deadline === undefined
    ? `Not acknowledged in time at ${level(at)} level.`
    : `Not acknowledged at ${level(at)} level by ${when(deadline)}.`;
}

/** Who held the level the step reached, from the rota: a person on shift, or the scope's fallback contact point. */
export function heldText(heldBy: HeldBy): string {
  return heldBy.key.startsWith('contact:')
    ? `Held by ${heldBy.name} (the fallback contact: no one is on the rota).`
    : `Held by ${heldBy.name} (on the rota).`;
}
