import { LogEntry } from './decision';
import { canonicalJson } from '../shared/canonical-json';
import { ChainVerdict, ChainVerifier, chainHash, contentOf, GENESIS_HASH, linkEntry, verifyChain } from './hash-chain';
import { chainOf, present } from '@muster/builders';

const headOf = (entries: LogEntry[]) => {
  const last = entries.at(-1);
  return last && { sequence: last.sequence, hash: last.hash };
};

describe('decision log hash chain', () => {
  it('numbers entries from 1 and links each to the previous hash', () => {
    const entries = chainOf(3);
    expect(entries.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
  });

  it('verifies an intact chain and reports its head', () => {
    const entries = chainOf(5);
    expect(verifyChain(entries, headOf(entries))).toEqual({ valid: true, entries: 5, head: entries[4]?.hash });
  });

  it('verifies an empty log', () => {
    expect(verifyChain([], undefined)).toEqual({ valid: true, entries: 0, head: GENESIS_HASH });
  });

  it('hashes content independently of key order', () => {
    const entry = present(chainOf(1)[0]);
    const content = contentOf(entry);
    const reordered = JSON.parse(canonicalJson(content)) as typeof content;
    expect(chainHash(reordered, GENESIS_HASH)).toBe(entry.hash);
  });

  it('finds an altered entry', () => {
    const entries = chainOf(5);
    const head = headOf(entries);
    const altered = entries.map((e) => (e.sequence === 3 ? { ...e, recordedAt: '2026-11-22T11:59:00.000Z' } : e));
    expect(verifyChain(altered, head)).toMatchObject({ valid: false, firstBadSequence: 3 });
  });

  it('finds an altered nested field', () => {
    const entries = chainOf(4);
    const altered = structuredClone(entries);
    const body = present(altered[1]).body;
    if (body.kind === 'decision') present(body.record.options[0]).chosen = false;
    expect(verifyChain(altered, headOf(entries))).toMatchObject({ valid: false, firstBadSequence: 2 });
  });

  it('finds an entry whose hash was recomputed after editing', () => {
    const entries = chainOf(4);
    const edited = { ...present(entries[1]), marking: 'OFFICIAL-SENSITIVE' as const };
    edited.hash = chainHash(contentOf(edited), edited.prevHash);
    const tampered = [present(entries[0]), edited, present(entries[2]), present(entries[3])];
    expect(verifyChain(tampered, headOf(entries))).toMatchObject({ valid: false, firstBadSequence: 3 });
  });

  it('finds a deleted entry', () => {
    const entries = chainOf(5);
    const withoutThird = entries.filter((e) => e.sequence !== 3);
    expect(verifyChain(withoutThird, headOf(entries))).toMatchObject({ valid: false, firstBadSequence: 3 });
  });

  it('finds a deleted tail through the recorded head', () => {
    const entries = chainOf(5);
    expect(verifyChain(entries.slice(0, 3), headOf(entries))).toMatchObject({ valid: false, firstBadSequence: 4 });
  });

  it('finds two entries that swapped places', () => {
    const entries = chainOf(5);
    const swapped = [
      present(entries[0]),
      { ...present(entries[2]), sequence: 2 },
      { ...present(entries[1]), sequence: 3 },
      present(entries[3]),
      present(entries[4]),
    ];
    expect(verifyChain(swapped, headOf(entries))).toMatchObject({ valid: false, firstBadSequence: 2 });
  });

  it('finds a rewritten last entry through the recorded head', () => {
    const entries = chainOf(3);
    const last = { ...present(entries[2]), recordedAt: '2026-11-22T12:00:00.000Z' };
    last.hash = chainHash(contentOf(last), last.prevHash);
    expect(verifyChain([present(entries[0]), present(entries[1]), last], headOf(entries))).toMatchObject({
      valid: false,
      firstBadSequence: 3,
    });
  });

  describe('as one reader may see it (the contract gives the head hash, not how many entries a reader cannot see)', () => {
    /** A log whose entries are OFFICIAL (O) or sensitive (S), relinked so that it is intact. */
    function chainMarked(markings: string): LogEntry[] {
      const entries: LogEntry[] = [];
      chainOf(markings.length).forEach((entry, i) => {
        const previous = entries.at(-1);
        const { hash: _hash, prevHash: _prev, sequence: _sequence, ...content } = entry;
        const marking = markings[i] === 'S' ? ('OFFICIAL-SENSITIVE' as const) : ('OFFICIAL' as const);
        entries.push(
          linkEntry({ ...content, marking }, previous && { sequence: previous.sequence, hash: previous.hash }),
        );
      });
      return entries;
    }
    const official = (entry: LogEntry) => entry.marking === 'OFFICIAL';
    const asSeenBy = (
      shown: (entry: LogEntry) => boolean,
      entries: LogEntry[],
      head = headOf(entries),
    ): ChainVerdict => {
      const verifier = new ChainVerifier(shown);
      for (const entry of entries) verifier.accept(entry);
      return verifier.verdict(head);
    };

    it('given an intact log, then the head hash and the count of the entries the reader may see', () => {
      const entries = chainMarked('OSOSS');
      expect(asSeenBy(official, entries)).toEqual({ valid: true, entries: 2, head: entries[4]?.hash });
    });

    it('given logs that differ only by hidden entries at their end, then the same verdict but for the head hash', () => {
      const short = chainMarked('OO');
      const long = chainMarked('OOSS');
      expect(long.slice(0, 2)).toEqual(short);
      const { head: _shortHead, ...fromShort } = asSeenBy(official, short) as { head: string };
      const { head: _longHead, ...fromLong } = asSeenBy(official, long) as { head: string };
      expect(fromLong).toEqual(fromShort);
    });

    it('given a break the reader may see, or just after the last entry they may see, then it is named', () => {
      const entries = chainMarked('OSOSS');
      const altered = entries.map((e) => (e.sequence === 3 ? { ...e, recordedAt: '2026-11-22T11:59:00.000Z' } : e));
      expect(asSeenBy(official, altered)).toEqual({ valid: false, entries: 1, firstBadSequence: 3 });
      // Entry 2 is hidden, but the reader sees entry 3, so they know an entry 2 exists.
      const second = entries.map((e) => (e.sequence === 2 ? { ...e, recordedAt: '2026-11-22T11:59:00.000Z' } : e));
      expect(asSeenBy(official, second)).toEqual({ valid: false, entries: 1, firstBadSequence: 2 });
    });

    it('given a break among hidden entries past the last entry the reader may see, then invalid without naming where', () => {
      const entries = chainMarked('OOSSS');
      const altered = entries.map((e) => (e.sequence === 5 ? { ...e, recordedAt: '2026-11-22T11:59:00.000Z' } : e));
      expect(asSeenBy(official, altered)).toEqual({ valid: false, entries: 2 });
      expect(asSeenBy(() => true, altered)).toEqual({ valid: false, entries: 4, firstBadSequence: 5 });
      // A deleted hidden tail, found through the recorded head.
      expect(asSeenBy(official, entries.slice(0, 3), headOf(entries))).toEqual({ valid: false, entries: 2 });
    });

    it('gives a reader who may see every entry the whole verdict', () => {
      const entries = chainMarked('OSOSS');
      expect(asSeenBy(() => true, entries)).toEqual(verifyChain(entries, headOf(entries)));
      expect(asSeenBy(() => true, entries.slice(0, 3), headOf(entries))).toEqual({
        valid: false,
        entries: 3,
        firstBadSequence: 4,
      });
    });
  });
});
