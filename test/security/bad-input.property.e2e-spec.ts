import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { Client } from 'pg';
import {
  ApiDescription,
  connectLive,
  coverage,
  createTestDatabase,
  mintToken,
  regionDay,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type LiveClient,
  type TestDatabase,
} from '@muster/testing';
import {
  countRows,
  describeRequest,
  expectBadRequestNaming,
  expectNamed,
  expectProblem,
  expectSameCounts,
  FUZZ_RUNS as RUNS,
  FUZZ_SEED as SEED,
  fuzzSettings as settings,
  isCalendarDay,
  pad,
  REQUEST_BOUND_MS,
  sendTo,
  sendUnchangedTo,
  type Counts,
  type Json,
  type JsonObject,
  type ProbeTarget,
  type Problem,
  type Reply,
  type SendOptions,
} from '../support/bad-input';
import { BIRMINGHAM } from '@muster/builders';

/**
 * Guarantee: bad input is refused cleanly and changes nothing (issue 6, item 3; contract "Conventions").
 *
 * Property-based: fast-check generates malformed bodies, path parameters, query strings, headers and socket
 * `subscribe` payloads for every write and read endpoint. For each generated request:
 *   - the answer comes within REQUEST_BOUND_MS (never a hang) and is never a 5xx;
 *   - a refusal is application/problem+json with type, title, status, detail and code; a 400 caused by a
 *     field names that field in `errors[].path`;
 *   - nothing is written: the journal and every table a write touches have the same row counts after the
 *     request as before it (read with `pg` straight from the test database).
 * Plus explicit cases: a body over the limit (413), deeply nested JSON, unicode text that round-trips exactly,
 * and a hostile decision title that the HTML feed renders escaped.
 *
 * The routes are found in the api's OpenAPI document (/docs-json): a route it documents without a model here,
 * or a parameter or body member a model does not break, fails the suite.
 *
 * Reproduce a failure with the seed it prints: MUSTER_FUZZ_SEED=<seed> (and MUSTER_FUZZ_RUNS=<n> for more).
 */

const BASE = '/api/v1';
const CELL = 'ppe';
const AUTHORITY = BIRMINGHAM;
const PPE_FIGURE = 'ffp3_masks_days';

// ---------------------------------------------------------------------------------------------------------
// Requests, bounded (test/support/bad-input.ts), to the api this file starts
// ---------------------------------------------------------------------------------------------------------

/** The api's URL and the regional coordinator's token, set once the api has started. */
const target: ProbeTarget = { url: '', token: '' };
/** The ppe cell lead: the holder of an escalation at cell level, who acknowledges it. */
let leadToken = '';
/** An administrator: the data-protection routes are theirs. */
let adminToken = '';
let pg: Client;

const send = (method: string, path: string, opts?: SendOptions): Promise<Reply> => sendTo(target, method, path, opts);
const sendUnchanged = (method: string, path: string, opts?: SendOptions): Promise<Reply> =>
  sendUnchangedTo(pg, target, method, path, opts);
const counts = (): Promise<Counts> => countRows(pg);

/**
 * A POST over node:http that reads the answer even when the server answers before the body is all sent
 * (as it does for a body over the limit) and the upload then fails with EPIPE or ECONNRESET.
 */
function rawPost(path: string, body: string, chunked = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, target.url);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${target.token}`,
    };
    if (chunked) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = String(Buffer.byteLength(body));
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`POST ${path}: no answer within ${REQUEST_BOUND_MS} ms (a hang)`));
    }, REQUEST_BOUND_MS);
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text) as unknown;
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, contentType, text, body: parsed });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return; // the answer, if any, still arrives
      clearTimeout(timer);
      reject(error);
    });
    if (chunked) {
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.slice(i, i + 16 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Generators of invalid values, by the kind of field they break
// ---------------------------------------------------------------------------------------------------------

const plainObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 3,
}) as fc.Arbitrary<JsonObject>;
const finiteNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
/** Numbers JSON cannot carry, as the strings clients send instead, and other number-ish strings. */
const numberishString = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-0',
  '0x10',
  '12',
  ' 7 ',
  '1_000',
  '',
);

/** Anything that is not a string. */
const notString: fc.Arbitrary<Json> = fc.oneof(
  finiteNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) as fc.Arbitrary<Json[]>,
  plainObject,
);
/** Anything that is not a number. */
const notNumber: fc.Arbitrary<Json> = fc.oneof(
  numberishString,
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 10 }),
  fc.constant([] as Json[]),
  plainObject,
);
/** Anything that is not an array. */
const notArray: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 10 }),
  finiteNumber,
  fc.boolean(),
  fc.constant(null),
  plainObject,
);
/** Anything that is not an object. */
const notObject: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 10 }),
  finiteNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }) as fc.Arbitrary<Json[]>,
);

/** Strings that break a free-text field bounded at `max`: empty, too long (huge), carrying NUL, or not a string. */
function badText(max: number): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constant(''),
    fc.integer({ min: 1, max: Math.min(max, 2_000) }).chain((extra) =>
      fc.string({ minLength: 1, maxLength: 1 }).map((c) =>
        c
          .repeat(max + extra)
          .slice(0, max + extra)
          .padEnd(max + extra, 'x'),
      ),
    ),
    fc
      .tuple(fc.string({ maxLength: 20, unit: 'grapheme' }), fc.string({ maxLength: 20 }))
      .map(([a, b]) => `${a}\u0000${b}`),
    fc
      .tuple(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
        fc.string({ maxLength: 20 }),
      )
      .map(([a, lone, b]) => `${a}${lone}${b}`),
    notString,
  );
}

function badEnum(values: readonly string[]): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.string({ maxLength: 20 }).filter((s) => !values.includes(s)),
    fc.constantFrom(...values).map((v) => (v.toUpperCase() === v ? v.toLowerCase() : v.toUpperCase())),
    fc.constantFrom(...values).map((v) => ` ${v}`),
    notString,
  );
}

const badInstant: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    '2026-02-30T10:00:00Z',
    '2025-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-11-22T24:00:01Z',
    '2026-11-22T10:60:00Z',
    '2026-11-22T10:00:00',
    '2026-11-22T10:00:00+25:00',
    // Outside years 1 to 9999 once in UTC: PostgreSQL's timestamptz refuses year 0.
    '0000-06-01T10:00:00Z',
    '0001-01-01T00:30:00+01:00',
    '9999-12-31T23:00:00-05:00',
    '2026-11-22',
    '22/11/2026 10:00',
    'now',
    'NaN',
    'Infinity',
    '',
  ),
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d\d-\d\dT/.test(s)),
  fc.integer().map((n): Json => n),
  fc.boolean(),
  fc.constant(null),
  plainObject,
);

const GSS = /^[EWSN]\d{8}$/;
const badGss: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    'e08000025',
    'E0800002',
    'E080000250',
    'X08000025',
    ' E08000025',
    'E08000025 ',
    'E08 000025',
    'E０8000025',
    'Birmingham',
    '',
  ),
  fc.string({ maxLength: 12 }).filter((s) => !GSS.test(s)),
  notString,
);

const SLUG = /^[a-z][a-z0-9-]{0,62}$/;
const badSlug: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('PPE', 'ppe ', '-ppe', '9ppe', 'pp_e', 'ppé', 'a'.repeat(64), 'ppe/../food', ''),
  fc.string({ maxLength: 70 }).filter((s) => !SLUG.test(s)),
  notString,
);

function badInt(min: number, max: number): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.integer({ max: min - 1, min: -1_000_000_000 }),
    fc.integer({ min: max + 1, max: max + 1_000_000_000 }),
    fc.double({ min: min + 0.001, max: max - 0.001, noNaN: true }).filter((n) => !Number.isInteger(n)),
    fc.constantFrom(1e300, -1e300, 2 ** 53 + 2),
    notNumber,
  );
}

const badBool: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>('true', 'false', 1, 0, 'yes', ''),
  fc.constant(null),
  fc.constant([] as Json[]),
  plainObject,
);

/** An array field broken by its own shape, its size, or one bad element. */
function badArray(item: Json, badItem: fc.Arbitrary<Json>, bounds: { min?: number; max: number }): fc.Arbitrary<Json> {
  const options: Array<fc.Arbitrary<Json>> = [
    notArray,
    fc.constant(Array.from({ length: bounds.max + 1 }, () => item)),
    badItem.map((bad) => [item, bad]),
  ];
  if ((bounds.min ?? 0) > 0) options.push(fc.constant([] as Json[]));
  return fc.oneof(...options);
}

/** An object element of an array broken in one member (wrong value, missing, or unknown). */
function badElement(
  valid: JsonObject,
  members: Record<string, fc.Arbitrary<Json>>,
  required: readonly string[],
): fc.Arbitrary<Json> {
  const keys = Object.keys(members);
  return fc.oneof(
    notObject,
    fc
      .constantFrom(...keys)
      .chain((key) => (members[key] as fc.Arbitrary<Json>).map((bad) => ({ ...valid, [key]: bad }))),
    ...(required.length > 0 ? [fc.constantFrom(...required).map((key) => withoutKey(valid, key))] : []),
    fc.constant({ ...valid, surplus: true }),
  );
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  const copy: JsonObject = { ...object };
  delete copy[key];
  return copy;
}

// ---------------------------------------------------------------------------------------------------------
// The bodies, field by field
// ---------------------------------------------------------------------------------------------------------

interface FieldSpec {
  required: boolean;
  bad: fc.Arbitrary<Json>;
}
type BodySpec = Record<string, FieldSpec>;

const req = (bad: fc.Arbitrary<Json>): FieldSpec => ({ required: true, bad });
const opt = (bad: fc.Arbitrary<Json>): FieldSpec => ({ required: false, bad });

const validOption: JsonObject = { option: 'Release now', chosen: true, notes: 'Stock for two days' };
const validAction: JsonObject = {
  action: 'Deliver to care homes',
  owner: 'Regional PPE hub',
  due: '2030-01-01T12:00:00Z',
};

const DECISION_SPEC: BodySpec = {
  title: req(badText(200)),
  decision: req(badText(10_000)),
  rationale: req(badText(10_000)),
  informationAvailable: req(badText(10_000)),
  risks: opt(badText(10_000)),
  powersAndPolicy: opt(badText(4_000)),
  options: req(
    badArray(
      validOption,
      badElement(validOption, { option: badText(2_000), chosen: badBool, notes: badText(4_000) }, ['option', 'chosen']),
      { min: 1, max: 20 },
    ),
  ),
  decidedBy: opt(badText(200)),
  decidedAt: req(badInstant),
  delayReason: opt(badText(2_000)),
  actions: opt(
    badArray(
      validAction,
      badElement(validAction, { action: badText(2_000), owner: badText(200), due: badInstant }, ['action', 'owner']),
      { max: 50 },
    ),
  ),
  reviewBy: opt(badInstant),
  marking: req(badEnum(['OFFICIAL', 'OFFICIAL-SENSITIVE'])),
  authorities: opt(badArray(AUTHORITY, badGss, { max: 50 })),
};

function validDecision(title = 'Release the regional PPE reserve'): JsonObject {
  return {
    title,
    decision: 'Release 20,000 FFP3 masks to care homes',
    rationale: 'Three authorities report under two days of stock',
    informationAvailable: 'PPE sitreps',
    risks: 'The reserve runs low',
    powersAndPolicy: 'Civil Contingencies Act 2004',
    options: [validOption, { option: 'Wait for the national delivery', chosen: false }],
    decidedBy: 'Regional PPE lead',
    decidedAt: new Date().toISOString(),
    delayReason: 'None',
    actions: [validAction],
    reviewBy: '2030-01-01T12:00:00Z',
    marking: 'OFFICIAL',
    authorities: [AUTHORITY],
  };
}

const AMENDMENT_SPEC: BodySpec = {
  reason: req(badText(4_000)),
  changes: req(
    fc.oneof(
      notObject,
      fc.constant<Json>({ surplus: 'x' }),
      badText(200).map((bad) => ({ title: bad })),
      badInstant.map((bad) => ({ decidedAt: bad })),
      fc.constant<Json>({ authorities: [] }),
      fc.constant<Json>({ options: [] }),
      badText(200).map((bad) => ({ decidedBy: bad })),
    ),
  ),
};
const validAmendment = (): JsonObject => ({
  reason: 'The figure was mistyped',
  changes: { rationale: 'Three authorities report under one day of stock' },
});

const REQUEST_SPEC: BodySpec = {
  question: req(badText(2_000)),
  context: opt(badText(10_000)),
  options: opt(badArray('Release now', badText(2_000), { max: 20 })),
  dueAt: opt(badInstant),
  dueInMinutes: opt(badInt(1, 60 * 24 * 30)),
  marking: req(badEnum(['OFFICIAL', 'OFFICIAL-SENSITIVE'])),
  authority: opt(badGss),
};
const validRequest = (): JsonObject => ({
  question: 'Should we release the regional reserve?',
  context: 'Three authorities are short',
  options: ['Release now', 'Wait'],
  dueInMinutes: 1_440,
  marking: 'OFFICIAL',
  authority: AUTHORITY,
});

const ESCALATION_SPEC: BodySpec = {
  authority: req(badGss),
  cell: req(badSlug),
  title: req(badText(200)),
  detail: req(badText(10_000)),
  severity: req(badEnum(['critical', 'high', 'medium', 'low'])),
  ask: opt(badText(4_000)),
  marking: req(badEnum(['OFFICIAL', 'OFFICIAL-SENSITIVE'])),
};
const validEscalation = (): JsonObject => ({
  authority: AUTHORITY,
  cell: CELL,
  title: 'Care homes out of FFP3 masks by Friday',
  detail: 'Three care homes report under two days of stock',
  severity: 'low',
  ask: 'Release masks from the regional reserve',
  marking: 'OFFICIAL',
});

const FIGURE_KEY = /^[a-z][a-z0-9_]{0,62}$/;
const badFigureKey: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('Masks', '9masks', 'masks-days', 'a'.repeat(64), ''),
  fc.string({ maxLength: 70 }).filter((s) => !FIGURE_KEY.test(s)),
  notString,
);
const validFigure: JsonObject = { key: 'beds_free', label: 'Beds free', unit: 'beds', carriesForward: false };
const validThreshold: JsonObject = { figure: 'beds_free', direction: 'lower-is-worse', red: 5, amber: 20 };

const CELL_SPEC: BodySpec = {
  slug: req(badSlug),
  name: req(badText(200)),
  description: opt(badText(2_000)),
  lead: opt(badText(200)),
  decisionTimescaleMinutes: req(badInt(1, 60 * 24 * 14)),
  sitrepCutoff: opt(fc.oneof(fc.constantFrom('24:00', '7:00', '10:60', '10:00:00', '1000', 'noon', ''), notString)),
  figures: req(
    badArray(
      validFigure,
      badElement(validFigure, { key: badFigureKey, label: badText(200), unit: badText(50), carriesForward: badBool }, [
        'key',
        'label',
        'unit',
        'carriesForward',
      ]),
      { min: 1, max: 50 },
    ),
  ),
  thresholds: req(
    badArray(
      validThreshold,
      badElement(
        validThreshold,
        {
          figure: badFigureKey,
          direction: badEnum(['lower-is-worse', 'higher-is-worse']),
          red: notNumber,
          amber: notNumber,
        },
        ['figure', 'direction', 'red', 'amber'],
      ),
      { max: 50 },
    ),
  ),
  activationCriteria: opt(
    badArray(
      { description: 'Any authority red' },
      fc.oneof(notObject, fc.constant<Json>({ description: 'x', figure: 'beds_free', below: 'NaN' })),
      { max: 20 },
    ),
  ),
};
let cellCounter = 0;
const validCell = (): JsonObject => ({
  slug: `fuzz-cell-${++cellCounter}-${randomUUID().slice(0, 8)}`,
  name: 'Fuzz cell',
  description: 'Made by the bad-input test',
  lead: 'Someone',
  decisionTimescaleMinutes: 60,
  sitrepCutoff: '10:00',
  figures: [validFigure],
  thresholds: [validThreshold],
  activationCriteria: [{ description: 'Any authority red' }],
});

const ACTIVATION_SPEC: BodySpec = { reason: req(badText(4_000)) };
const STAND_DOWN_SPEC: BodySpec = { reason: req(badText(4_000)), handoverNote: opt(badText(10_000)) };
const ACK_SPEC: BodySpec = { note: opt(badText(4_000)) };
const ESCALATE_SPEC: BodySpec = { reason: req(badText(4_000)) };
const RESOLVE_SPEC: BodySpec = { resolution: req(badText(10_000)) };
const FEED_TOKEN_SPEC: BodySpec = { label: opt(badText(100)) };

const SITREP_SPEC: BodySpec = {
  figures: req(fc.oneof(notObject, fc.constant<Json>({ ['k'.repeat(64)]: 1 }))),
  narrative: opt(badText(10_000)),
  rag: opt(badEnum(['green', 'amber', 'red'])),
};
const validSitrep = (): JsonObject => ({ figures: { [PPE_FIGURE]: 3 }, narrative: 'Stock steady', rag: 'amber' });

const RETENTION_SPEC: BodySpec = {
  retainDays: req(
    fc.oneof(
      badInt(1, 36_500).filter((v) => v !== null),
      fc.constant<Json>(0),
    ),
  ),
  legalHold: req(badBool),
  reason: req(badText(2_000)),
};

const badEmail: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('not-an-email', 'a@', '@example.org', 'a b@example.org', `${'a'.repeat(250)}@example.org`, ''),
  notString,
);
const badMobile: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('07700900123', '+44 7700 900123', '+0447700900123', '+44', '+4477009001234567', 'phone', ''),
  notString,
);
const badHttpsUrl: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    'http://example.org/hook',
    'ftp://example.org/hook',
    'javascript:alert(1)',
    'not a url',
    `https://example.org/${'x'.repeat(2100)}`,
    '',
  ),
  notString,
);
const CHANNEL_NAMES = ['email', 'sms', 'teams', 'webhook'];
const badPreferences: fc.Arbitrary<Json> = fc.oneof(
  notObject,
  fc.constant<Json>({ urgent: ['email'] }),
  fc.constant<Json>({ critical: ['email', 'email'] }),
  badEnum(CHANNEL_NAMES).map((channel): Json => ({ critical: [channel] })),
  notArray.map((value): Json => ({ high: value })),
);
const CONTACTS_SPEC: BodySpec = {
  email: opt(badEmail),
  mobile: opt(badMobile),
  teamsWebhook: opt(badHttpsUrl),
  preferences: opt(badPreferences),
};
const validContacts = (): JsonObject => ({
  email: 'asha.lead@example.gov.uk',
  mobile: '+447700900123',
  teamsWebhook: 'https://example.webhook.office.com/workflows/1',
  preferences: { critical: ['sms', 'email'], low: [] },
});
/** An administrator's PUT may also say who someone is; the model sends contact details to someone known. */
const PERSON_SPEC: BodySpec = {
  ...CONTACTS_SPEC,
  name: opt(badText(200)),
  roles: opt(
    fc.oneof(
      notArray,
      fc.constant([] as Json[]),
      badEnum(['cell-lead', 'cell-member', 'authority-officer', 'regional-coordinator', 'mayors-office', 'admin']).map(
        (role): Json => [role],
      ),
    ),
  ),
  authority: opt(badGss),
  cells: opt(badArray('ppe', badSlug, { max: 100 })),
  clearance: opt(badEnum(['OFFICIAL', 'OFFICIAL-SENSITIVE'])),
};
const validShift = (): JsonObject => ({
  sub: 'bad-input-person',
  from: new Date(Date.now() + 86_400_000).toISOString(),
  to: new Date(Date.now() + 2 * 86_400_000).toISOString(),
});
const ROTA_SPEC: BodySpec = {
  shifts: req(
    badArray(
      validShift(),
      badElement(validShift(), { sub: badText(200), from: badInstant, to: badInstant }, ['sub', 'from', 'to']),
      { max: 2_000 },
    ),
  ),
};
const HANDOVER_SPEC: BodySpec = { to: req(badText(200)) };

/** Keys that are not fields of the body: each must be refused and named. */
function unknownKey(spec: BodySpec): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom('id', 'sequence', 'hash', 'status', 'Title', 'title ', 'recordedAt', 'prototype', 'toString'),
      fc.string({ minLength: 1, maxLength: 20 }),
    )
    .filter((key) => !(key in spec) && key !== '__proto__' && key !== 'constructor' && !key.includes('.'));
}

type Mutation =
  | { kind: 'drop'; field: string }
  | { kind: 'set'; field: string; value: Json }
  | { kind: 'add'; field: string; value: Json };

/** One to three distinct fields broken at once; each is named in the 400. */
function mutations(spec: BodySpec): fc.Arbitrary<Mutation[]> {
  const required = Object.keys(spec).filter((name) => spec[name]?.required);
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    ...(required.length > 0 ? [fc.constantFrom(...required).map((field): Mutation => ({ kind: 'drop', field }))] : []),
    fc
      .constantFrom(...Object.keys(spec))
      .chain((field) => (spec[field] as FieldSpec).bad.map((value): Mutation => ({ kind: 'set', field, value }))),
    fc
      .tuple(unknownKey(spec), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>)
      .map(([field, value]): Mutation => ({ kind: 'add', field, value })),
  );
  return fc.uniqueArray(one, { minLength: 1, maxLength: 3, selector: (m) => m.field });
}

function apply(base: JsonObject, changes: readonly Mutation[]): JsonObject {
  const body: JsonObject = { ...base };
  for (const change of changes) {
    if (change.kind === 'drop') delete body[change.field];
    else body[change.field] = change.value;
  }
  return body;
}

// ---------------------------------------------------------------------------------------------------------
// Junk that is not the body at all
// ---------------------------------------------------------------------------------------------------------

/** Whole bodies of the wrong kind: never an object a schema could accept. */
const junkBody: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 40 }),
  finiteNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 5 }) as fc.Arbitrary<Json[]>,
  fc.letrec<{ tree: Json }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.array(tie('tree'), { maxLength: 3 })),
  })).tree,
);

/** Raw texts a JSON parser must refuse (or that carry prototype-pollution keys). */
const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"title":',
    "{'title':'single quotes'}",
    '{"title":"x",}',
    '{"title":NaN}',
    '{"title":Infinity}',
    '{"title":undefined}',
    '[1,2',
    '\u0000',
    '\uFEFF[]',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '{"a":1}{"b":2}',
    '/* comment */ {}',
    '0x10',
    '"unterminated',
  ),
  fc.string({ maxLength: 60, unit: 'binary' }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** Idempotency keys the contract refuses: empty, too long, or with a character outside visible ASCII. */
const badIdempotencyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.string({
    minLength: 256,
    maxLength: 400,
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  }),
  fc
    .tuple(
      fc.string({
        minLength: 1,
        maxLength: 10,
        unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      }),
      fc.constantFrom(' ', '\t', '\u00e9', '\u00a0', '\u00ff', '\u0080'),
      fc.string({
        minLength: 1,
        maxLength: 10,
        unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      }),
    )
    .map(([a, bad, b]) => `${a}${bad}${b}`),
);

/** Content types that are not JSON. */
const nonJsonContentType: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'text/html',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/octet-stream',
    'application/jsonx',
    'application/json-patch+json',
    'application/vnd.muster+json',
    'json',
    'application',
    '*/*',
    'text/json',
    'application/json5',
  ),
  fc
    .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z]{1,8}$/))
    .map(([a, b]) => `${a}/${b}`)
    .filter((t) => t !== 'application/json'),
);

/** Accept headers of every kind: a read answers or refuses, never fails. */
const acceptHeader: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'text/html',
    'application/xml',
    'image/png',
    '*/*',
    'text/html;q=0.9, application/json;q=0.1',
    'text/html;q=abc',
    'application/json;q=0',
    '',
    ',,,',
    ';;;',
    'text/*',
    'application/atom+xml',
  ),
  fc.string({ maxLength: 60, unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
);

// ---------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------

/** Path segments that are not UUIDs (percent-encoded; never a bare dot segment the URL parser would resolve). */
const badUuid: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '1',
    'null',
    'undefined',
    '0',
    '-1',
    'NaN',
    '00000000-0000-0000-0000-00000000000g',
    '{00000000-0000-4000-8000-000000000000}',
    'x'.repeat(300),
    "1' OR '1'='1",
    '%00',
    '%F0%9F%92%A9',
  ),
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => `${u}0`),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => s.replace(/\./g, '') !== '')
    .map(encodeURIComponent),
);

const badSlugSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('PPE', '-ppe', '9ppe', 'pp_e', 'a'.repeat(64), '%00', 'ppe%20', 'pp%C3%A9', "ppe'--"),
  fc
    .string({ minLength: 1, maxLength: 70 })
    .filter((s) => !SLUG.test(s) && s.replace(/\./g, '') !== '')
    .map(encodeURIComponent),
);

/** Well-formed slugs no cell has: a 404, not a 400. */
const unknownSlug: fc.Arbitrary<string> = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,30}$/)
  .filter((s) => !['ppe', 'food', 'homelessness', 'shielding'].includes(s));

/** Reporting days that do not exist, are written wrongly, or have not begun; never a past day (that would write a feed). */
const badDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2025-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-11-00',
    '2026-11-32',
    '26-11-22',
    '2026-1-22',
    '2026/11/22',
    '22-11-2026',
    'today',
    '0000-00-00',
    '2026-11-22T00:00:00Z',
    '%00',
    '+2026-11-22',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 32, max: 99 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc.integer({ min: 2100, max: 9999 }).map((y) => `${y}-06-15`),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((s) => !/^\d{4}-\d\d-\d\d$/.test(s) && s.replace(/\./g, '') !== '')
    .map(encodeURIComponent),
);

const badGssSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('e08000025', 'E0800002', 'E080000250', 'X08000025', 'Birmingham', '%00', 'E08000025%20'),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((s) => !GSS.test(s) && s.replace(/\./g, '') !== '')
    .map(encodeURIComponent),
);
/** Well-formed GSS codes that name no authority in the region. */
const unknownGss: fc.Arbitrary<string> = fc
  .stringMatching(/^[EWSN]\d{8}$/)
  .filter((s) => !/^E080000(2[5-9]|3[01])$/.test(s));

/** Query-string instants that are not ISO 8601 with an offset within years 1 to 9999 (percent-encoded). */
const badInstantParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-02-30T10:00:00Z',
    '2026-11-22T10:00:00',
    '2026-11-22',
    'now',
    '0000-06-01T10:00:00Z',
    '9999-12-31T23:00:00-05:00',
    '%00',
    '',
  ),
  fc
    .string({ maxLength: 30 })
    .filter((s) => !/^\d{4}-\d\d-\d\dT/.test(s))
    .map(encodeURIComponent),
);

/** A subject no column holds: empty, with NUL, or too long. */
const badSubParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '%00', 'a%00b'),
  fc.integer({ min: 201, max: 400 }).map((n) => 's'.repeat(n)),
);

/** A subject in a path no column holds (one past the router's 100 characters is the router's own 400). */
const badSubSegment: fc.Arbitrary<string> = fc.constantFrom('%00', 'a%00b', `${'s'.repeat(20)}%00`);

/** Cursors the list never gave: not base64url, too long, not a position, or another list's. */
function badCursor(otherList: string): fc.Arbitrary<string> {
  const other = Buffer.from(JSON.stringify([otherList, '2026-11-22T10:00:00.000Z', randomUUID()])).toString(
    'base64url',
  );
  return fc.oneof(
    fc.constantFrom('%00', 'a%2Bb', 'a.b', '', 'x'.repeat(257), other),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
  );
}

const RECORD_TYPE = /^[a-z][a-z-]{0,62}$/;
const badRecordType: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('Sitrep', 'sitrep_1', '9sitrep', 'a'.repeat(64), '%00', 'sitrep%20'),
  fc
    .string({ minLength: 1, maxLength: 70 })
    .filter((s) => !RECORD_TYPE.test(s) && s.replace(/\./g, '') !== '')
    .map(encodeURIComponent),
);

const PROBLEM_CODES = [
  'validation-failed',
  'malformed-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'unsupported-media-type',
  'rule-violated',
  'idempotency-key-reused',
  'too-many-requests',
  'internal-error',
  'service-unavailable',
];
const badProblemCode: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('Not-Found', 'not_found', 'notfound', '404', '%00'),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => !PROBLEM_CODES.includes(s) && s.replace(/\./g, '') !== '')
    .map(encodeURIComponent),
);

const badWeek: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-W00',
    '2026-W54',
    '2025-W53',
    '2026-W99',
    '2026W47',
    '2026-w47',
    '2026-W4',
    '2026-47',
    'W47',
    '9999-W01',
    '0000-W01',
  ),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((s) => s.replace(/\./g, '') !== '')
    .map(encodeURIComponent),
);

/** Query strings: unknown keys, repeated keys, non-numbers, out-of-range numbers. */
function badQuery(
  numeric: readonly string[],
  enums: Record<string, readonly string[]>,
): fc.Arbitrary<{ query: string; path: string }> {
  const options: Array<fc.Arbitrary<{ query: string; path: string }>> = [
    fc
      .constantFrom('__proto__', 'constructor', 'unknown', 'Limit', 'x')
      .map((key) => ({ query: `${key}=1`, path: key })),
  ];
  if (numeric.length > 0) {
    options.push(
      fc
        .tuple(
          fc.constantFrom(...numeric),
          fc.constantFrom(
            'NaN',
            'Infinity',
            '-1',
            '1.5',
            'abc',
            '1e999',
            '99999999999999999999',
            '-Infinity',
            '1,2',
            '%00',
            '9007199254740993',
          ),
        )
        .map(([key, value]) => ({ query: `${key}=${value}`, path: key })),
      fc.constantFrom(...numeric).map((key) => ({ query: `${key}=1&${key}=2`, path: key })),
    );
  }
  for (const [key, values] of Object.entries(enums)) {
    options.push(
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((s) => !values.includes(s))
        .map((value) => ({ query: `${key}=${encodeURIComponent(value)}`, path: key })),
    );
  }
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------------------
// The endpoints
// ---------------------------------------------------------------------------------------------------------

interface WriteEndpoint {
  name: string;
  method: 'POST' | 'PUT';
  path: () => string;
  spec: BodySpec;
  valid: () => JsonObject;
  /** Paths with one parameter broken: [generator of the path, the parameter a 400 must name]. */
  badPaths: Array<[fc.Arbitrary<string>, string]>;
  /** Paths whose parameters are well formed but name nothing: a 4xx (404 or 422), never a write. */
  unknownPaths: Array<fc.Arbitrary<string>>;
  /** Whose token sends it; the regional coordinator's unless said. */
  token?: () => string;
}

interface Fixtures {
  decisionId: string;
  requestId: string;
  escalationId: string;
  today: string;
}

let fixtures: Fixtures;

function writeEndpoints(): WriteEndpoint[] {
  const uuids = fc.uuid({ version: 4 });
  return [
    {
      name: 'POST /cells/:cell/decisions',
      method: 'POST',
      path: () => `${BASE}/cells/${CELL}/decisions`,
      spec: DECISION_SPEC,
      valid: () => validDecision(),
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/decisions`), 'cell']],
      unknownPaths: [unknownSlug.map((s) => `${BASE}/cells/${s}/decisions`)],
    },
    {
      name: 'POST /cells/:cell/decisions/:id/amendments',
      method: 'POST',
      path: () => `${BASE}/cells/${CELL}/decisions/${fixtures.decisionId}/amendments`,
      spec: AMENDMENT_SPEC,
      valid: validAmendment,
      badPaths: [
        [badSlugSegment.map((s) => `${BASE}/cells/${s}/decisions/${fixtures.decisionId}/amendments`), 'cell'],
        [badUuid.map((id) => `${BASE}/cells/${CELL}/decisions/${id}/amendments`), 'id'],
      ],
      unknownPaths: [
        uuids.map((id) => `${BASE}/cells/${CELL}/decisions/${id}/amendments`),
        unknownSlug.map((s) => `${BASE}/cells/${s}/decisions/${fixtures.decisionId}/amendments`),
      ],
    },
    {
      name: 'POST /cells/:cell/decision-requests',
      method: 'POST',
      path: () => `${BASE}/cells/${CELL}/decision-requests`,
      spec: REQUEST_SPEC,
      valid: validRequest,
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/decision-requests`), 'cell']],
      unknownPaths: [unknownSlug.map((s) => `${BASE}/cells/${s}/decision-requests`)],
    },
    {
      name: 'POST /cells/:cell/decision-requests/:id/decision',
      method: 'POST',
      path: () => `${BASE}/cells/${CELL}/decision-requests/${fixtures.requestId}/decision`,
      spec: DECISION_SPEC,
      valid: () => validDecision('Answer to the request'),
      badPaths: [
        [badSlugSegment.map((s) => `${BASE}/cells/${s}/decision-requests/${fixtures.requestId}/decision`), 'cell'],
        [badUuid.map((id) => `${BASE}/cells/${CELL}/decision-requests/${id}/decision`), 'id'],
      ],
      unknownPaths: [
        uuids.map((id) => `${BASE}/cells/${CELL}/decision-requests/${id}/decision`),
        fc
          .constantFrom('food', 'homelessness')
          .map((s) => `${BASE}/cells/${s}/decision-requests/${fixtures.requestId}/decision`),
      ],
    },
    {
      name: 'POST /escalations',
      method: 'POST',
      path: () => `${BASE}/escalations`,
      spec: ESCALATION_SPEC,
      valid: validEscalation,
      badPaths: [],
      unknownPaths: [],
    },
    ...(['acknowledge', 'escalate', 'resolve'] as const).map((action): WriteEndpoint => ({
      name: `POST /escalations/:id/${action}`,
      method: 'POST',
      path: () => `${BASE}/escalations/${fixtures.escalationId}/${action}`,
      spec: action === 'acknowledge' ? ACK_SPEC : action === 'escalate' ? ESCALATE_SPEC : RESOLVE_SPEC,
      valid: (): JsonObject =>
        action === 'acknowledge'
          ? { note: 'Seen' }
          : action === 'escalate'
            ? { reason: 'Needs the region' }
            : { resolution: 'Masks delivered' },
      badPaths: [[badUuid.map((id) => `${BASE}/escalations/${id}/${action}`), 'id']],
      unknownPaths: [uuids.map((id) => `${BASE}/escalations/${id}/${action}`)],
    })),
    {
      name: 'POST /cells',
      method: 'POST',
      path: () => `${BASE}/cells`,
      spec: CELL_SPEC,
      valid: validCell,
      badPaths: [],
      unknownPaths: [],
    },
    {
      name: 'POST /cells/:cell/activation',
      method: 'POST',
      path: () => `${BASE}/cells/${CELL}/activation`,
      spec: ACTIVATION_SPEC,
      valid: () => ({ reason: 'Stock below two days' }),
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/activation`), 'cell']],
      unknownPaths: [unknownSlug.map((s) => `${BASE}/cells/${s}/activation`)],
    },
    {
      name: 'POST /cells/:cell/stand-down',
      method: 'POST',
      path: () => `${BASE}/cells/${CELL}/stand-down`,
      spec: STAND_DOWN_SPEC,
      valid: () => ({ reason: 'Stock recovered', handoverNote: 'Back to business as usual' }),
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/stand-down`), 'cell']],
      unknownPaths: [unknownSlug.map((s) => `${BASE}/cells/${s}/stand-down`)],
    },
    {
      name: 'PUT /cells/:cell/sitreps/:authority/:date',
      method: 'PUT',
      path: () => `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/${fixtures.today}`,
      spec: SITREP_SPEC,
      valid: validSitrep,
      badPaths: [
        [badSlugSegment.map((s) => `${BASE}/cells/${s}/sitreps/${AUTHORITY}/${fixtures.today}`), 'cell'],
        [badGssSegment.map((g) => `${BASE}/cells/${CELL}/sitreps/${g}/${fixtures.today}`), 'authority'],
        [
          badDate
            .filter((d) => !/^\d{4}-\d\d-\d\d$/.test(d) || !isCalendarDay(d))
            .map((d) => `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/${d}`),
          'date',
        ],
      ],
      unknownPaths: [
        unknownSlug.map((s) => `${BASE}/cells/${s}/sitreps/${AUTHORITY}/${fixtures.today}`),
        unknownGss.map((g) => `${BASE}/cells/${CELL}/sitreps/${g}/${fixtures.today}`),
        fc.integer({ min: 2100, max: 9999 }).map((y) => `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/${y}-06-15`),
      ],
    },
    {
      name: 'POST /me/feed-tokens',
      method: 'POST',
      path: () => `${BASE}/me/feed-tokens`,
      spec: FEED_TOKEN_SPEC,
      valid: () => ({ label: 'Outlook on my phone' }),
      badPaths: [],
      unknownPaths: [],
    },
    {
      name: 'PUT /me',
      method: 'PUT',
      path: () => `${BASE}/me`,
      spec: CONTACTS_SPEC,
      valid: validContacts,
      badPaths: [],
      unknownPaths: [],
    },
    {
      name: 'PUT /people/:sub',
      method: 'PUT',
      path: () => `${BASE}/people/bad-input-person`,
      spec: PERSON_SPEC,
      valid: validContacts,
      badPaths: [[badSubSegment.map((s) => `${BASE}/people/${s}`), 'sub']],
      unknownPaths: [fc.uuid().map((id) => `${BASE}/people/nobody-${id}`)],
      token: () => adminToken,
    },
    {
      name: 'PUT /rotas/:scope',
      method: 'PUT',
      // Not the PPE cell's: its shift in progress is the one the handover model hands over.
      path: () => `${BASE}/rotas/food`,
      spec: ROTA_SPEC,
      valid: () => ({ shifts: [validShift()] }),
      badPaths: [[badSlugSegment.map((s) => `${BASE}/rotas/${s}`), 'scope']],
      unknownPaths: [unknownSlug.filter((s) => !['regional', 'national'].includes(s)).map((s) => `${BASE}/rotas/${s}`)],
    },
    {
      name: 'POST /rotas/:scope/handover',
      method: 'POST',
      path: () => `${BASE}/rotas/${CELL}/handover`,
      spec: HANDOVER_SPEC,
      valid: () => ({ to: 'bad-input-person' }),
      badPaths: [[badSlugSegment.map((s) => `${BASE}/rotas/${s}/handover`), 'scope']],
      unknownPaths: [
        unknownSlug.filter((s) => !['regional', 'national'].includes(s)).map((s) => `${BASE}/rotas/${s}/handover`),
      ],
    },
    {
      name: 'PUT /admin/retention/:recordType',
      method: 'PUT',
      path: () => `${BASE}/admin/retention/sitrep`,
      spec: RETENTION_SPEC,
      valid: () => ({ retainDays: 365, legalHold: false, reason: 'Set by the bad-input test' }),
      badPaths: [[badRecordType.map((t) => `${BASE}/admin/retention/${t}`), 'recordType']],
      unknownPaths: [
        fc.constantFrom('decision-log', 'journal', 'sitreps', 'audit').map((t) => `${BASE}/admin/retention/${t}`),
      ],
      token: () => adminToken,
    },
  ];
}

interface ReadEndpoint {
  name: string;
  path: () => string;
  /**
   * Query keys that must be numbers, keys that are enums, and other keys with values that break them
   * (percent-encoded). Undefined: the route takes no query.
   */
  query?: { numeric: string[]; enums: Record<string, readonly string[]>; free?: Record<string, fc.Arbitrary<string>> };
  /** Query parameters the route requires, sent unless a case sets them itself. */
  required?: () => Record<string, string>;
  badPaths: Array<[fc.Arbitrary<string>, string]>;
  /** Whose token reads it; the regional coordinator's unless said. */
  token?: () => string;
}

/** A read's URL: its path, its required query (unless `extra` sets those keys) and `extra`. */
function readUrl(endpoint: ReadEndpoint, extra = ''): string {
  const given = new Set(new URLSearchParams(extra).keys());
  const required = Object.entries(endpoint.required?.() ?? {})
    .filter(([key]) => !given.has(key))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  const query = [...required, ...(extra === '' ? [] : [extra])].join('&');
  return query === '' ? endpoint.path() : `${endpoint.path()}?${query}`;
}

function readEndpoints(): ReadEndpoint[] {
  return [
    { name: 'GET /authorities', path: () => `${BASE}/authorities`, badPaths: [] },
    { name: 'GET /cells', path: () => `${BASE}/cells`, badPaths: [] },
    {
      name: 'GET /cells/:cell',
      path: () => `${BASE}/cells/${CELL}`,
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}`), 'cell']],
    },
    {
      name: 'GET /cells/:cell/decisions',
      path: () => `${BASE}/cells/${CELL}/decisions`,
      query: { numeric: ['after', 'limit'], enums: {} },
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/decisions`), 'cell']],
    },
    {
      name: 'GET /cells/:cell/decisions/:id',
      path: () => `${BASE}/cells/${CELL}/decisions/${fixtures.decisionId}`,
      badPaths: [
        [
          badUuid
            .filter((id) => id !== 'verify' && id !== 'export')
            .map((id) => `${BASE}/cells/${CELL}/decisions/${id}`),
          'id',
        ],
        [badSlugSegment.map((s) => `${BASE}/cells/${s}/decisions/${fixtures.decisionId}`), 'cell'],
      ],
    },
    {
      name: 'GET /cells/:cell/decisions/verify',
      path: () => `${BASE}/cells/${CELL}/decisions/verify`,
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/decisions/verify`), 'cell']],
    },
    {
      name: 'GET /cells/:cell/decisions/export',
      path: () => `${BASE}/cells/${CELL}/decisions/export`,
      query: { numeric: [], enums: { format: ['jsonl', 'csv'] } },
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/decisions/export`), 'cell']],
    },
    {
      name: 'GET /cells/:cell/decision-requests',
      path: () => `${BASE}/cells/${CELL}/decision-requests`,
      query: {
        numeric: ['limit'],
        enums: { status: ['open', 'decided', 'overdue'] },
        free: { cursor: badCursor('escalations') },
      },
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/decision-requests`), 'cell']],
    },
    {
      name: 'GET /cells/:cell/decision-requests/:id',
      path: () => `${BASE}/cells/${CELL}/decision-requests/${fixtures.requestId}`,
      badPaths: [
        [badUuid.map((id) => `${BASE}/cells/${CELL}/decision-requests/${id}`), 'id'],
        [badSlugSegment.map((s) => `${BASE}/cells/${s}/decision-requests/${fixtures.requestId}`), 'cell'],
      ],
    },
    {
      name: 'GET /escalations',
      path: () => `${BASE}/escalations`,
      query: {
        numeric: ['limit'],
        enums: { status: ['open', 'acknowledged', 'resolved'], level: ['cell', 'regional', 'national'] },
        free: { authority: badGssSegment, cell: badSlugSegment, cursor: badCursor('decision-requests') },
      },
      badPaths: [],
    },
    {
      name: 'GET /escalations/:id',
      path: () => `${BASE}/escalations/${fixtures.escalationId}`,
      badPaths: [[badUuid.map((id) => `${BASE}/escalations/${id}`), 'id']],
    },
    {
      name: 'GET /escalations/:id/notifications',
      path: () => `${BASE}/escalations/${fixtures.escalationId}/notifications`,
      badPaths: [[badUuid.map((id) => `${BASE}/escalations/${id}/notifications`), 'id']],
    },
    {
      name: 'GET /cells/:cell/sitreps',
      path: () => `${BASE}/cells/${CELL}/sitreps`,
      query: {
        numeric: [],
        enums: {},
        free: { date: badDate.filter((d) => !/^\d{4}-\d\d-\d\d$/.test(d) || !isCalendarDay(d)) },
      },
      badPaths: [[badSlugSegment.map((s) => `${BASE}/cells/${s}/sitreps`), 'cell']],
    },
    {
      name: 'GET /board',
      path: () => `${BASE}/board`,
      query: { numeric: ['at'], enums: {}, free: { cell: badSlugSegment } },
      badPaths: [],
    },
    {
      name: 'GET /feeds/daily',
      path: () => `${BASE}/feeds/daily`,
      query: { numeric: ['limit'], enums: {} },
      badPaths: [],
    },
    { name: 'GET /feeds/daily.atom', path: () => `${BASE}/feeds/daily.atom`, badPaths: [] },
    {
      name: 'GET /feeds/daily/:date',
      path: () => `${BASE}/feeds/daily/${fixtures.today}`,
      query: { numeric: ['version'], enums: {} },
      badPaths: [[badDate.map((d) => `${BASE}/feeds/daily/${d}`), 'date']],
    },
    {
      name: 'GET /feeds/weekly/:week',
      path: () => `${BASE}/feeds/weekly/2026-W47`,
      badPaths: [[badWeek.map((w) => `${BASE}/feeds/weekly/${w}`), 'week']],
    },
    {
      name: 'GET /admin/access-audit',
      path: () => `${BASE}/admin/access-audit`,
      required: () => ({ from: new Date(Date.now() - 3_600_000).toISOString() }),
      query: {
        numeric: [],
        enums: { format: ['jsonl', 'csv'] },
        free: { from: badInstantParam, to: badInstantParam, sub: badSubParam },
      },
      badPaths: [],
      token: () => adminToken,
    },
    { name: 'GET /admin/retention', path: () => `${BASE}/admin/retention`, badPaths: [], token: () => adminToken },
    { name: 'GET /me/feed-tokens', path: () => `${BASE}/me/feed-tokens`, badPaths: [] },
    {
      name: 'GET /people',
      path: () => `${BASE}/people`,
      query: { numeric: ['limit'], enums: {}, free: { cursor: badCursor('escalations') } },
      badPaths: [],
      token: () => adminToken,
    },
    {
      name: 'GET /people/:sub',
      path: () => `${BASE}/people/bad-input-person`,
      badPaths: [[badSubSegment.map((s) => `${BASE}/people/${s}`), 'sub']],
      token: () => adminToken,
    },
    { name: 'GET /me', path: () => `${BASE}/me`, badPaths: [] },
    {
      name: 'GET /rotas/:scope',
      path: () => `${BASE}/rotas/${CELL}`,
      badPaths: [[badSlugSegment.map((s) => `${BASE}/rotas/${s}`), 'scope']],
    },
    // Public: health checks, metrics and the problem pages.
    { name: 'GET /health/live', path: () => '/health/live', badPaths: [] },
    { name: 'GET /health/ready', path: () => '/health/ready', badPaths: [] },
    { name: 'GET /metrics', path: () => '/metrics', badPaths: [] },
    {
      name: 'GET /problems/:code',
      path: () => '/problems/not-found',
      badPaths: [[badProblemCode.map((c) => `/problems/${c}`), 'code']],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------------------

describe(`bad input is refused cleanly and changes nothing (fast-check seed ${SEED}, ${RUNS} runs)`, () => {
  let db: TestDatabase;
  let api: ApiHandle;

  beforeAll(async () => {
    db = await createTestDatabase();
    const redisPrefix = uniqueRedisPrefix();
    // Long deadlines: nothing the worker does on its own may change a count while the properties run.
    // This file tests validation, not abuse limits (test/security/abuse-limits.e2e-spec.ts does): it sends
    // some two thousand requests and a hundred subscribes from one token, so the limits are lifted here.
    const env = {
      ESCALATION_ACK_SLA: 'critical=24h,high=24h,medium=24h,low=24h',
      RATE_LIMIT_PER_TOKEN: 'off',
      RATE_LIMIT_PER_ADDRESS: 'off',
      LIVE_TOPICS_PER_SOCKET: '10000',
      LIVE_REPLAYS_PER_SOCKET: 'off',
    };
    api = await startApi({ databaseUrl: db.url, redisPrefix, env });
    await startWorker({ databaseUrl: db.url, redisPrefix, env });
    target.url = api.url;
    target.description = await ApiDescription.fetch(api.url);
    target.token = await mintToken({ roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' });
    leadToken = await mintToken({ roles: ['cell-lead'], cells: [CELL] });
    adminToken = await mintToken({ roles: ['admin'] });
    pg = new Client({ connectionString: db.url });
    await pg.connect();

    const created = async (method: string, path: string, body: Json): Promise<{ id: string }> => {
      const reply = await send(method, path, { body });
      if (reply.status !== 201) throw new Error(`fixture ${method} ${path}: ${reply.status} ${reply.text}`);
      return reply.body as { id: string };
    };
    const decision = await created('POST', `${BASE}/cells/${CELL}/decisions`, validDecision('Fixture decision'));
    const request = await created('POST', `${BASE}/cells/${CELL}/decision-requests`, validRequest());
    const escalation = await created('POST', `${BASE}/escalations`, validEscalation());
    // People in the directory for the rota and handover models' valid bodies, and a PPE shift in progress
    // for the handover to pass on.
    for (const sub of ['bad-input-person', 'bad-input-holder']) {
      const entered = await send('PUT', `${BASE}/people/${sub}`, {
        body: { name: sub, roles: ['regional-coordinator'] },
        token: adminToken,
      });
      if (entered.status !== 200) throw new Error(`fixture PUT /people: ${entered.status} ${entered.text}`);
    }
    const shift = {
      sub: 'bad-input-holder',
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    };
    const rota = await send('PUT', `${BASE}/rotas/${CELL}`, { body: { shifts: [shift] } });
    if (rota.status !== 200) throw new Error(`fixture PUT /rotas: ${rota.status} ${rota.text}`);
    fixtures = {
      decisionId: decision.id,
      requestId: request.id,
      escalationId: escalation.id,
      today: regionDay(new Date()),
    };
  });

  afterAll(async () => {
    await pg?.end().catch(() => undefined);
    await stopAll();
    await db?.drop();
  });

  /** Documented routes tried by a property of their own below, rather than through a model in the lists above. */
  const DEDICATED: Record<string, string> = {
    'POST /feeds/daily/:date': 'a write with no body: its own property over bad and unborn days',
    'DELETE /me/feed-tokens/:id': 'a write with no body: its own property over bad and unknown ids',
  };

  describe('every route the api documents has an input model here', () => {
    const document = (): ApiDescription => {
      if (target.description === undefined) throw new Error('the OpenAPI document was not read');
      return target.description;
    };

    it('each operation in the OpenAPI document has a model, and each model names an operation in it', () => {
      const description = document();
      const labels = [...writeEndpoints(), ...readEndpoints()].map((e) => e.name).concat(Object.keys(DEDICATED));
      expect(coverage(description, labels)).toEqual({ uncovered: [], undocumented: [] });
    });

    it('each model breaks every path and query parameter and every body member its operation documents', () => {
      const description = document();
      const modelled = [
        ...writeEndpoints().map((e) => ({
          name: e.name,
          inputs: [...e.badPaths.map(([, param]) => param), ...Object.keys(e.spec)],
        })),
        ...readEndpoints().map((e) => ({
          name: e.name,
          inputs: [
            ...e.badPaths.map(([, param]) => param),
            ...(e.query === undefined
              ? []
              : [...e.query.numeric, ...Object.keys(e.query.enums), ...Object.keys(e.query.free ?? {})]),
          ],
        })),
      ];
      const unmodelled = modelled.flatMap(({ name, inputs }) => {
        const operation = description.named(name);
        const documented = [...(operation?.parameters.map((p) => p.name) ?? []), ...(operation?.bodyMembers ?? [])];
        return documented.filter((input) => !inputs.includes(input)).map((input) => `${name}: ${input}`);
      });
      expect(unmodelled).toEqual([]);
    });
  });

  describe('generated bodies', () => {
    const endpoints = (): WriteEndpoint[] => writeEndpoints();
    const names = endpoints().map((e) => e.name);
    const find = (name: string): WriteEndpoint => {
      const endpoint = endpoints().find((e) => e.name === name);
      if (endpoint === undefined) throw new Error(`no endpoint ${name}`);
      return endpoint;
    };

    describe.each(names)('%s', (name) => {
      it('a body with missing, wrongly typed, oversize or unknown fields is a 400 naming each, and writes nothing', async () => {
        const endpoint = find(name);
        await fc.assert(
          fc.asyncProperty(mutations(endpoint.spec), async (changes) => {
            const body = apply(endpoint.valid(), changes);
            const what = `${describeRequest(endpoint.method, endpoint.path(), body)}\n  mutations: ${JSON.stringify(changes).slice(0, 400)}`;
            const reply = await sendUnchanged(endpoint.method, endpoint.path(), { body, token: endpoint.token?.() });
            expectBadRequestNaming(
              reply,
              changes.map((c) => c.field),
              what,
            );
          }),
          settings(),
        );
      });

      it('a body that is not an object, or not JSON at all, is a 400 and writes nothing', async () => {
        const endpoint = find(name);
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              junkBody.map((b) => JSON.stringify(b)),
              junkText,
            ),
            async (raw) => {
              const what = describeRequest(endpoint.method, endpoint.path(), raw);
              const reply = await sendUnchanged(endpoint.method, endpoint.path(), {
                body: raw,
                headers: { 'content-type': 'application/json' },
                token: endpoint.token?.(),
              });
              const problem = expectProblem(reply, what);
              if (reply.status !== 400) throw new Error(`${what}\n  → expected 400, got ${reply.status}`);
              if (!['validation-failed', 'malformed-request'].includes(problem.code))
                throw new Error(`${what}\n  → unexpected code ${problem.code}`);
            },
          ),
          settings(Math.ceil(RUNS / 2)),
        );
      });

      it('a malformed path parameter is a 400 naming it; a well-formed one naming nothing is a 4xx; neither writes', async () => {
        const endpoint = find(name);
        if (endpoint.badPaths.length === 0 && endpoint.unknownPaths.length === 0) return;
        const bad = endpoint.badPaths.map(([paths, param]) =>
          paths.map((path) => ({ path, param: param as string | undefined })),
        );
        const unknown = endpoint.unknownPaths.map((paths) =>
          paths.map((path) => ({ path, param: undefined as string | undefined })),
        );
        await fc.assert(
          fc.asyncProperty(fc.oneof(...bad, ...unknown), async ({ path, param }) => {
            const body = endpoint.valid();
            const what = describeRequest(endpoint.method, path, body);
            const reply = await sendUnchanged(endpoint.method, path, { body, token: endpoint.token?.() });
            const problem = expectProblem(reply, what);
            if (param !== undefined && reply.status === 400) expectNamed(problem, [param], what);
            if (param === undefined && reply.status === 400)
              throw new Error(`${what}\n  → a well-formed parameter is not bad input: expected 404/422`);
          }),
          settings(),
        );
      });

      it('a bad Idempotency-Key or a body that is not JSON is refused and writes nothing', async () => {
        const endpoint = find(name);
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              // The contract gives POST an Idempotency-Key; PUT (sitreps) ignores the header.
              ...(endpoint.method === 'POST'
                ? [
                    badIdempotencyKey.map((key) => ({
                      headers: { 'idempotency-key': key } as Record<string, string>,
                      expectPath: 'Idempotency-Key' as string | undefined,
                    })),
                  ]
                : []),
              nonJsonContentType.map((type) => ({
                headers: { 'content-type': type } as Record<string, string>,
                expectPath: undefined as string | undefined,
              })),
            ),
            async ({ headers, expectPath }) => {
              const body = endpoint.valid();
              const what = `${describeRequest(endpoint.method, endpoint.path(), body)} headers ${JSON.stringify(headers).slice(0, 200)}`;
              const reply = await sendUnchanged(endpoint.method, endpoint.path(), {
                body,
                headers,
                token: endpoint.token?.(),
              });
              const problem = expectProblem(reply, what);
              if (expectPath !== undefined) expectBadRequestNaming(reply, [expectPath], what);
              else if (![400, 415].includes(reply.status))
                throw new Error(`${what}\n  → expected 400 or 415, got ${reply.status} (${problem.code})`);
            },
          ),
          settings(Math.ceil(RUNS / 2)),
        );
      });
    });

    it('sitrep figures that are not numbers are refused, naming the figure, and write nothing', async () => {
      const junkFigure: fc.Arbitrary<Json> = fc.oneof(notNumber, fc.constantFrom<Json>('3', '1e3', [3], { value: 3 }));
      const path = (): string => `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/${fixtures.today}`;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            junkFigure.map((value) => ({
              figures: { [PPE_FIGURE]: value } as JsonObject,
              named: `figures.${PPE_FIGURE}`,
            })),
            fc
              .stringMatching(/^[a-z][a-z0-9_]{0,20}$/)
              .filter((k) => !k.endsWith('_stock') && !k.endsWith('_days') && k !== 'requests_outstanding')
              .map((key) => ({ figures: { [key]: 1 } as JsonObject, named: `figures.${key}` })),
          ),
          async ({ figures, named }) => {
            const body: JsonObject = { figures };
            const what = describeRequest('PUT', path(), body);
            const reply = await sendUnchanged('PUT', path(), { body });
            const problem = expectProblem(reply, what);
            if (![400, 422].includes(reply.status))
              throw new Error(`${what}\n  → expected 400 or 422, got ${reply.status}`);
            expectNamed(problem, [named], what);
          },
        ),
        settings(),
      );
    });

    it('POST /feeds/daily/:date with a day that does not exist, is written wrongly or has not begun is a 4xx and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(badDate, fc.option(badIdempotencyKey, { nil: undefined }), async (date, key) => {
          const path = `${BASE}/feeds/daily/${date}`;
          const headers: Record<string, string> = key === undefined ? {} : { 'idempotency-key': key };
          const reply = await sendUnchanged('POST', path, { headers });
          const problem = expectProblem(reply, `POST ${path} ${JSON.stringify(headers)}`);
          if (reply.status === 400 && key === undefined) expectNamed(problem, ['date'], `POST ${path}`);
        }),
        settings(RUNS + 20),
      );
    });
  });

  it('DELETE /me/feed-tokens/:id with an id that is not a UUID is a 400 naming id; one naming nothing is a 404; neither writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          badUuid.map((id) => ({ path: `${BASE}/me/feed-tokens/${id}`, param: 'id' as string | undefined })),
          fc
            .uuid({ version: 4 })
            .map((id) => ({ path: `${BASE}/me/feed-tokens/${id}`, param: undefined as string | undefined })),
        ),
        async ({ path, param }) => {
          const reply = await sendUnchanged('DELETE', path);
          const problem = expectProblem(reply, `DELETE ${path}`);
          if (param !== undefined && reply.status === 400) expectNamed(problem, [param], `DELETE ${path}`);
          if (param === undefined && reply.status !== 404)
            throw new Error(`DELETE ${path}\n  → a well-formed unknown id: expected 404, got ${reply.status}`);
        },
      ),
      settings(),
    );
  });

  describe('generated reads', () => {
    const reads = (): ReadEndpoint[] => readEndpoints();
    const readNames = reads().map((e) => e.name);

    it.each(readNames)(
      '%s: bad parameters, bad queries and odd Accept headers are refused as problem+json (or answered), never a 5xx',
      async (name) => {
        const endpoint = reads().find((e) => e.name === name);
        if (endpoint === undefined) throw new Error(`no endpoint ${name}`);
        type Case = {
          path: string;
          headers: Record<string, string>;
          expect: 'named' | 'refused' | 'any';
          param?: string;
        };
        const cases: Array<fc.Arbitrary<Case>> = [
          acceptHeader.map((accept): Case => ({ path: readUrl(endpoint), headers: { accept }, expect: 'any' })),
          fc
            .dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 4 })
            .map((q): Case => ({
              path: readUrl(endpoint, new URLSearchParams(q).toString()),
              headers: {},
              expect: 'any',
            })),
          ...endpoint.badPaths.map(([paths, param]) =>
            paths.map((path): Case => ({ path, headers: {}, expect: 'named', param })),
          ),
        ];
        if (endpoint.query !== undefined) {
          const { numeric, enums, free = {} } = endpoint.query;
          cases.push(
            badQuery(numeric, enums).map(({ query, path }): Case => ({
              path: readUrl(endpoint, query),
              headers: {},
              expect: 'named',
              param: path,
            })),
          );
          // Free-form parameters (GSS codes, slugs, dates, instants, cursors): a malformed one is a 400 naming it.
          for (const [key, bad] of Object.entries(free)) {
            cases.push(
              bad.map((value): Case => ({
                path: readUrl(endpoint, `${key}=${value}`),
                headers: {},
                expect: 'named',
                param: key,
              })),
            );
          }
        } else {
          cases.push(
            fc
              .constantFrom('x=1', 'limit=5', '__proto__=1')
              .map((q): Case => ({ path: readUrl(endpoint, q), headers: {}, expect: 'any' })),
          );
        }
        await fc.assert(
          fc.asyncProperty(fc.oneof(...cases), async (c) => {
            const what = `GET ${c.path} ${JSON.stringify(c.headers)}`;
            const reply = await sendUnchanged('GET', c.path, { headers: c.headers, token: endpoint.token?.() });
            if (reply.status >= 500) throw new Error(`${what}\n  → ${reply.status}: ${reply.text.slice(0, 600)}`);
            if (reply.status >= 400) {
              const problem = expectProblem(reply, what);
              if (c.expect === 'named' && reply.status === 400 && c.param !== undefined)
                expectNamed(problem, [c.param], what);
            } else if (c.expect === 'named') {
              throw new Error(`${what}\n  → a malformed ${c.param ?? 'parameter'} was answered ${reply.status}`);
            }
          }),
          settings(),
        );
      },
    );
  });

  describe('socket subscribe payloads', () => {
    let live: LiveClient;

    beforeAll(async () => {
      live = await connectLive(target.url, target.token, { reconnection: false });
    });

    afterAll(() => live?.close());

    const validShape = (p: unknown): boolean => {
      if (typeof p !== 'object' || p === null || Array.isArray(p)) return false;
      const keys = Object.keys(p);
      const { topics, after } = p as { topics?: unknown; after?: unknown };
      return (
        keys.every((k) => k === 'topics' || k === 'after') &&
        Array.isArray(topics) &&
        topics.length >= 1 &&
        topics.length <= 50 &&
        topics.every((t) => typeof t === 'string' && t.length <= 100) &&
        (after === undefined || (typeof after === 'number' && Number.isSafeInteger(after) && after >= 0))
      );
    };

    const subscribePayload: fc.Arbitrary<unknown> = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        topics: fc.oneof(
          notArray,
          fc.constant([] as Json[]),
          fc.array(notString, { minLength: 1, maxLength: 3 }),
          fc.array(fc.string({ minLength: 101, maxLength: 300 }), { minLength: 1, maxLength: 2 }),
          fc.constant(Array.from({ length: 51 }, () => 'region')),
        ),
      }),
      fc.record({
        topics: fc.constant(['region']),
        after: fc.oneof(notNumber, fc.constantFrom<Json>(-1, 1.5, 1e300, 2 ** 53 + 2)),
      }),
      fc.record({ topics: fc.constant(['region']), surplus: fc.jsonValue({ maxDepth: 1 }) }),
      fc.record({
        topics: fc.array(
          fc.oneof(
            fc.constantFrom(
              'region',
              'feed',
              'cell:ppe',
              'authority:E08000025',
              'cell:',
              'authority:',
              'cell:PPE',
              'authority:e0',
              '*',
              'cell:*',
              '__proto__',
              'region ',
            ),
            fc.string({ maxLength: 30 }),
          ),
          { minLength: 1, maxLength: 5 },
        ),
      }),
    );

    it('every payload is acknowledged within the bound: a problem for a malformed one, an ack otherwise; the socket stays up', async () => {
      await fc.assert(
        fc.asyncProperty(subscribePayload, async (payload) => {
          const what = `subscribe ${JSON.stringify(payload)?.slice(0, 400)}`;
          const before = await counts();
          let ack: unknown;
          try {
            ack = await live.socket.timeout(REQUEST_BOUND_MS).emitWithAck('subscribe', payload);
          } catch (error) {
            throw new Error(`${what}\n  → no acknowledgement within ${REQUEST_BOUND_MS} ms: ${String(error)}`);
          }
          expectSameCounts(before, await counts(), what);
          if (!live.socket.connected) throw new Error(`${what}\n  → the socket was disconnected`);
          const error = (ack as { error?: Partial<Problem> } | null)?.error;
          if (validShape(payload)) {
            if (error !== undefined)
              throw new Error(`${what}\n  → a well-formed subscribe was refused: ${JSON.stringify(ack)}`);
            const a = ack as { subscribed?: unknown; refused?: unknown; replayed?: unknown };
            if (!Array.isArray(a.subscribed) || !Array.isArray(a.refused) || typeof a.replayed !== 'number')
              throw new Error(`${what}\n  → not an ack: ${JSON.stringify(ack)}`);
          } else {
            if (error === undefined)
              throw new Error(`${what}\n  → a malformed subscribe was not refused: ${JSON.stringify(ack)}`);
            expect(error).toEqual(
              expect.objectContaining({
                type: expect.any(String),
                title: expect.any(String),
                status: 400,
                detail: expect.any(String),
                code: 'validation-failed',
              }),
            );
          }
        }),
        settings(RUNS + 20),
      );
    });

    it('malformed messages without an acknowledgement, unknown events and deep payloads do not disturb the connection or the api', async () => {
      live.socket.emit('subscribe');
      live.socket.emit('subscribe', null);
      live.socket.emit('subscribe', { topics: ['region'] }, 'extra', 3);
      live.socket.emit('unsubscribe', { topics: ['region'] });
      live.socket.emit('no-such-event', { x: 1 });
      const deep = JSON.parse('['.repeat(2_000) + ']'.repeat(2_000)) as unknown;
      const deepAck: unknown = await live.socket.timeout(REQUEST_BOUND_MS).emitWithAck('subscribe', { topics: deep });
      expect((deepAck as { error?: Problem }).error).toMatchObject({ status: 400, code: 'validation-failed' });
      const ack = await live.subscribe({ topics: ['region'] }, REQUEST_BOUND_MS);
      expect(ack).toMatchObject({ subscribed: ['region'], refused: [] });
      expect(live.socket.connected).toBe(true);
      expect((await send('GET', '/health/live', { token: null })).status).toBe(200);
    });
  });

  describe('explicit cases', () => {
    it('a body over the limit is a 413 problem+json, with or without a declared length, and writes nothing', async () => {
      const path = `${BASE}/cells/${CELL}/decisions`;
      const huge = JSON.stringify(validDecision('x'.repeat(300 * 1024)));
      const before = await counts();
      const reply = await rawPost(path, huge);
      expectSameCounts(before, await counts(), 'oversize body');
      expect(reply.status).toBe(413);
      expect(expectProblem(reply, 'oversize body').code).toBe('payload-too-large');

      // Chunked, no content-length: the limit is enforced while reading.
      const chunks = function* (): Generator<string> {
        yield '{"title":"';
        for (let i = 0; i < 64; i++) yield 'y'.repeat(8 * 1024);
        yield '"}';
      };
      const streamed = await sendUnchanged('POST', path, { body: Readable.from(chunks()) }).catch(
        async (error: unknown) => {
          // The server may answer and close while the stream is still being written: read the answer raw.
          if (!String(error).includes('request failed')) throw error;
          return rawPost(path, [...chunks()].join(''), true);
        },
      );
      expect(streamed.status).toBe(413);
      expectProblem(streamed, 'oversize chunked body');
      expect((await send('GET', '/health/live', { token: null })).status).toBe(200);
    });

    const DEPTH = 100_000;
    const deepBodies: Array<[string, () => string]> = [
      ['100k nested arrays', () => '['.repeat(DEPTH) + ']'.repeat(DEPTH)],
      ['a 100k-deep object (over the body limit)', () => '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH)],
      ['a 40k-deep object (within the body limit)', () => '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000)],
      [
        'a deep object inside a text field',
        () =>
          JSON.stringify({ ...validDecision(), title: 'x' }).replace(
            '"title":"x"',
            `"title":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
          ),
      ],
      [
        'a deep value as a sitrep figure',
        () => `{"figures":{"${PPE_FIGURE}":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
      ],
    ];

    async function sendDeep(label: string, make: () => string, withKey: boolean): Promise<void> {
      const raw = make();
      const targets: Array<[string, string]> = [
        ['POST', `${BASE}/cells/${CELL}/decisions`],
        ['PUT', `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/${fixtures.today}`],
        ['POST', `${BASE}/escalations`],
      ];
      for (const [method, path] of targets) {
        const variants: Array<Record<string, string>> = withKey
          ? [{ 'idempotency-key': `deep-${randomUUID()}` }]
          : [{}];
        for (const headers of variants) {
          const _what = label;
          const what = `${method} ${path} (${_what}) ${JSON.stringify(headers)}`;
          const reply = await sendUnchanged(method, path, {
            body: raw,
            headers: { 'content-type': 'application/json', ...headers },
            timeoutMs: 15_000,
          });
          expectProblem(reply, what);
          const live = await send('GET', '/health/live', { token: null });
          expect(live.status).toBe(200);
        }
      }
    }

    it.each(deepBodies)('%s is a 4xx, writes nothing, and the api stays up', async (what, make) => {
      await sendDeep(what, make, false);
    });

    // Was a 500: the idempotency hash walked the body before validation and overflowed the stack.
    it.each(deepBodies.filter(([what]) => !what.includes('over the body limit')))(
      '%s with an Idempotency-Key is a 4xx, writes nothing, and the api stays up',
      async (what, make) => {
        await sendDeep(what, make, true);
      },
    );

    describe('unicode in text fields', () => {
      const SAMPLES: Array<[string, string]> = [
        ['emoji and a ZWJ family', 'Masks 😷 for 👩‍👩‍👧‍👦 and 🏳️‍🌈'],
        ['astral letters', '𝕄𝕦𝕤𝕥𝕖𝕣 𝟙𝟚𝟛'],
        ['right-to-left marks and override', 'abc \u200F\u202Eevil\u202C \u200E مرحبا بالعالم'],
        [
          'combining characters',
          'e\u0301 Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032D\u0308\u0307l\u036E\u0312\u036B',
        ],
        ['zero-width and invisible characters', 'zero\u200Bwidth\u200Cnon\u200Djoiner\u2060\uFEFFbom'],
        ['line and paragraph separators', 'one\u2028two\u2029three\r\n\ttabbed'],
        ['CJK and Devanagari', '口罩储备 मास्क भंडार'],
        ['a decomposed and a composed é (kept apart)', 'caf\u00e9 cafe\u0301'],
        ['HTML and quotes', '<b>bold</b> & "quoted" \'single\' `back`'],
      ];

      it.each(SAMPLES)(
        '%s round-trip exactly through POST and GET, and keep the log verifiable',
        async (_what, text) => {
          const body = { ...validDecision(text), decision: text, rationale: `${text} (rationale)` };
          const posted = await send('POST', `${BASE}/cells/${CELL}/decisions`, { body });
          expect(posted.status).toBe(201);
          const { id } = posted.body as { id: string };
          const got = await send('GET', `${BASE}/cells/${CELL}/decisions/${id}`);
          expect(got.status).toBe(200);
          const entry = got.body as {
            title?: string;
            decision?: string;
            rationale?: string;
            content?: { title?: string; decision?: string; rationale?: string };
          };
          const content = entry.content ?? entry;
          expect(content.title).toBe(text);
          expect(content.decision).toBe(text);
          expect(content.rationale).toBe(`${text} (rationale)`);
          const verify = await send('GET', `${BASE}/cells/${CELL}/decisions/verify`);
          expect(verify.body).toMatchObject({ valid: true });
        },
      );

      // Was a 500: PostgreSQL cannot store a lone surrogate, so text fields now refuse it.
      it('a lone surrogate (\\uD800) is refused as a 400 naming the field, or round-trips exactly; either way the log stays verifiable', async () => {
        for (const text of ['lone high \uD800 surrogate', 'lone low \uDC00 surrogate', 'reversed pair \uDC00\uD800']) {
          const raw = JSON.stringify({ ...validDecision(text), decision: text });
          expect(raw).toContain('\\ud'); // sent as a JSON escape
          const before = await counts();
          const posted = await send('POST', `${BASE}/cells/${CELL}/decisions`, {
            body: raw,
            headers: { 'content-type': 'application/json' },
          });
          if (posted.status === 400) {
            expectBadRequestNaming(posted, ['title', 'decision'], `lone surrogate: ${JSON.stringify(text)}`);
            expectSameCounts(before, await counts(), `lone surrogate: ${JSON.stringify(text)}`);
          } else {
            expect(posted.status).toBe(201);
            const { id } = posted.body as { id: string };
            const got = await send('GET', `${BASE}/cells/${CELL}/decisions/${id}`);
            const entry = got.body as { title?: string; content?: { title?: string } };
            expect({ text, stored: entry.content?.title ?? entry.title }).toEqual({ text, stored: text });
          }
          const verify = await send('GET', `${BASE}/cells/${CELL}/decisions/verify`);
          expect(verify.body).toMatchObject({ valid: true });
        }
      });

      it('NUL in any text field is refused as a 400 naming the field and writes nothing', async () => {
        for (const field of ['title', 'decision', 'rationale', 'informationAvailable']) {
          for (const text of ['\u0000', 'before\u0000after', 'end\u0000']) {
            const body = { ...validDecision(), [field]: text };
            const what = `NUL in ${field}: ${JSON.stringify(text)}`;
            const reply = await sendUnchanged('POST', `${BASE}/cells/${CELL}/decisions`, { body });
            expectBadRequestNaming(reply, [field], what);
          }
        }
        const escalation = await sendUnchanged('POST', `${BASE}/escalations`, {
          body: { ...validEscalation(), detail: 'a\u0000b' },
        });
        expectBadRequestNaming(escalation, ['detail'], 'NUL in escalation detail');
        const sitrep = await sendUnchanged('PUT', `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/${fixtures.today}`, {
          body: { ...validSitrep(), narrative: '\u0000' },
        });
        expectBadRequestNaming(sitrep, ['narrative'], 'NUL in sitrep narrative');
      });

      it('a hostile decision title renders escaped in the HTML daily feed, never as markup, and unicode titles appear as they are', async () => {
        const hostile = '<script>alert(1)</script> & "quotes"';
        const unicode = 'Masks 😷 \u202Eevil\u202C e\u0301 zero\u200Dwidth';
        for (const title of [hostile, unicode]) {
          const posted = await send('POST', `${BASE}/cells/${CELL}/decisions`, { body: validDecision(title) });
          expect(posted.status).toBe(201);
        }
        const generated = await send('POST', `${BASE}/feeds/daily/${fixtures.today}`);
        expect(generated.status).toBe(201);
        const page = await send('GET', `${BASE}/feeds/daily/${fixtures.today}`, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        expect(page.contentType).toMatch(/^text\/html/);
        expect(page.text).not.toContain('<script>alert(1)</script>');
        expect(page.text).not.toMatch(/<script\b[^>]*>\s*alert\(1\)/i);
        expect(page.text).toMatch(
          /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; (&quot;|&#34;|&#x22;|")quotes(&quot;|&#34;|&#x22;|")/,
        );
        expect(page.text).toContain(unicode);
        const json = await send('GET', `${BASE}/feeds/daily/${fixtures.today}`);
        expect(json.text).toContain(JSON.stringify(hostile).slice(1, -1));
        const atom = await send('GET', `${BASE}/feeds/daily.atom`);
        expect(atom.status).toBe(200);
        expect(atom.text).not.toContain('<script>alert(1)</script>');
      });
    });

    it('the valid bodies the mutations start from are accepted: each generated refusal was one change away from a write', async () => {
      // Runs last: these write. Separate escalations so each action starts from an open one.
      for (const endpoint of writeEndpoints()) {
        let path = endpoint.path();
        if (endpoint.name.startsWith('POST /escalations/:id/')) {
          const fresh = await send('POST', `${BASE}/escalations`, { body: validEscalation() });
          expect(fresh.status).toBe(201);
          path = path.replace(fixtures.escalationId, (fresh.body as { id: string }).id);
        }
        const token =
          endpoint.token?.() ?? (endpoint.name === 'POST /escalations/:id/acknowledge' ? leadToken : target.token);
        const reply = await send(endpoint.method, path, { body: endpoint.valid(), token });
        if (reply.status >= 300)
          throw new Error(`${endpoint.name}: the base body was refused ${reply.status}: ${reply.text.slice(0, 600)}`);
      }
    });

    it('the api is still live and ready after everything above', async () => {
      expect((await send('GET', '/health/live', { token: null })).status).toBe(200);
      expect((await send('GET', '/health/ready', { token: null })).status).toBe(200);
    });
  });
});
