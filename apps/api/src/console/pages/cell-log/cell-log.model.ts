import type { AmendmentEntryView, DecisionPage } from '@muster/application';
import type { Authority, Cell, ChainVerdict } from '@muster/domain';
import { dayText } from '../../view/format';
import { amendmentEntryModel, decisionEntryModel, type EntryModel } from './entry.model';

/** Entries a page of the log shows: the log reads oldest first, like the book it replaces. */
export const LOG_PAGE_SIZE = 20;

export interface CellLogQuery {
  after: number;
  logged?: number;
  amended?: number;
}

/** What the person may do here, as the policy says (the commands ask it again). */
export interface CellLogPermissions {
  log: boolean;
  amend: boolean;
  export: boolean;
}

export interface CellLogModel {
  pageTitle: string;
  heading: string;
  cell: { slug: string; name: string };
  banner?: string;
  permissions: CellLogPermissions;
  entries: Array<EntryModel & { amendHref?: string }>;
  empty: string | undefined;
  pagination: { previous?: { href: string }; next?: { href: string } };
  pack: { from: string; to: string };
  live: { topics: string; cell: string };
}

export interface CellLogInputs {
  cell: Pick<Cell, 'slug' | 'name'>;
  page: DecisionPage;
  /** Each decision's amendments (GET /cells/:cell/decisions/:id), also of originals on earlier pages. */
  amendmentsOf: ReadonlyMap<string, readonly AmendmentEntryView[]>;
  /** Sequences of entries named by amendments on this page but shown on another. */
  sequences: ReadonlyMap<string, number>;
  authorities: readonly Authority[];
  timeZone: string;
  today: string;
  permissions: CellLogPermissions;
  liveTopic: string;
}

export function cellLogModel(inputs: CellLogInputs, query: CellLogQuery): CellLogModel {
  const { cell, page, timeZone } = inputs;
  const base = `/cells/${cell.slug}`;
  const sequences = new Map(inputs.sequences);
  for (const entry of page.items) sequences.set(entry.id, entry.sequence);
  const ctx = {
    timeZone,
    authorityNames: new Map(inputs.authorities.map((a) => [a.code, a.name])),
    sequenceOf: (id: string) => sequences.get(id),
  };
  const entries = page.items.map((entry) => {
    if (entry.kind === 'amendment') return amendmentEntryModel(entry, ctx);
    const model = decisionEntryModel(entry, inputs.amendmentsOf.get(entry.id) ?? [], ctx);
    return inputs.permissions.amend ? { ...model, amendHref: `${base}/decisions/${entry.id}/amend` } : model;
  });
  const previous = query.after > 0 ? Math.max(0, query.after - LOG_PAGE_SIZE) : undefined;
  return {
    pageTitle: `${cell.name}: decision log`,
    heading: `${cell.name}: decision log`,
    cell: { slug: cell.slug, name: cell.name },
    ...banner(query),
    permissions: inputs.permissions,
    entries,
    empty:
      entries.length > 0
        ? undefined
        : query.after > 0
          ? 'There are no later entries.'
          : 'No decisions have been logged in this cell yet.',
    pagination: {
      ...(previous === undefined ? {} : { previous: { href: `${base}?after=${previous}` } }),
      ...(page.nextAfter === null ? {} : { next: { href: `${base}?after=${page.nextAfter}` } }),
    },
    pack: { from: inputs.today, to: inputs.today },
    live: { topics: inputs.liveTopic, cell: cell.slug },
  };
}

function banner(query: CellLogQuery): { banner?: string } {
  if (query.logged !== undefined) return { banner: `Decision logged as entry ${query.logged}.` };
  if (query.amended !== undefined) return { banner: `Amendment logged as entry ${query.amended}.` };
  return {};
}

/** Where the log shows a new entry: the page that ends with it. */
export function pageEndingWith(sequence: number): number {
  return Math.max(0, sequence - LOG_PAGE_SIZE);
}

/** The verdict said plainly: intact with its head, or where it first breaks. */
export function verifyModel(
  cell: Pick<Cell, 'slug' | 'name'>,
  verdict: ChainVerdict,
): { pageTitle: string; heading: string; cell: { slug: string; name: string }; intact: boolean; lines: string[] } {
  const entries =
    verdict.entries === 1 ? '1 entry you may see was checked' : `${verdict.entries} entries you may see were checked`;
  const lines = verdict.valid
    ? [
        'Every entry’s hash matches its content and the entry before it: nothing has been altered, removed or reordered.',
        `${capital(entries)}.`,
        `Head hash: ${verdict.head}`,
      ]
    : [
        verdict.firstBadSequence === undefined
          ? 'An entry has been altered, removed or reordered, at a point in the log you may not see.'
          : `Entry ${verdict.firstBadSequence} is the first that does not match: it, or an entry before it, has been altered, removed or reordered.`,
        `${capital(entries)} before the break.`,
        'Tell the regional coordinator and keep the last export: it is the evidence of what the log said.',
      ];
  return {
    pageTitle: `${cell.name}: log verified`,
    heading: verdict.valid ? 'The decision log is intact' : 'The decision log has been tampered with',
    cell,
    intact: verdict.valid,
    lines,
  };
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `2026-11-22` as a heading's day. */
export const rangeText = (from: string, to: string) =>
  from === to ? dayText(from) : `${dayText(from)} to ${dayText(to)}`;
