import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { GENESIS_HASH, chainHash } from '../decisions/hash-chain';
import type { EntryContent } from '../decisions/decision';
import { canonicalJson } from './canonical-json';

/**
 * The hand-written canonicaliser every stored chain was hashed with until the library replaced it, kept
 * here as the oracle: the library must write the same bytes for every value the decision log stores.
 */
function handWrittenCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('canonical JSON cannot hold a non-finite number');
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : handWrittenCanonicalJson(item))).join(',')}]`;
  }
  const members = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${handWrittenCanonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}

const handWrittenChainHash = (content: EntryContent, prevHash: string): string =>
  createHash('sha256').update(prevHash).update('\n').update(handWrittenCanonicalJson(content)).digest('hex');

const RUNS = { numRuns: 2_000 };

/** Text as PostgreSQL stores it: any Unicode scalar value, astral planes included (never a lone surrogate). */
const anyText = (maxLength = 40) => fc.string({ unit: 'binary', maxLength });
/** Every finite double (subnormals, -0, 2^53 and beyond, 1e21 and up), and the integers the log counts with. */
const anyNumber = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.maxSafeInteger());

/** JSON values as jsonb gives them back, with keys and strings drawn from all of Unicode. */
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    anyNumber,
    anyText(),
    fc.array(tie('json'), { maxLength: 5 }),
    fc.dictionary(anyText(12), tie('json'), { maxKeys: 6 }),
  ),
}));

const isoInstant = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Decision log content in the shapes the log stores: decisions and amendments, optional fields present or not. */
const entryContent: fc.Arbitrary<EntryContent> = fc.record({
  id: fc.uuid(),
  cell: anyText(20),
  sequence: fc.integer({ min: 1, max: 2_147_483_647 }),
  marking: fc.constantFrom('OFFICIAL' as const, 'OFFICIAL-SENSITIVE' as const),
  authorities: fc.array(anyText(9), { maxLength: 4 }),
  recordedAt: isoInstant,
  recordedBy: fc.record({ sub: anyText(), name: anyText() }),
  body: fc.oneof(
    fc.record({
      kind: fc.constant('decision' as const),
      record: fc.record(
        {
          title: anyText(),
          decision: anyText(200),
          rationale: anyText(),
          informationAvailable: anyText(),
          risks: anyText(),
          powersAndPolicy: anyText(),
          options: fc.array(
            fc.record(
              { option: anyText(), chosen: fc.boolean(), notes: anyText() },
              { requiredKeys: ['option', 'chosen'] },
            ),
            { maxLength: 4 },
          ),
          decidedBy: anyText(),
          decidedAt: isoInstant,
          delayReason: anyText(),
          actions: fc.array(
            fc.record({ action: anyText(), owner: anyText(), due: isoInstant }, { requiredKeys: ['action', 'owner'] }),
            { maxLength: 3 },
          ),
          reviewBy: isoInstant,
          decisionRequestId: fc.uuid(),
          journalPosition: fc.maxSafeNat(),
        },
        {
          requiredKeys: [
            'title',
            'decision',
            'rationale',
            'informationAvailable',
            'options',
            'decidedBy',
            'decidedAt',
            'actions',
          ],
        },
      ),
    }),
    fc.record({
      kind: fc.constant('amendment' as const),
      amends: fc.uuid(),
      amendment: fc.record({
        reason: anyText(),
        changes: fc.record(
          { title: anyText(), rationale: anyText(), authorities: fc.array(anyText(9), { maxLength: 3 }) },
          { requiredKeys: [] },
        ),
      }),
    }),
  ),
});

describe('canonicalJson (RFC 8785, through canonicalize)', () => {
  it('writes the same bytes as the hand-written canonicaliser for any JSON value with any Unicode', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(handWrittenCanonicalJson(value));
      }),
      RUNS,
    );
  });

  it('writes the same bytes for any number', () => {
    fc.assert(
      fc.property(anyNumber, (n) => {
        expect(canonicalJson({ n, list: [n] })).toBe(handWrittenCanonicalJson({ n, list: [n] }));
      }),
      RUNS,
    );
  });

  it('hashes every generated decision log entry as the stored chains were hashed, so existing chains still verify', () => {
    fc.assert(
      fc.property(
        entryContent,
        fc.string({ unit: fc.constantFrom(...Array.from('0123456789abcdef')), minLength: 64, maxLength: 64 }),
        (content, prevHash) => {
          expect(canonicalJson(content)).toBe(handWrittenCanonicalJson(content));
          expect(chainHash(content, prevHash)).toBe(handWrittenChainHash(content, prevHash));
        },
      ),
      RUNS,
    );
  });

  it('drops undefined members and writes undefined array items as null, as before', () => {
    const value = { b: undefined, a: [undefined, 1], c: { d: undefined } };
    expect(canonicalJson(value)).toBe('{"a":[null,1],"c":{}}');
    expect(canonicalJson(value)).toBe(handWrittenCanonicalJson(value));
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('sorts keys by UTF-16 code units and writes numbers in ECMAScript form (RFC 8785 §3.2.3, appendix B)', () => {
    const keys = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The RFC's own example: the order of its values once canonical.
    expect([...canonicalJson(keys).matchAll(/:"([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    // eslint-disable-next-line no-loss-of-precision -- RFC 8785's own example: the literal rounds, as the RFC intends
    expect(canonicalJson([333333333.33333329, 1e30, 4.5, 0.002, 1e-27, -0, 2 ** 53, 1e21, 1e-7])).toBe(
      '[333333333.3333333,1e+30,4.5,0.002,1e-27,0,9007199254740992,1e+21,1e-7]',
    );
    expect(chainHash(JSON.parse('{"z":1,"a":"é"}') as EntryContent, GENESIS_HASH)).toBe(
      chainHash({ a: 'é', z: 1 } as unknown as EntryContent, GENESIS_HASH),
    );
  });

  it('refuses what I-JSON cannot hold: non-finite numbers and lone surrogates', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, { a: -Infinity }, 'lone \ud800', { 'key \udc00': 1 }]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
  });
});
