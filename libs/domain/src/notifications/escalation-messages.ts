import {
  compose,
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

/** What happened, in words, for each escalation step Muster tells people about. */
const HEADLINES: Record<string, string> = {
  'escalation.raised': 'escalation raised',
  'escalation.escalated': 'escalation climbed',
  'escalation.acknowledged': 'escalation acknowledged',
  'escalation.resolved': 'escalation resolved',
  'escalation.overdue': 'escalation overdue',
};

export function isEscalationStep(type: string): boolean {
  return type in HEADLINES;
}

const SENSITIVE_NOTE =
  'It is marked OFFICIAL-SENSITIVE, so its title and detail are not in this message: open it in Muster to read them.';

/** The sentence saying what happened, built only from fields that carry no free text. */
function whatHappened(type: string, d: Record<string, unknown>, where: string, options: MessageOptions): string {
  const severity = field(d, 'severity') ?? 'an';
  const level = field(d, 'level') ?? 'current';
  const actor = field(d, 'actor') ?? 'Someone';
  const ackBy = when(field(d, 'ackDueAt'), options);
  const deadline = ackBy === undefined ? undefined : `It needs acknowledging by ${ackBy}.`;
  switch (type) {
    case 'escalation.raised':
      return [`${who(actor)} raised a ${severity} escalation ${where} at the ${level} level.`, deadline].join(' ');
    case 'escalation.escalated': {
      const how = actor === 'system' ? 'because it was not acknowledged in time' : `(escalated by ${actor})`;
      const from = field(d, 'from') ?? 'previous';
      return [
        `A ${severity} escalation ${where} climbed from the ${from} to the ${level} level ${how}.`,
        deadline,
      ].join(' ');
    }
    case 'escalation.acknowledged':
      return `${who(actor)} acknowledged the ${severity} escalation ${where} at the ${level} level.`;
    case 'escalation.resolved':
      return `${who(actor)} resolved the ${severity} escalation ${where}.`;
    default:
      return `The ${severity} escalation ${where} was not acknowledged in time at the ${level} level, the top of the ladder. It needs someone to take it now.`;
  }
}

function who(actor: string): string {
  return actor === 'system' ? 'Muster' : actor;
}

/** The free text an OFFICIAL step carries (a climb's reason, a resolution), quoted; never for a sensitive item. */
function stepText(type: string, d: Record<string, unknown>): string | undefined {
  const text =
    type === 'escalation.resolved'
      ? field(d, 'resolution')
      : type === 'escalation.escalated' && field(d, 'actor') !== 'system'
        ? field(d, 'reason')
        : undefined;
  return text === undefined
    ? undefined
    : `${type === 'escalation.resolved' ? 'Resolution' : 'Reason'}: "${quote(text)}".`;
}

/** Raised, climbed, acknowledged, resolved or overdue: to the level's holder and to the raiser. */
export function escalationStepMessage(
  event: NotifiableEvent,
  reason: NotificationReason,
  options: MessageOptions,
): NotificationMessage | undefined {
  const d = event.data;
  const id = field(d, 'id');
  const headline = HEADLINES[event.type];
  if (id === undefined || headline === undefined) return undefined;
  const sensitive = isSensitive(event);
  const severity = field(d, 'severity');
  const where = event.cell === undefined ? '' : `from the ${event.cell} cell`;
  const title = field(d, 'title');
  const named = !sensitive && title !== undefined ? `: ${quote(title)}` : '';
  const kind = [sensitive ? 'Sensitive' : undefined, severity].filter(Boolean).join(' ');
  const subject = `${capitalise(kind === '' ? headline : `${kind} ${headline}`)}${named}`;
  return {
    subject,
    body: compose(
      [
        whatHappened(event.type, d, where, options).replace(/\s+/g, ' ').trim(),
        !sensitive && title !== undefined ? `Escalation: "${quote(title)}".` : undefined,
        sensitive ? SENSITIVE_NOTE : stepText(event.type, d),
      ],
      why(reason, field(d, 'level'), event.cell),
    ),
    linkPath: `/escalations/${segment(id)}`,
  };
}

/** An acknowledged escalation's promised update did not come: payload `{ escalationId, nextUpdateDue }`. */
export function updateOverdueMessage(
  event: NotifiableEvent,
  reason: NotificationReason,
  options: MessageOptions,
): NotificationMessage | undefined {
  const id = field(event.data, 'escalationId');
  if (id === undefined) return undefined;
  const due = when(field(event.data, 'nextUpdateDue'), options);
  const where = event.cell === undefined ? 'An escalation' : `An escalation from the ${event.cell} cell`;
  return {
    subject: 'An update on an escalation is overdue',
    body: compose(
      [
        `${where} was acknowledged with an update promised${due === undefined ? '' : ` by ${due}`}, and none has been posted.`,
        'Post an update, or resolve it.',
        isSensitive(event) ? SENSITIVE_NOTE : undefined,
      ],
      why(reason, undefined, event.cell),
    ),
    linkPath: `/escalations/${segment(id)}`,
  };
}

/** Who handed a shift over, from `handedOverBy`: a person's or a contact point's name, never the item's text. */
function handedOverBy(d: Record<string, unknown>): string {
  const by = d.handedOverBy;
  if (typeof by !== 'object' || by === null) return 'the previous holder';
  return field(by as Record<string, unknown>, 'name') ?? 'the previous holder';
}

/** The holder handed their shift over: the one who took it now holds the escalation and is told so. */
export function handedOverMessage(event: NotifiableEvent, reason: NotificationReason): NotificationMessage | undefined {
  const d = event.data;
  const id = field(d, 'id');
  if (id === undefined) return undefined;
  const sensitive = isSensitive(event);
  const title = field(d, 'title');
  const severity = field(d, 'severity') ?? 'an';
  const level = field(d, 'level');
  const where = [
    `a ${severity} escalation`,
    event.cell === undefined ? undefined : `from the ${event.cell} cell`,
    level === undefined ? undefined : `at the ${level} level`,
  ]
    .filter(Boolean)
    .join(' ');
  const named = !sensitive && title !== undefined ? `"${quote(title)}" (${where})` : capitalise(where);
  return {
    subject:
      sensitive || title === undefined
        ? 'Sensitive escalation handed to you'
        : `Escalation handed to you: ${quote(title)}`,
    body: compose(
      [
        `${named} was handed to you by ${handedOverBy(d)}.`,
        'It is yours now: open it to see where it stands.',
        sensitive ? SENSITIVE_NOTE : undefined,
      ],
      why(reason, level, event.cell),
    ),
    linkPath: `/escalations/${segment(id)}`,
  };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
