import type { Cell } from '@muster/domain';

/** A cell's governance state, locked for the transaction: status and whether an activation question is open. */
export interface CellGovernance {
  cell: Cell;
  episodeOpen: boolean;
}

/** Cells inside a write transaction (`tx.get(CellWriter)`). */
export abstract class CellWriter {
  abstract insert(cell: Cell): Promise<void>;
  abstract lock(slug: string): Promise<CellGovernance | undefined>;
  abstract update(governance: CellGovernance): Promise<void>;
}
