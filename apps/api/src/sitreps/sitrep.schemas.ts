import { z } from 'zod';
import { RAGS } from '@muster/domain';
import { calendarDate, text } from '../http/schemas';

/** Figures are checked against the cell's own figure list by the domain, which names each bad key. */
export const sitrepBody = z
  .strictObject({
    figures: z.record(z.string().max(63), z.unknown()),
    narrative: text(10_000).optional(),
    rag: z.enum(RAGS).optional(),
  })
  .meta({ id: 'SitrepInput' });

export const sitrepQuery = z.strictObject({ date: calendarDate.optional() });
