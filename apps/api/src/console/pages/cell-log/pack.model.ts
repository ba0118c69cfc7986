import type { AmendmentEntryView, EntryView } from '@muster/application';
import type { Marking } from '@muster/contracts';
import type { Authority, Cell } from '@muster/domain';
import { timeText } from '../../view/format';
import { rangeText } from './cell-log.model';
import { amendmentEntryModel, decisionEntryModel, type EntryModel } from './entry.model';

/** The printable decision-log pack: a plain page, marked at the top and bottom of every printed page. */
export interface PackModel {
  pageTitle: string;
  heading: string;
  range: string;
  printed: string;
  /** The highest marking of anything in the pack: the pack is marked as its most sensitive entry. */
  marking: Marking;
  markingClass: string;
  cell: { slug: string; name: string };
  entries: EntryModel[];
  empty: boolean;
}

export interface PackInputs {
  cell: Pick<Cell, 'slug' | 'name'>;
  from: string;
  to: string;
  /** The entries recorded in the range, oldest first. */
  entries: readonly EntryView[];
  /** Every amendment the reader may see, of any decision, wherever it is in the log. */
  amendments: readonly AmendmentEntryView[];
  /** Sequences of every entry the reader may see, by id (an amendment may correct an entry before the range). */
  sequences: ReadonlyMap<string, number>;
  authorities: readonly Authority[];
  timeZone: string;
  printedAt: Date;
  printedBy: string;
}

export function packModel(inputs: PackInputs): PackModel {
  const ctx = {
    timeZone: inputs.timeZone,
    authorityNames: new Map(inputs.authorities.map((a) => [a.code, a.name])),
    sequenceOf: (id: string) => inputs.sequences.get(id),
  };
  const amendmentsOf = new Map<string, AmendmentEntryView[]>();
  for (const amendment of inputs.amendments)
    amendmentsOf.set(amendment.amends, [...(amendmentsOf.get(amendment.amends) ?? []), amendment]);
  const entries = inputs.entries.map((entry) =>
    entry.kind === 'amendment'
      ? amendmentEntryModel(entry, ctx)
      : decisionEntryModel(entry, amendmentsOf.get(entry.id) ?? [], ctx),
  );
  const shown = [
    ...inputs.entries,
    ...inputs.entries.flatMap((e) => (e.kind === 'decision' ? (amendmentsOf.get(e.id) ?? []) : [])),
  ];
  const marking: Marking = shown.some((e) => e.marking === 'OFFICIAL-SENSITIVE') ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL';
  const range = rangeText(inputs.from, inputs.to);
  return {
    pageTitle: `${inputs.cell.name}: decision-log pack`,
    heading: `${inputs.cell.name}: decision log`,
    range: `Entries recorded ${inputs.from === inputs.to ? 'on' : 'from'} ${range} (UK time)`,
    printed: `Prepared at ${timeText(inputs.printedAt.toISOString(), inputs.timeZone)} for ${inputs.printedBy}. Each entry’s hash covers its content and the hash before it.`,
    marking,
    markingClass: marking === 'OFFICIAL-SENSITIVE' ? 'muster-pack--official-sensitive' : 'muster-pack--official',
    cell: { slug: inputs.cell.slug, name: inputs.cell.name },
    entries,
    empty: entries.length === 0,
  };
}
