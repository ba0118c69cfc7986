import { Query } from '@nestjs/cqrs';
import type { Marking } from '@muster/contracts';
import type { Action, AuditedItemType, Principal } from '@muster/domain';

/** One item a stored response shows, with what need to know is judged on. */
export interface DisclosedItem {
  itemType: AuditedItemType;
  id: string;
  marking: Marking;
  cell?: string;
  authorities: readonly string[];
}

/** What a response stored under an Idempotency-Key shows, and what reading it again needs. */
export interface StoredDisclosure {
  /** The permission a read of what it shows needs (what that item's or feed's GET asks); 403 without it. */
  read?: { action: Action; cell?: string };
  items: readonly DisclosedItem[];
}

/**
 * Admits a replay of a stored response to the caller as they are now, like a read: refused when they have
 * lost the read permission (403) or may no longer see an item it shows (404); its sensitive items are put on
 * the access audit before it is sent. Resolves when the replay may be sent.
 */
export class AdmitReplay extends Query<void> {
  constructor(
    readonly principal: Principal,
    readonly disclosure: StoredDisclosure,
  ) {
    super();
  }
}
