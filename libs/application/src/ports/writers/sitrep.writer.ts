import type { ReportedFigures, Sitrep } from '@muster/domain';

/** Names one authority's report for one day within a cell. */
export const reportKey = (authority: string, date: string): string => `${authority} ${date}`;

/** Sitreps inside a write transaction; the caller holds the cell's lock (CellWriter.lock), so versions cannot clash. */
export abstract class SitrepWriter {
  /** The latest version stored of each named report (by reportKey); reports never submitted are absent. */
  abstract latest(
    cell: string,
    reports: ReadonlyArray<{ authority: string; date: string }>,
  ): Promise<ReadonlyMap<string, Sitrep>>;
  abstract insert(sitreps: readonly Sitrep[]): Promise<void>;
  /** The latest version per authority of every report dated within [from, through], as this transaction sees them. */
  abstract window(cell: string, from: string, through: string): Promise<ReportedFigures[]>;
}
