import { z } from 'zod';
import { loggedDecision } from '../decisions/decision.responses';
import { instant, markingOf, recorder } from '../http/responses';

export const decisionRequest = z
  .strictObject({
    id: z.string(),
    cell: z.string(),
    question: z.string(),
    context: z.string().optional(),
    options: z.array(z.string()).optional(),
    dueAt: instant,
    marking: markingOf,
    authority: z.string().optional(),
    status: z.enum(['open', 'decided', 'overdue']),
    requestedBy: recorder,
    requestedAt: instant,
    decisionId: z.string().optional().meta({ description: 'The decision log entry that answered it.' }),
    decidedAt: instant.optional(),
    escalationId: z
      .string()
      .optional()
      .meta({ description: 'The regional escalation raised when its deadline passed.' }),
    overdueAt: instant.optional(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'DecisionRequest' });

export const decidedRequest = decisionRequest.extend({ decision: loggedDecision }).meta({ id: 'DecidedRequest' });

export const decisionRequestPage = z
  .strictObject({
    items: z.array(decisionRequest),
    next: z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last.' }),
  })
  .meta({ id: 'DecisionRequestPage' });
