import { SetMetadata } from '@nestjs/common';
import { z } from 'zod';
import type { DisclosedItem, StoredDisclosure } from '@muster/application';
import { MARKINGS } from '@muster/contracts';
import { DomainError } from '@muster/domain';

/** Reads what a route's stored response shows; throws on a body that is not that route's response. */
export type ResponseDisclosure = (body: unknown) => StoredDisclosure;

export const REPLAY_DISCLOSURE = 'muster:replay-disclosure';

/**
 * Declares what a POST route's response shows, so that its idempotent replay is admitted like a read of
 * it (AdmitReplay). Every POST route declares one: a replay of a route without it is refused.
 */
export const Discloses = (disclosure: ResponseDisclosure) => SetMetadata(REPLAY_DISCLOSURE, disclosure);

/** A response with no marked content (a receipt of ids and hashes, a cell): anyone who got it may get it again. */
export const nothingMarked: ResponseDisclosure = () => ({ items: [] });

// Stored bodies are parsed, not trusted: one that does not read as the route's response fails the replay.
const marking = z.enum(MARKINGS);
const singleItem = z.object({ id: z.string(), cell: z.string(), marking, authority: z.string().optional() });
const feed = z.object({
  cells: z.array(
    z.object({
      slug: z.string(),
      escalations: z.object({
        items: z.array(z.object({ id: z.string(), marking, authority: z.string().optional() })),
      }),
      decisions: z.array(z.object({ id: z.string(), marking, authorities: z.array(z.string()) })),
    }),
  ),
});

const shownItem = (itemType: DisclosedItem['itemType'], item: z.infer<typeof singleItem>): DisclosedItem => ({
  itemType,
  id: item.id,
  marking: item.marking,
  cell: item.cell,
  authorities: item.authority === undefined ? [] : [item.authority],
});

/** An escalation, as the escalation routes answer: read as `GET /escalations/:id` reads it. */
export const escalationShown: ResponseDisclosure = (body) => ({
  read: { action: 'reference.read' },
  items: [shownItem('escalation', singleItem.parse(body))],
});

/** A decision request (and, answering it, the receipt of its decision): read as its GET reads it. */
export const decisionRequestShown: ResponseDisclosure = (body) => {
  const request = singleItem.parse(body);
  return { read: { action: 'cell.view', cell: request.cell }, items: [shownItem('decision-request', request)] };
};

/**
 * A private feed URL's key is shown once and never stored, not even in the idempotency record (which holds
 * only the id): a repeat cannot answer the first response, so it says what the key made instead.
 */
export const keyShownOnce: ResponseDisclosure = (body) => {
  const { id } = z.object({ id: z.string() }).parse(body);
  throw new DomainError(
    'conflict',
    `this Idempotency-Key already made private feed URL ${id}; its URL is shown only once: revoke it and make another if it was lost`,
  );
};

/** A daily feed as served to its generator: read as `GET /feeds/daily/:date` reads it. */
export const feedShown: ResponseDisclosure = (body) => ({
  read: { action: 'feed.read' },
  items: feed.parse(body).cells.flatMap((cell) => [
    ...cell.escalations.items.map((e) => shownItem('escalation', { ...e, cell: cell.slug })),
    ...cell.decisions.map((d): DisclosedItem => ({
      itemType: 'decision',
      id: d.id,
      marking: d.marking,
      cell: cell.slug,
      authorities: d.authorities,
    })),
  ]),
});
