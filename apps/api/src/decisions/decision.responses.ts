import { z } from 'zod';
import { count, instant, markingOf, recorder } from '../http/responses';

const hash = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .meta({ description: 'SHA-256, hex.' });

const record = {
  title: z.string(),
  decision: z.string(),
  rationale: z.string(),
  informationAvailable: z.string(),
  risks: z.string().optional(),
  powersAndPolicy: z.string().optional(),
  options: z.array(z.strictObject({ option: z.string(), chosen: z.boolean(), notes: z.string().optional() })),
  decidedBy: z.string(),
  decidedAt: instant,
  delayReason: z.string().optional(),
  actions: z.array(
    z.strictObject({
      id: z.string().optional().meta({
        description: 'The tracked action (`GET /actions`); absent on decisions logged before actions were tracked.',
      }),
      action: z.string(),
      owner: z.string().meta({ description: 'A person’s `sub`, or the name of someone outside Muster.' }),
      due: instant.optional(),
    }),
  ),
  reviewBy: instant.optional(),
  decisionRequestId: z.string().optional().meta({ description: 'The decision request this decision answered.' }),
  journalPosition: count
    .optional()
    .meta({ description: 'The board as the decision makers saw it: `GET /board?at=` with it.' }),
};

/** The stored fields of every entry, which its hash covers with the previous entry's hash. */
const entry = {
  id: z.string(),
  cell: z.string(),
  sequence: z.number().int().min(1),
  marking: markingOf,
  authorities: z.array(z.string()),
  recordedAt: instant,
  recordedBy: recorder,
  hash,
  prevHash: hash,
};

export const decisionRecord = z
  .strictObject(record)
  .meta({ id: 'DecisionRecord', description: 'A decision as recorded (JESIP Joint Decision Model).' });
export const decisionEntry = z
  .strictObject({ ...entry, kind: z.literal('decision'), ...record })
  .meta({ id: 'DecisionEntry' });
const identifiedAction = z.strictObject({
  id: z.string(),
  action: z.string(),
  owner: z.string(),
  due: instant.optional(),
});

/** What an amendment did to its decision's actions: nothing leaves the list without being named here. */
export const actionsDiff = z
  .strictObject({
    added: z.array(identifiedAction),
    changed: z.array(z.strictObject({ id: z.string(), before: identifiedAction, after: identifiedAction })),
    dropped: z.array(identifiedAction),
  })
  .meta({
    id: 'ActionsDiff',
    description:
      'An amended list of actions read against the current one: an action is the one whose `id` it gives, or else the one with the same text; the rest are added, and every action left out is dropped (its record `dropped`, with the amendment’s reason).',
  });

export const amendmentEntry = z
  .strictObject({
    ...entry,
    kind: z.literal('amendment'),
    amends: z.string(),
    reason: z.string(),
    changes: z.record(z.string(), z.unknown()),
    actionsDiff: actionsDiff.optional(),
  })
  .meta({
    id: 'AmendmentEntry',
    description: 'A correction appended to the log; the entry it amends is never edited.',
  });
export const logEntry = z.discriminatedUnion('kind', [decisionEntry, amendmentEntry]).meta({ id: 'LogEntry' });

const detail = {
  amendments: z.array(logEntry),
  current: decisionRecord.optional().meta({ description: 'The record as it reads after its amendments.' }),
};
export const decisionDetail = z
  .discriminatedUnion('kind', [decisionEntry.extend(detail), amendmentEntry.extend(detail)])
  .meta({ id: 'LogEntryDetail' });

export const loggedDecision = z
  .strictObject({ id: z.string(), sequence: z.number().int().min(1), hash, prevHash: hash, recordedAt: instant })
  .meta({ id: 'LoggedDecision' });
export const loggedAmendment = loggedDecision
  .extend({ amends: z.string(), actionsDiff: actionsDiff.optional() })
  .meta({ id: 'LoggedAmendment' });

export const decisionPage = z
  .strictObject({
    items: z.array(logEntry),
    nextAfter: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Pass as `after` for the next page; null when the log has nothing further.' }),
  })
  .meta({ id: 'DecisionPage' });

export const chainVerdict = z
  .discriminatedUnion('valid', [
    z.strictObject({ valid: z.literal(true), entries: count, head: hash }),
    z.strictObject({
      valid: z.literal(false),
      entries: count,
      firstBadSequence: z
        .number()
        .int()
        .min(1)
        .optional()
        .meta({ description: 'Absent where it would tell of entries the reader may not see.' }),
    }),
  ])
  .meta({ id: 'ChainVerdict' });
