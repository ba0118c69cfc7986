import { Cell, CellThreshold } from '../reference/region';
import { Rag } from './sitrep';

const SEVERITY: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

/** Bounds are strict: a value exactly on a bound takes the better band (3 days against red 3 is amber). */
export function figureRag(threshold: CellThreshold, value: number): Rag {
  if (threshold.direction === 'lower-is-worse') {
    if (value < threshold.red) return 'red';
    if (value < threshold.amber) return 'amber';
    return 'green';
  }
  if (value > threshold.red) return 'red';
  if (value > threshold.amber) return 'amber';
  return 'green';
}

/** The worst of the RAGs given, ignoring gaps; undefined when there is none at all. */
export function worstRag(rags: Iterable<Rag | undefined>): Rag | undefined {
  let worst: Rag | undefined;
  for (const rag of rags) {
    if (rag !== undefined && (worst === undefined || SEVERITY[rag] > SEVERITY[worst])) worst = rag;
  }
  return worst;
}

/**
 * An authority's RAG for a cell: the worse of what its figures say against the cell's thresholds and
 * what it says itself. Figures it has not given are not judged (missing is not zero).
 */
export function authorityRag(cell: Cell, figures: Readonly<Record<string, number>>, ownRag?: Rag): Rag | undefined {
  const fromFigures = cell.thresholds.map((threshold) => {
    const value = figures[threshold.figure];
    return value === undefined ? undefined : figureRag(threshold, value);
  });
  return worstRag([...fromFigures, ownRag]);
}

/** A cell is as bad as its worst authority. */
export function cellRag(authorityRags: Iterable<Rag | undefined>): Rag | undefined {
  return worstRag(authorityRags);
}
