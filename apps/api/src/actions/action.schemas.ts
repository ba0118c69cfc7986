import { z } from 'zod';
import { pageCursor } from '../http/page-cursor';
import { cellSlug, queryInteger, text } from '../http/schemas';

export const ACTION_STATUSES = ['open', 'done', 'dropped', 'overdue'] as const;

export const listQuery = z.strictObject({
  owner: text(200).optional(),
  cell: cellSlug.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  limit: queryInteger(1, 500).default(100),
  cursor: pageCursor.optional(),
});

/** Progress on an action: a final status (`dropped` needs a `note` saying why), a note alone, or both. */
export const updateBody = z
  .strictObject({
    status: z.enum(['done', 'dropped']).optional(),
    note: text(4_000).optional(),
  })
  .meta({ id: 'ActionUpdate' });
