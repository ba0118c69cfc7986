import { z } from 'zod';
import { instant } from '../http/responses';

export const feedTokenSummary = z
  .strictObject({
    id: z.uuid(),
    label: z.string(),
    createdAt: instant,
    lastUsedAt: instant
      .nullable()
      .meta({ description: 'When a feed reader last read through it (to within a few minutes); null if never.' }),
  })
  .meta({
    id: 'FeedToken',
    description: 'A private feed URL, without its key: the key is shown once, when it is made.',
  });

export const createdFeedToken = z
  .strictObject({
    id: z.uuid(),
    url: z.url().meta({
      description:
        'The private feed URL (`PUBLIC_URL/feeds/daily.atom?key=…`), shown this once: only a hash of its key is kept.',
    }),
    label: z.string(),
    createdAt: instant,
  })
  .meta({ id: 'CreatedFeedToken' });

export const feedTokenList = z.strictObject({ items: z.array(feedTokenSummary) }).meta({ id: 'FeedTokenList' });
