import type { CellStoodDownData, OpenItem } from '@muster/domain';

/**
 * Everything still open in a cell that a handover must cover, in one place, so each kind of open item
 * (escalations, decision requests, and tracked actions as they come) is added here and nowhere else.
 * Only OFFICIAL items: the handover is recorded on an OFFICIAL event that everyone who may see the cell reads.
 */
export abstract class CellOpenItems {
  abstract of(cell: string): Promise<OpenItem[]>;
}

/** A stand-down as recorded in the journal: who, when, why, and the handover. */
export type HandoverRecord = CellStoodDownData;

export abstract class CellHandovers {
  /** The cell's handovers, oldest first. */
  abstract of(cell: string): Promise<HandoverRecord[]>;
}
