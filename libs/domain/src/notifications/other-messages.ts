import { capitalise } from './escalation-messages';
import {
  compose,
  day,
  field,
  isSensitive,
  type MessageOptions,
  type NotifiableEvent,
  type NotificationMessage,
  type NotificationReason,
  quote,
  segment,
  when,
  why,
} from './notification-message';

const SENSITIVE_REQUEST =
  'It is marked OFFICIAL-SENSITIVE, so its question is not in this message: open it in Muster to read it.';
const SENSITIVE_ACTION =
  'It is marked OFFICIAL-SENSITIVE, so what it says is not in this message: open the cell in Muster to read it.';

/** A decision request opened (to the cell's holder) or went overdue (to regional): links to the cell's requests. */
export function decisionRequestMessage(
  event: NotifiableEvent,
  reason: NotificationReason,
  options: MessageOptions,
): NotificationMessage | undefined {
  const d = event.data;
  const id = field(d, 'id');
  const cell = event.cell;
  if (id === undefined || cell === undefined) return undefined;
  const sensitive = isSensitive(event);
  const question = field(d, 'question');
  const named = !sensitive && question !== undefined ? `: ${quote(question)}` : '';
  const due = when(field(d, 'dueAt'), options);
  const overdue = event.type === 'decision-request.overdue';
  const subject = `${sensitive ? 'Sensitive decision' : 'Decision'} ${overdue ? 'overdue' : 'needed'} in ${cell}${named}`;
  const happened = overdue
    ? `A decision requested of the ${cell} cell was due${due === undefined ? '' : ` by ${due}`} and has not been made. It has been escalated to regional.`
    : `The ${cell} cell has been asked for a decision${due === undefined ? '' : ` by ${due}`}.`;
  return {
    subject,
    body: compose(
      [
        happened,
        sensitive ? SENSITIVE_REQUEST : question === undefined ? undefined : `Question: "${quote(question)}".`,
      ],
      why(reason, undefined, cell),
    ),
    linkPath: `/cells/${segment(cell)}/decision-requests#request-${segment(id)}`,
  };
}

/** The daily report published: to the mayor's office, linking to its printable page. The weekly briefing is not sent. */
export function feedPublishedMessage(
  event: NotifiableEvent,
  reason: NotificationReason,
): NotificationMessage | undefined {
  const date = field(event.data, 'date');
  if (field(event.data, 'kind') !== 'daily' || date === undefined) return undefined;
  return {
    subject: `Daily report for ${day(date)} is ready`,
    body: compose(
      [`The region's daily report for ${day(date)} has been published.`, 'Open it to read or print it.'],
      why(reason),
    ),
    linkPath: `/feeds/daily/${segment(date)}`,
  };
}

/** An action past its due date: payload `{ actionId, cell, action, owner, due }`, to its owner and the cell's holder. */
export function actionOverdueMessage(
  event: NotifiableEvent,
  reason: NotificationReason,
  options: MessageOptions,
): NotificationMessage | undefined {
  const d = event.data;
  const cell = field(d, 'cell') ?? event.cell;
  if (field(d, 'actionId') === undefined || cell === undefined) return undefined;
  const sensitive = isSensitive(event);
  const action = field(d, 'action');
  const due = when(field(d, 'due'), options) ?? field(d, 'due');
  const named = !sensitive && action !== undefined ? `: ${quote(action)}` : '';
  return {
    subject: `${capitalise(sensitive ? 'sensitive action' : 'action')} overdue in ${cell}${named}`,
    body: compose(
      [
        `An action from a decision of the ${cell} cell was due${due === undefined ? '' : ` by ${due}`} and is not done.`,
        sensitive ? SENSITIVE_ACTION : action === undefined ? undefined : `Action: "${quote(action)}".`,
        'Mark it done, or say why not.',
      ],
      why(reason, undefined, cell),
    ),
    linkPath: `/cells/${segment(cell)}`,
  };
}
