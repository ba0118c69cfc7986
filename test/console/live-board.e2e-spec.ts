import { io, type Socket } from 'socket.io-client';
import {
  BoardPage,
  ConsoleBrowser,
  escalationInput,
  http,
  mintToken,
  regionDay,
  SignInPage,
  startConsoleStack,
  stopAll,
  waitFor,
  type ConsoleStack,
  type HttpClient,
  type Person,
} from '@muster/testing';
import { decisionBody, SANDWELL, WALSALL } from '@muster/builders';

const PARTNER = 'https://partner.example';

/**
 * The board page in real Chromium against the real api, worker, PostgreSQL, Redis and sign-in service:
 * a change reaches a signed-in person's board over /live without a reload, an uncleared reader never
 * sees a sensitive item (loaded, fetched or pushed), the board as it stood at a decision, and the /live
 * socket on the session cookie from the console's own origin only.
 */
describe('the board, live in the browser', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let api: HttpClient;

  beforeAll(async () => {
    // A partner site allowed cross-origin (with a token): it must still not ride on a person's session.
    stack = await startConsoleStack({ env: { CORS_ORIGINS: PARTNER } });
    origin = stack.api.url;
    browser = await ConsoleBrowser.launch();
    api = http(
      origin,
      await mintToken({
        sub: 'test-regional',
        name: 'Regional',
        roles: ['regional-coordinator'],
        clearance: 'OFFICIAL-SENSITIVE',
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await stopAll();
    await stack?.db.drop();
  });

  async function boardOf(name: string, query = ''): Promise<{ person: Person; board: BoardPage }> {
    const person = await browser.person();
    await person.page.goto(`${origin}/${query}`);
    await new SignInPage(person.page).continueAs(name);
    await person.page.waitForURL(`${origin}/${query}`);
    return { person, board: BoardPage.at(person, origin) };
  }

  it('shows a change made elsewhere within a second, without a reload, and says what changed', async () => {
    const { person, board } = await boardOf('Sam Hughes');
    await board.waitUntilLive();
    await person.markPage();
    const officer = api.as(
      await mintToken({ sub: 'test-sandwell', roles: ['authority-officer'], authority: SANDWELL }),
    );

    const put = await officer.put(`/api/v1/cells/ppe/sitreps/${SANDWELL}/${regionDay(new Date())}`, {
      figures: { ffp3_masks_days: 1 },
    });
    expect(put.status).toBe(200);
    const answered = Date.now();
    await board.waitForRag('ppe', 'Sandwell', 'Red');
    const elapsed = Date.now() - answered;

    expect(await board.row('ppe', 'Sandwell')).toMatchObject({ rag: 'Red' });
    expect(elapsed).toBeLessThan(1_000);
    expect(await board.waitForUpdate()).toMatch(
      /^Updated The board changed at \d\d:\d\d: .*a situation report was submitted/,
    );
    expect(await person.pageWasReloaded()).toBe(false);
    expect(await board.accessibilityViolations()).toEqual([]);
    expect(board.problems()).toEqual([]);
    await person.close();
  });

  it('never shows an uncleared reader a sensitive item: not on the page, not in a live update, not on the socket', async () => {
    const cleared = await boardOf('Sam Hughes');
    const uncleared = await boardOf('Chris Lee');
    const pushed: string[] = [];
    uncleared.person.page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => pushed.push(String(frame.payload))),
    );
    await uncleared.person.page.reload();
    await Promise.all([cleared.board.waitUntilLive(), uncleared.board.waitUntilLive()]);
    await uncleared.person.markPage();

    const secret = await api.post(
      '/api/v1/escalations',
      escalationInput({
        authority: SANDWELL,
        title: 'Oak Lodge care home has no FFP3 masks',
        marking: 'OFFICIAL-SENSITIVE',
      }),
    );
    const open = await api.post(
      '/api/v1/escalations',
      escalationInput({ authority: WALSALL, title: 'Walsall short of gloves' }),
    );
    expect([secret.status, open.status]).toEqual([201, 201]);

    await waitFor(async () => (await cleared.board.escalationTitles()).length >= 2, {
      timeoutMs: 5_000,
      description: 'both escalations on the cleared board',
    });
    expect(await cleared.board.escalationTitles()).toEqual(
      expect.arrayContaining(['Oak Lodge care home has no FFP3 masks Official-sensitive', 'Walsall short of gloves']),
    );
    await waitFor(async () => (await uncleared.board.escalationTitles()).includes('Walsall short of gloves'), {
      timeoutMs: 5_000,
      description: 'the open escalation on the uncleared board',
    });
    expect(await uncleared.person.pageWasReloaded()).toBe(false);
    expect(await uncleared.board.pictureText()).not.toContain('Oak Lodge');
    await uncleared.person.page.reload();
    expect(await uncleared.board.pictureText()).not.toContain('Oak Lodge');
    expect(await uncleared.person.page.content()).not.toContain('Oak Lodge');
    expect(pushed.some((frame) => frame.includes('Walsall short of gloves'))).toBe(true);
    expect(pushed.filter((frame) => frame.includes('Oak Lodge'))).toEqual([]);
    expect(await uncleared.board.accessibilityViolations()).toEqual([]);
    await cleared.person.close();
    await uncleared.person.close();
  });

  it('shows the board as it stood at a chosen decision, which does not change', async () => {
    const officer = api.as(await mintToken({ roles: ['authority-officer'], authority: WALSALL }));
    const day = regionDay(new Date());
    // In this order in the journal: 10 parcels, the decision, 999 parcels.
    expect(
      (await officer.put(`/api/v1/cells/food/sitreps/${WALSALL}/${day}`, { figures: { parcels_delivered: 10 } }))
        .status,
    ).toBe(200);
    expect(
      (await api.post('/api/v1/cells/food/decisions', decisionBody('Open a second food hub in Walsall'))).status,
    ).toBe(201);
    expect(
      (await officer.put(`/api/v1/cells/food/sitreps/${WALSALL}/${day}`, { figures: { parcels_delivered: 999 } }))
        .status,
    ).toBe(200);
    // Once the board shows 999 it has passed the decision too (it projects in journal order).
    await waitFor(
      async () => {
        const board = (await api.get('/api/v1/board?cell=food')).body as {
          cells: Array<{ authorities: Array<{ code: string; figures: Record<string, number> }> }>;
        };
        return board.cells[0]?.authorities.find((a) => a.code === WALSALL)?.figures['parcels_delivered'] === 999;
      },
      { timeoutMs: 10_000, description: 'the board to show the second return' },
    );

    const { person, board } = await boardOf('Sam Hughes', '?cell=food');
    expect((await board.row('food', 'Walsall')).figures).toContain('999');
    await board.chooseMoment('Open a second food hub in Walsall');

    expect(person.page.url()).toMatch(new RegExp(`^${origin}/\\?cell=food&at=\\d+$`));
    expect(await board.asOf()).toMatch(/^As it stood at \d\d:\d\d on /);
    expect(await board.isLive()).toBe(false);
    expect((await board.row('food', 'Walsall')).figures).toContain('10');
    expect((await board.row('food', 'Walsall')).figures).not.toContain('999');
    expect(await board.accessibilityViolations()).toEqual([]);
    expect(board.problems()).toEqual([]);
    await person.close();
  });

  describe('the /live socket', () => {
    let cookie: string;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      const { person } = await boardOf('Chris Lee');
      const found = (await person.context.cookies(origin)).find((c) => c.name === '__Host-muster-session');
      cookie = `${String(found?.name)}=${String(found?.value)}`;
      await person.close();
    });

    afterAll(() => sockets.forEach((socket) => socket.close()));

    function connect(
      headers: Record<string, string>,
    ): Promise<{ socket: Socket; error?: { message: string; data?: unknown } }> {
      const socket = io(`${origin}/live`, {
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: headers,
        timeout: 5_000,
      });
      sockets.push(socket);
      return new Promise((resolve) => {
        socket.once('connect', () => resolve({ socket }));
        socket.once('connect_error', (error: Error & { data?: unknown }) =>
          resolve({ socket, error: { message: error.message, data: error.data } }),
        );
      });
    }

    it('accepts the session cookie from the console’s own origin, as the person it belongs to', async () => {
      const { socket, error } = await connect({ cookie, origin });
      expect(error).toBeUndefined();
      const ack = (await socket.timeout(5_000).emitWithAck('subscribe', { topics: ['region', 'feed'] })) as {
        subscribed: string[];
      };
      expect(ack.subscribed).toEqual(['region', 'feed']);
    });

    it('refuses it from any other origin (cross-site websocket hijacking), even one allowed cross-origin, and without any credential', async () => {
      const foreign = await connect({ cookie, origin: 'http://127.0.0.1:1' });
      const partner = await connect({ cookie, origin: PARTNER });
      const none = await connect({ origin });
      expect(foreign.socket.connected).toBe(false);
      expect(foreign.error).toBeDefined();
      expect(partner.error).toEqual({
        message: 'unauthorized',
        data: { code: 'unauthorized', detail: 'a session is accepted only from the console’s own pages' },
      });
      expect(none.error).toEqual({
        message: 'unauthorized',
        data: { code: 'unauthorized', detail: 'a bearer token is required' },
      });
    });

    it('still takes a bearer token from any allowed client', async () => {
      const socket = io(`${origin}/live`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token: await mintToken({ roles: ['mayors-office'] }) },
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      expect(socket.connected).toBe(true);
    });
  });
});
