import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';
import { ChainHead, EntryContent, LogEntry } from './decision';

/** The previous hash of a log's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash(n) = SHA-256(hash(n-1) ‖ canonical(entry n)): changing any stored byte breaks every later link. */
export function chainHash(content: EntryContent, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** Links new content onto the current head of a cell's log. */
export function linkEntry(content: Omit<EntryContent, 'sequence'>, head: ChainHead | undefined): LogEntry {
  const prevHash = head?.hash ?? GENESIS_HASH;
  const withSequence: EntryContent = { ...content, sequence: (head?.sequence ?? 0) + 1 };
  return { ...withSequence, prevHash, hash: chainHash(withSequence, prevHash) };
}

export function contentOf(entry: LogEntry): EntryContent {
  const { hash: _hash, prevHash: _prevHash, ...content } = entry;
  return content;
}

export type ChainVerdict =
  | { valid: true; entries: number; head: string }
  | { valid: false; entries: number; firstBadSequence: number };

/**
 * Streaming verifier: feed stored entries in sequence order, then ask for the verdict against the
 * recorded head. Detects altered content, altered hashes, deleted, inserted and reordered entries,
 * and a truncated tail.
 */
export class ChainVerifier {
  private count = 0;
  private lastHash = GENESIS_HASH;
  private firstBad: number | undefined;

  accept(entry: LogEntry): void {
    if (this.firstBad !== undefined) return;
    const expected = this.count + 1;
    const intact =
      entry.sequence === expected &&
      entry.prevHash === this.lastHash &&
      chainHash(contentOf(entry), entry.prevHash) === entry.hash;
    if (!intact) {
      this.firstBad = Math.min(expected, entry.sequence);
      return;
    }
    this.count = expected;
    this.lastHash = entry.hash;
  }

  verdict(head: ChainHead | undefined): ChainVerdict {
    if (this.firstBad !== undefined) {
      return { valid: false, entries: this.count, firstBadSequence: this.firstBad };
    }
    const headSequence = head?.sequence ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH;
    if (headSequence !== this.count) {
      // Entries missing at the tail, or entries beyond the recorded head.
      return { valid: false, entries: this.count, firstBadSequence: Math.min(this.count, headSequence) + 1 };
    }
    if (headHash !== this.lastHash) {
      // A rewritten last entry re-links cleanly but no longer matches the head recorded with it.
      return { valid: false, entries: this.count, firstBadSequence: Math.max(this.count, 1) };
    }
    return { valid: true, entries: this.count, head: this.lastHash };
  }
}

export function verifyChain(entries: Iterable<LogEntry>, head: ChainHead | undefined): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const entry of entries) verifier.accept(entry);
  return verifier.verdict(head);
}
