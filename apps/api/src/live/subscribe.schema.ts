import { z } from 'zod';

export const MAX_TOPICS_PER_SUBSCRIBE = 50;

export const subscribeMessage = z.strictObject({
  topics: z
    .array(z.string().max(100, 'must be at most 100 characters'))
    .min(1, 'must name at least one topic')
    .max(MAX_TOPICS_PER_SUBSCRIBE, `must name at most ${MAX_TOPICS_PER_SUBSCRIBE} topics`),
  after: z.number().int().min(0).optional(),
});

export type SubscribeMessage = z.infer<typeof subscribeMessage>;

export interface SubscribeAck {
  subscribed: string[];
  refused: Array<{ topic: string; reason: string }>;
  replayed: number;
}
