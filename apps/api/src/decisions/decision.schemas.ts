import { z } from 'zod';
import { gssCode, INT4_MAX, isoInstant, marking, queryInteger, text, uuid } from '../http/schemas';

const option = z.strictObject({ option: text(2_000), chosen: z.boolean(), notes: text(4_000).optional() });
const action = z.strictObject({ action: text(2_000), owner: text(200), due: isoInstant.optional() });
/** In an amended list, an action may name the tracked action it is (see ActionsDiff). */
const amendedAction = action.extend({ id: uuid.optional() });

const recordFields = {
  title: text(200),
  decision: text(10_000),
  rationale: text(10_000),
  informationAvailable: text(10_000),
  risks: text(10_000).optional(),
  powersAndPolicy: text(4_000).optional(),
  options: z.array(option).min(1, 'must list at least one option').max(20),
  decidedBy: text(200).optional(),
  decidedAt: isoInstant,
  delayReason: text(2_000).optional(),
  actions: z.array(action).max(50).optional(),
  reviewBy: isoInstant.optional(),
};

/** A decision as the contract defines it (JESIP Joint Decision Model fields). */
export const decisionBody = z
  .strictObject({ ...recordFields, marking, authorities: z.array(gssCode).max(50).optional() })
  .meta({ id: 'DecisionInput' });

export const amendmentBody = z
  .strictObject({
    reason: text(4_000),
    changes: z
      .strictObject({
        title: recordFields.title,
        decision: recordFields.decision,
        rationale: recordFields.rationale,
        informationAvailable: recordFields.informationAvailable,
        risks: recordFields.risks,
        powersAndPolicy: recordFields.powersAndPolicy,
        options: recordFields.options,
        decidedBy: text(200),
        decidedAt: isoInstant,
        delayReason: recordFields.delayReason,
        actions: z.array(amendedAction).max(50),
        reviewBy: isoInstant,
        authorities: z.array(gssCode).min(1).max(50),
      })
      .partial(),
  })
  .meta({ id: 'AmendmentInput' });

/** `after` is a sequence, an `integer` column. */
export const listQuery = z.strictObject({
  after: queryInteger(0, INT4_MAX).default(0),
  limit: queryInteger(1, 500).default(50),
});

export const exportQuery = z.strictObject({ format: z.enum(['jsonl', 'csv']).default('jsonl') });
