import { z } from 'zod';
import { cell } from '../reference/reference.responses';

export const governanceResult = z
  .strictObject({
    cell,
    handover: z
      .strictObject({
        openEscalations: z.array(z.string()),
        openRequests: z.array(z.string()),
        note: z.string().optional(),
      })
      .optional()
      .meta({ description: 'On standing down: what was still open, handed over.' }),
  })
  .meta({ id: 'GovernanceChange' });
