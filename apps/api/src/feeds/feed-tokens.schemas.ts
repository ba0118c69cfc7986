import { z } from 'zod';
import { text } from '../http/schemas';

/** What a person calls a private feed URL, so they can tell theirs apart ("Outlook on my phone"). */
export const feedTokenBody = z
  .strictObject({
    label: text(100).optional().meta({ description: 'What the URL is for; "Feed reader" when left out.' }),
  })
  .meta({ id: 'FeedTokenInput' });
