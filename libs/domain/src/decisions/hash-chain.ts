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
  /** `firstBadSequence` is absent only for a reader it would tell of entries they may not see. */
  | { valid: false; entries: number; firstBadSequence?: number };

/**
 * Streaming verifier: feed stored entries in sequence order, then ask for the verdict against the
 * recorded head. Detects altered content, altered hashes, deleted, inserted and reordered entries,
 * and a truncated tail. The whole chain is always checked; `shown` (the reader's need to know) decides
 * what the verdict may count: the intact entries the reader may see, and a first bad sequence only where
 * it tells of nothing beyond the last entry they may see (the contract gives a reader the head hash, not
 * how many entries it covers).
 */
export class ChainVerifier {
  private count = 0;
  private shownCount = 0;
  private lastShown = 0;
  private lastHash = GENESIS_HASH;
  private firstBad: number | undefined;

  constructor(private readonly shown: (entry: LogEntry) => boolean = () => true) {}

  accept(entry: LogEntry): void {
    const seen = this.shown(entry);
    if (seen) this.lastShown = Math.max(this.lastShown, entry.sequence);
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
    if (seen) this.shownCount += 1;
    this.lastHash = entry.hash;
  }

  verdict(head: ChainHead | undefined): ChainVerdict {
    const verdict = this.wholeChain(head);
    if (verdict.valid) return { ...verdict, entries: this.shownCount };
    const { firstBadSequence } = verdict;
    return firstBadSequence !== undefined && firstBadSequence <= this.lastShown + 1
      ? { valid: false, entries: this.shownCount, firstBadSequence }
      : { valid: false, entries: this.shownCount };
  }

  private wholeChain(head: ChainHead | undefined): ChainVerdict {
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
