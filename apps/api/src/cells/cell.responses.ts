import { z } from 'zod';
import { ROLES } from '@muster/contracts';
import { OPEN_ITEM_KINDS } from '@muster/domain';
import { instant } from '../http/responses';
import { cell } from '../reference/reference.responses';

export const handover = z
  .strictObject({
    openEscalations: z.array(z.string()),
    openRequests: z.array(z.string()),
    items: z.array(
      z.strictObject({
        kind: z.enum(OPEN_ITEM_KINDS),
        id: z.string(),
        title: z.string(),
        to: z.union([
          z.strictObject({ sub: z.string(), name: z.string().optional() }),
          z.strictObject({ role: z.enum(ROLES) }),
        ]),
      }),
    ),
    note: z.string().optional(),
  })
  .meta({ id: 'Handover', description: 'What was still open (OFFICIAL items) and who takes each.' });

export const governanceResult = z
  .strictObject({
    cell,
    handover: handover.optional().meta({ description: 'On standing down: what was still open, handed over.' }),
    answered: z
      .array(z.strictObject({ requestId: z.string(), decisionId: z.string() }))
      .optional()
      .meta({
        description:
          'On standing up: the activation questions it closed, each decided by the decision to stand up, logged in the cell’s log.',
      }),
  })
  .meta({ id: 'GovernanceChange' });

export const handoverList = z
  .strictObject({
    items: z.array(z.strictObject({ slug: z.string(), reason: z.string(), by: z.string(), at: instant, handover })),
  })
  .meta({ id: 'HandoverList' });
