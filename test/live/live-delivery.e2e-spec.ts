import type { Role } from '@muster/contracts';
import {
  connectLive,
  createTestDatabase,
  http,
  liveConnectError,
  mintToken,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  type ApiHandle,
  type HttpClient,
  type LiveClient,
  type LiveEvent,
  type LiveOptions,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, COVENTRY, decisionBody } from '@muster/builders';

/**
 * Live delivery across processes: two api processes and one worker on one database and one Redis. Every
 * socket gets each event it may see exactly once, in `seq` order, whichever api logged it and whichever
 * api the socket is connected to; a reconnecting socket catches up from `after` with no gap and no
 * duplicate; the replay window, topic refusals and token checks hold.
 *
 * Negative assertions ("X never arrives") use markers: a later event on the same socket. Each api process
 * delivers to a socket strictly in `seq` order, so once the marker is in, every earlier event that was
 * going to arrive has; QUIET_MS more is waited once, as a margin, before asserting on the whole stream.
 */

const QUIET_MS = 300;
const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

interface Logged {
  id: string;
  sequence: number;
}

interface AmendedData {
  id: string;
  amends: string;
}

const idOf = (event: LiveEvent): string => (event.data as { id: string }).id;
const seqs = (events: readonly LiveEvent[]): number[] => events.map((event) => event.seq);
const decision = (title: string, authorities: string[] = []) => decisionBody(title, { authorities });

/** Each event once, in strictly increasing `seq`. */
function expectOnceInOrder(events: readonly LiveEvent[]): void {
  const list = seqs(events);
  expect(new Set(list).size).toBe(list.length);
  for (let i = 1; i < list.length; i++) expect(list[i]).toBeGreaterThan(list[i - 1] ?? Number.POSITIVE_INFINITY);
}

describe('live delivery across two api processes and a worker', () => {
  let db: TestDatabase;
  let redisPrefix: string;
  let api1: ApiHandle;
  let api2: ApiHandle;
  let regionalToken: string;
  /** HTTP as a regional coordinator, through each api. */
  let via1: HttpClient;
  let via2: HttpClient;
  const opened: LiveClient[] = [];

  const token = (roles: Role[], extra: { cells?: string[]; authority?: string } = {}) => mintToken({ roles, ...extra });
  const connect = async (api: ApiHandle, jwt: string, opts?: LiveOptions): Promise<LiveClient> => {
    const client = await connectLive(api.url, jwt, opts);
    opened.push(client);
    return client;
  };
  /** A socket subscribed (without replay) to `topics`, checking that every topic was accepted. */
  const listen = async (api: ApiHandle, jwt: string, topics: string[]): Promise<LiveClient> => {
    const client = await connect(api, jwt);
    const ack = await client.subscribe({ topics });
    expect(ack).toEqual({ subscribed: topics, refused: [], replayed: 0 });
    return client;
  };
  const log = async (client: HttpClient, cell: string, title: string, authorities: string[] = []): Promise<Logged> => {
    const response = await client.post(`/api/v1/cells/${cell}/decisions`, decision(title, authorities));
    expect(response.status).toBe(201);
    return response.body as Logged;
  };
  const hasAll = (client: LiveClient, ids: readonly string[]) => () => {
    const seen = new Set(client.events.map(idOf));
    return ids.every((id) => seen.has(id));
  };

  // A socket whose token expires 2-3 s after it connects (exp has one-second precision). It is opened
  // first so that the wait for its expiry overlaps the other tests; the last test checks what happened.
  let expiring: {
    client: LiveClient;
    connectedAt: number;
    disconnected: Promise<{ reason: string; at: number }>;
    sessionExpired: unknown[];
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    redisPrefix = uniqueRedisPrefix();
    const options = { databaseUrl: db.url, redisPrefix };
    [api1, api2] = await Promise.all([startApi(options), startApi(options), startWorker(options)]);
    regionalToken = await token(['regional-coordinator']);
    via1 = http(api1.url, regionalToken);
    via2 = http(api2.url, regionalToken);

    const shortLived = await mintToken({ roles: ['regional-coordinator'] }, { expiresIn: '3s' });
    const client = await connect(api2, shortLived, { reconnection: false });
    const connectedAt = Date.now();
    const sessionExpired: unknown[] = [];
    client.socket.on('session-expired', (payload: unknown) => sessionExpired.push(payload));
    const disconnected = new Promise<{ reason: string; at: number }>((resolve) =>
      client.socket.once('disconnect', (reason) => resolve({ reason, at: Date.now() })),
    );
    expect(await client.subscribe({ topics: ['region'] })).toMatchObject({ subscribed: ['region'] });
    expiring = { client, connectedAt, disconnected, sessionExpired };
  });

  afterAll(async () => {
    for (const client of opened) client.close();
    await stopAll();
    await db?.drop();
  });

  it('sockets on both apis get each of 30 decisions logged concurrently through both apis exactly once, in seq order', async () => {
    const [onApi1, onApi2, food2, homelessness1] = await Promise.all([
      listen(api1, regionalToken, ['region']),
      listen(api2, regionalToken, ['region']),
      listen(api2, await token(['cell-lead'], { cells: ['food'] }), ['cell:food']),
      listen(api1, await token(['cell-member'], { cells: ['homelessness'] }), ['cell:homelessness']),
    ]);

    const logged = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const cell = Math.floor(i / 2) % 2 === 0 ? 'homelessness' : 'food';
        return log(i % 2 === 0 ? via1 : via2, cell, `Concurrent ${i}`).then((entry) => ({ ...entry, cell }));
      }),
    );
    const ids = logged.map((entry) => entry.id);
    const foodIds = logged.filter((entry) => entry.cell === 'food').map((entry) => entry.id);
    const homelessnessIds = logged.filter((entry) => entry.cell === 'homelessness').map((entry) => entry.id);
    // Both cells and both apis, in every combination.
    expect([foodIds.length, homelessnessIds.length]).toEqual([14, 16]);

    // Markers after the 30: one per cell, so every socket has a later event to wait for.
    const foodMarker = await log(via2, 'food', 'Marker food');
    const homelessnessMarker = await log(via1, 'homelessness', 'Marker homelessness');
    await Promise.all([
      onApi1.waitForEvent((event) => idOf(event) === homelessnessMarker.id),
      onApi2.waitForEvent((event) => idOf(event) === homelessnessMarker.id),
      food2.waitForEvent((event) => idOf(event) === foodMarker.id),
      homelessness1.waitForEvent((event) => idOf(event) === homelessnessMarker.id),
    ]);
    await quiet();

    for (const client of [onApi1, onApi2]) {
      expect(client.events.map(idOf).sort()).toEqual([...ids, foodMarker.id, homelessnessMarker.id].sort());
      expect(client.events.every((event) => event.type === 'decision.logged' && event.marking === 'OFFICIAL')).toBe(
        true,
      );
      expectOnceInOrder(client.events);
    }
    // Both processes deliver the same stream, in the same order.
    expect(seqs(onApi2.events)).toEqual(seqs(onApi1.events));
    expect(food2.events.map(idOf).sort()).toEqual([...foodIds, foodMarker.id].sort());
    expectOnceInOrder(food2.events);
    expect(homelessness1.events.map(idOf).sort()).toEqual([...homelessnessIds, homelessnessMarker.id].sort());
    expectOnceInOrder(homelessness1.events);

    // The event carries what the contract names.
    const sample = onApi1.events.find((event) => idOf(event) === foodMarker.id);
    expect(sample).toEqual({
      seq: expect.any(Number),
      type: 'decision.logged',
      at: expect.any(String),
      cell: 'food',
      marking: 'OFFICIAL',
      data: expect.objectContaining({
        id: foodMarker.id,
        sequence: foodMarker.sequence,
        title: 'Marker food',
        hash: expect.any(String),
      }),
    });
  });

  it('a socket on several topics an event is published on gets it once', async () => {
    const oneCall = await listen(api1, regionalToken, [
      'region',
      'cell:ppe',
      'authority:E08000025',
      'authority:E08000026',
    ]);
    const twoCalls = await listen(api2, regionalToken, ['region']);
    expect(await twoCalls.subscribe({ topics: ['cell:ppe'] })).toEqual({
      subscribed: ['cell:ppe'],
      refused: [],
      replayed: 0,
    });
    expect(await twoCalls.subscribe({ topics: ['authority:E08000025', 'region'] })).toMatchObject({ refused: [] });
    const mayor = await listen(api2, await token(['mayors-office']), [
      'region',
      'cell:ppe',
      'authority:E08000025',
      'feed',
    ]);

    const logged = await log(via1, 'ppe', 'Issue masks', [BIRMINGHAM, COVENTRY]);
    // The amendment is the marker: a later event on all the same topics.
    const amended = await via2.post(`/api/v1/cells/ppe/decisions/${logged.id}/amendments`, {
      reason: 'Wrong quantity',
      changes: { decision: 'Issue 10,000 masks' },
    });
    expect(amended.status).toBe(201);
    const amendmentId = (amended.body as Logged).id;
    for (const client of [oneCall, twoCalls, mayor]) {
      await client.waitForEvent((event) => event.type === 'decision.amended');
    }
    await quiet();
    for (const client of [oneCall, twoCalls, mayor]) {
      expect(client.events.map((event) => [event.type, idOf(event)])).toEqual([
        ['decision.logged', logged.id],
        ['decision.amended', amendmentId],
      ]);
      expect((client.events[1]?.data as AmendedData).amends).toBe(logged.id);
      expectOnceInOrder(client.events);
    }
  });

  it('a socket that reconnects with after: lastSeq gets exactly what it missed, in order, then live events', async () => {
    // An observer that stays connected to api2 shows when api2 has dispatched an event.
    const observer = await listen(api2, regionalToken, ['region']);
    const first = await connect(api1, regionalToken, { reconnection: false });
    await first.subscribe({ topics: ['region'] });
    const seen = await Promise.all([0, 1, 2].map((n) => log(n % 2 ? via1 : via2, 'shielding', `Before the drop ${n}`)));
    await waitFor(
      hasAll(
        first,
        seen.map((entry) => entry.id),
      ),
      { description: 'the first three events', timeoutMs: 10_000 },
    );
    const lastSeq = Math.max(...seqs(first.events));
    first.close();

    const missed: Logged[] = [];
    for (let n = 0; n < 5; n++)
      missed.push(await log(n % 2 ? via1 : via2, n % 2 ? 'food' : 'shielding', `Missed ${n}`));
    await waitFor(
      hasAll(
        observer,
        missed.map((entry) => entry.id),
      ),
      { description: 'api2 to dispatch the missed events', timeoutMs: 10_000 },
    );

    const back = await connect(api2, regionalToken);
    const ack = await back.subscribe({ topics: ['region'], after: lastSeq });
    expect(ack).toEqual({ subscribed: ['region'], refused: [], replayed: 5 });
    await back.waitForEvents(5);
    expect(back.events.map(idOf)).toEqual(missed.map((entry) => entry.id));
    expect(seqs(back.events)).toEqual([1, 2, 3, 4, 5].map((n) => lastSeq + n));

    const live: Logged[] = [];
    for (let n = 0; n < 3; n++) live.push(await log(n % 2 ? via2 : via1, 'homelessness', `Live after the replay ${n}`));
    await back.waitForEvents(8);
    await quiet();
    expect(back.events.map(idOf)).toEqual([...missed, ...live].map((entry) => entry.id));
    expect(seqs(back.events)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => lastSeq + n));
  });

  it('events logged while a replay is in progress are delivered once, after the replayed ones, with no gap', async () => {
    const first = await listen(api1, regionalToken, ['region']);
    const before = await log(via1, 'ppe', 'Before the race');
    await waitFor(hasAll(first, [before.id]), { description: 'the marker before the drop', timeoutMs: 10_000 });
    const lastSeq = Math.max(...seqs(first.events));
    first.close();

    const missed = await Promise.all(
      Array.from({ length: 10 }, (_, n) => log(n % 2 ? via1 : via2, 'ppe', `Missed in the race ${n}`)),
    );
    const back = await connect(api1, regionalToken);
    // Subscribe while ten more are being logged through both apis.
    const [ack, racing] = await Promise.all([
      back.subscribe({ topics: ['region'], after: lastSeq }),
      Promise.all(Array.from({ length: 10 }, (_, n) => log(n % 2 ? via2 : via1, 'food', `Racing ${n}`))),
    ]);
    expect(ack.refused).toEqual([]);
    const all = [...missed, ...racing].map((entry) => entry.id);
    await waitFor(hasAll(back, all), { description: 'every missed and racing event', timeoutMs: 15_000 });
    await quiet();
    expect(back.events.map(idOf).sort()).toEqual([...all].sort());
    expect(seqs(back.events)).toEqual(Array.from({ length: 20 }, (_, n) => lastSeq + 1 + n));
  });

  it('refuses topics the socket may not join, and replays nothing from them', async () => {
    // At least one ppe event for the member to replay, dispatched by api1 before the member subscribes.
    const observer = await listen(api1, regionalToken, ['cell:ppe']);
    const ppe = await log(via2, 'ppe', 'Something for ppe members to replay');
    await observer.waitForEvent((event) => idOf(event) === ppe.id);
    const member = await connect(api1, await token(['cell-member'], { cells: ['ppe'] }));
    const refused = await member.subscribe({
      topics: ['cell:food', 'feed', 'authority:E08000025', 'bogus:topic'],
      after: 0,
    });
    expect(refused).toEqual({
      subscribed: [],
      refused: [
        { topic: 'cell:food', reason: 'forbidden' },
        { topic: 'feed', reason: 'forbidden' },
        { topic: 'authority:E08000025', reason: 'forbidden' },
        { topic: 'bogus:topic', reason: 'unknown-topic' },
      ],
      replayed: 0,
    });
    // Allowed and refused topics together: only the allowed one is joined and replayed.
    const mixed = await member.subscribe({ topics: ['cell:ppe', 'cell:food'], after: 0 });
    expect(mixed.subscribed).toEqual(['cell:ppe']);
    expect(mixed.refused).toEqual([{ topic: 'cell:food', reason: 'forbidden' }]);
    expect(mixed.replayed).toBeGreaterThan(0);
    await member.waitForEvents(mixed.replayed);

    const officer = await connect(api2, await token(['authority-officer'], { authority: BIRMINGHAM }));
    const other = await officer.subscribe({ topics: ['authority:E08000026', 'cell:food'], after: 0 });
    expect(other).toEqual({
      subscribed: [],
      refused: [
        { topic: 'authority:E08000026', reason: 'forbidden' },
        { topic: 'cell:food', reason: 'forbidden' },
      ],
      replayed: 0,
    });
    await officer.subscribe({ topics: ['authority:E08000025'] });
    const marker = await log(via1, 'food', 'Food decision for Birmingham', [BIRMINGHAM]);
    await officer.waitForEvent((event) => idOf(event) === marker.id);
    await quiet();
    // Nothing was replayed from the refused topics: the marker is all the officer has.
    expect(officer.events.map(idOf)).toEqual([marker.id]);
    // The member's replay held only ppe events, each once, in order; food's marker never reached it.
    expect(member.events.every((event) => event.cell === 'ppe')).toBe(true);
    expect(member.events).toHaveLength(mixed.replayed);
    expectOnceInOrder(member.events);
  });

  it('beyond the replay window (LIVE_REPLAY_LIMIT) the server sends resync; within it, it replays', async () => {
    const api3 = await startApi({ databaseUrl: db.url, redisPrefix, env: { LIVE_REPLAY_LIMIT: '5' } });
    const via3 = http(api3.url, regionalToken);
    const observer = await listen(api3, regionalToken, ['region']);
    const ten: Logged[] = [];
    for (let n = 0; n < 10; n++) ten.push(await log(via3, 'shielding', `Window ${n}`));
    await waitFor(
      hasAll(
        observer,
        ten.map((entry) => entry.id),
      ),
      { description: 'api3 to dispatch the ten', timeoutMs: 10_000 },
    );
    const frontier = Math.max(...seqs(observer.events));

    const fromZero = await connect(api3, regionalToken);
    const ack = await fromZero.subscribe({ topics: ['region'], after: 0 });
    expect(ack).toEqual({ subscribed: ['region'], refused: [], replayed: 0 });
    await waitFor(() => fromZero.resyncs.length > 0, { description: 'a resync' });
    expect(fromZero.resyncs).toEqual([expect.objectContaining({ seq: frontier })]);

    const justOutside = await connect(api3, regionalToken);
    expect(await justOutside.subscribe({ topics: ['region'], after: frontier - 6 })).toMatchObject({ replayed: 0 });
    await waitFor(() => justOutside.resyncs.length > 0, { description: 'a resync one past the window' });

    const inside = await connect(api3, regionalToken);
    expect(await inside.subscribe({ topics: ['region'], after: frontier - 5 })).toMatchObject({ replayed: 5 });
    await inside.waitForEvents(5);
    expect(inside.events.map(idOf)).toEqual(ten.slice(5).map((entry) => entry.id));
    expect(inside.resyncs).toEqual([]);
    expect(fromZero.events).toEqual([]);
    await api3.stop();
  });

  it('a bad, expired, forged or wrong-audience token cannot connect: unauthorized', async () => {
    const refusals = await Promise.all([
      liveConnectError(api1.url, ''),
      liveConnectError(api1.url, 'not-a-jwt'),
      liveConnectError(api2.url, await mintToken({ roles: ['regional-coordinator'] }, { expiresIn: '-1m' })),
      liveConnectError(
        api1.url,
        await mintToken({ roles: ['regional-coordinator'] }, { secret: 'some-other-secret-entirely-0123456789abcdef' }),
      ),
      liveConnectError(api2.url, await mintToken({ roles: ['regional-coordinator'] }, { audience: 'someone-else' })),
    ]);
    expect(refusals).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized', 'unauthorized']);
  });

  it('a socket whose token expires while it is connected is disconnected by the server', async () => {
    const { reason, at } = await expiring.disconnected;
    expect(reason).toBe('io server disconnect');
    const after = at - expiring.connectedAt;
    // exp has one-second precision: the token ran out between 2 and 3 s after it was minted.
    expect(after).toBeGreaterThanOrEqual(1_500);
    expect(after).toBeLessThan(6_000);
    expect(expiring.sessionExpired).toEqual([expect.objectContaining({ code: 'unauthorized' })]);
    expect(expiring.client.socket.connected).toBe(false);
  });
});
