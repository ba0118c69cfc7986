import type { Role } from '@muster/contracts';
import {
  createTestDatabase,
  expectStatus,
  http,
  mintToken,
  startApi,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type HttpClient,
  type ProblemBody,
  type TestDatabase,
} from '@muster/testing';

/**
 * People and rotas against the real api (contract: "Reaching people off-screen", People and Rotas): a person
 * sets their own contact details at /me (entered on the first change if never signed in), administrators read
 * and set anyone's (each read of another person in the access audit), bad details are a 400 at the field, and
 * contact details never reach the logs. Rotas: set by regional coordinators and administrators, read with the
 * holder now (the fallback contact point in a gap), refused when they overlap or name strangers, handed over
 * mid-shift by the holder.
 */

interface PersonBody {
  sub: string;
  name: string;
  email?: string;
  mobile?: string;
  teamsWebhook?: string;
  roles: Role[];
  cells: string[];
  clearance: string;
  preferences: Record<string, string[]>;
}
interface RotaBody {
  scope: string;
  holder: { key: string; name: string };
  shifts: Array<{ sub: string; name: string; from: string; to: string }>;
}

const run = Math.random().toString(36).slice(2, 8);
const EMAIL = `asha.${run}@example.gov.uk`;
const MOBILE = '+447700900' + String(100 + Math.floor(Math.random() * 800));
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

describe('people and rotas', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let lines: string[];
  const subs = {
    asha: `asha-${run}`,
    ben: `ben-${run}`,
    reg: `reg-${run}`,
    admin: `admin-${run}`,
    lead: `lead-${run}`,
  };
  let asha: HttpClient;
  let ben: HttpClient;
  let reg: HttpClient;
  let admin: HttpClient;
  let lead: HttpClient;

  const as = async (sub: string, name: string, roles: Role[], cells: string[] = []) =>
    http(api.url, await mintToken({ sub, name, roles, cells }));
  const problem = (body: unknown) => body as ProblemBody & { errors?: Array<{ path: string }> };
  const paths = (body: unknown) => (problem(body).errors ?? []).map((e) => e.path);

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisPrefix: uniqueRedisPrefix(), env: { LOG_LEVEL: 'debug' } });
    lines = api.output.lines();
    api.output.onLine((line) => lines.push(line));
    asha = await as(subs.asha, 'Asha Lead', ['cell-lead'], ['ppe']);
    ben = await as(subs.ben, 'Ben Member', ['cell-member'], ['ppe']);
    reg = await as(subs.reg, 'Regina Coordinator', ['regional-coordinator']);
    admin = await as(subs.admin, 'Ada Admin', ['admin']);
    lead = await as(`food-${run}`, 'Food Lead', ['cell-lead'], ['food']);
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  describe('/me', () => {
    it('answers who the token says for someone never signed in, with no contact details', async () => {
      const me = expectStatus<PersonBody>(await asha.get('/api/v1/me'), 200);
      expect(me).toMatchObject({
        sub: subs.asha,
        name: 'Asha Lead',
        roles: ['cell-lead'],
        cells: ['ppe'],
        preferences: {},
      });
      expect(me.email).toBeUndefined();
    });

    it('enters a bearer-token user on their first PUT, and keeps what they set', async () => {
      const body = { email: EMAIL, mobile: MOBILE, preferences: { critical: ['sms', 'email'], low: [] } };
      expect(expectStatus<PersonBody>(await asha.put('/api/v1/me', body), 200)).toMatchObject(body);
      expect(expectStatus<PersonBody>(await asha.get('/api/v1/me'), 200)).toMatchObject({ sub: subs.asha, ...body });
      expect(expectStatus<PersonBody>(await ben.put('/api/v1/me', {}), 200).sub).toBe(subs.ben);
    });

    it.each([
      ['email', { email: 'not-an-email' }],
      ['mobile', { mobile: '07700 900123' }],
      ['teamsWebhook', { teamsWebhook: 'http://example.org/hook' }],
      ['preferences.critical.0', { preferences: { critical: ['pager'] } }],
      ['preferences', { preferences: { urgent: ['email'] } }],
    ])('refuses a bad %s with a 400 naming it, and changes nothing', async (field, body) => {
      const reply = await asha.put('/api/v1/me', body);
      expect(reply.status).toBe(400);
      expect(paths(reply.body).some((p) => p === field || p.startsWith(`${field}.`) || field.startsWith(p))).toBe(true);
      expect(expectStatus<PersonBody>(await asha.get('/api/v1/me'), 200).email).toBe(EMAIL);
    });
  });

  describe('the directory, for administrators', () => {
    it('lists people by sub a page at a time, and reads one; everyone else is refused', async () => {
      const first = expectStatus<{ items: PersonBody[]; next: string | null }>(
        await admin.get('/api/v1/people?limit=1'),
        200,
      );
      expect(first.items).toHaveLength(1);
      expect(first.next).toEqual(expect.any(String));
      const rest = expectStatus<{ items: PersonBody[]; next: string | null }>(
        await admin.get(`/api/v1/people?limit=500&cursor=${first.next ?? ''}`),
        200,
      );
      expect(rest.next).toBeNull();
      const listed = [...first.items, ...rest.items].map((p) => p.sub);
      expect(listed).toEqual([...listed].sort());
      expect(listed).toEqual(expect.arrayContaining([subs.asha, subs.ben]));
      expect(expectStatus<PersonBody>(await admin.get(`/api/v1/people/${subs.asha}`), 200)).toMatchObject({
        email: EMAIL,
      });
      expect((await reg.get('/api/v1/people')).status).toBe(403);
      expect((await asha.get(`/api/v1/people/${subs.ben}`)).status).toBe(403);
      expect((await admin.get(`/api/v1/people/nobody-${run}`)).status).toBe(404);
      expect(paths((await admin.get('/api/v1/people?cursor=bm90LWEtY3Vyc29y')).body)).toEqual(['cursor']);
    });

    it('records each administrator’s read of someone else in the access audit', async () => {
      const from = new Date(Date.now() - 3_600_000).toISOString();
      const audit = await admin.get(`/api/v1/admin/access-audit?from=${encodeURIComponent(from)}&sub=${subs.admin}`);
      const rows = audit.text
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as { action: string; itemType: string; itemId: string });
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'person.read', itemType: 'person', itemId: subs.asha }),
          expect.objectContaining({ action: 'person.list', itemType: 'person', itemId: subs.asha }),
        ]),
      );
    });

    it('lets an administrator set someone’s details, and enter someone not yet signed in with their claims', async () => {
      const set = await admin.put(`/api/v1/people/${subs.ben}`, { teamsWebhook: 'https://example.org/workflows/ben' });
      expect(expectStatus<PersonBody>(set, 200)).toMatchObject({ sub: subs.ben, name: 'Ben Member' });
      const entered = await admin.put(`/api/v1/people/${subs.reg}`, {
        name: 'Regina Coordinator',
        roles: ['regional-coordinator'],
      });
      expect(expectStatus<PersonBody>(entered, 200)).toMatchObject({ roles: ['regional-coordinator'], cells: [] });
      expect((await admin.put(`/api/v1/people/nobody-${run}`, { email: 'x@example.org' })).status).toBe(404);
      expect((await asha.put(`/api/v1/people/${subs.ben}`, {})).status).toBe(403);
      expect(paths((await admin.put(`/api/v1/people/${subs.ben}`, { name: 'Only a name' })).body)).toEqual(['roles']);
    });
  });

  describe('rotas', () => {
    it('with no shift, the holder is the scope’s fallback contact point from the region file', async () => {
      const rota = expectStatus<RotaBody>(await reg.get('/api/v1/rotas/national'), 200);
      expect(rota).toEqual({
        scope: 'national',
        holder: { key: 'contact:national', name: 'National Coordination Centre duty officer' },
        shifts: [],
      });
      expect(expectStatus<RotaBody>(await asha.get('/api/v1/rotas/ppe'), 200).holder.key).toBe('contact:ppe');
    });

    it('is set by regional coordinators and administrators; the covering shift holds the scope', async () => {
      const shifts = [
        { sub: subs.asha, from: hours(-1), to: hours(2) },
        { sub: subs.ben, from: hours(2), to: hours(10) },
      ];
      const rota = expectStatus<RotaBody>(await reg.put('/api/v1/rotas/ppe', { shifts }), 200);
      expect(rota.holder).toEqual({ key: subs.asha, name: 'Asha Lead' });
      expect(rota.shifts.map((s) => [s.sub, s.name])).toEqual([
        [subs.asha, 'Asha Lead'],
        [subs.ben, 'Ben Member'],
      ]);
      expect((await asha.put('/api/v1/rotas/ppe', { shifts })).status).toBe(403);
      expect((await lead.get('/api/v1/rotas/ppe')).status).toBe(403);
    });

    it('refuses overlaps, strangers, backwards shifts and unknown scopes, naming the field', async () => {
      const overlap = await reg.put('/api/v1/rotas/regional', {
        shifts: [
          { sub: subs.asha, from: hours(1), to: hours(5) },
          { sub: subs.ben, from: hours(4), to: hours(8) },
        ],
      });
      expect([overlap.status, paths(overlap.body)]).toEqual([422, ['shifts.1.from']]);
      const stranger = await reg.put('/api/v1/rotas/regional', {
        shifts: [{ sub: `stranger-${run}`, from: hours(1), to: hours(2) }],
      });
      expect([stranger.status, paths(stranger.body)]).toEqual([422, ['shifts.0.sub']]);
      const backwards = await reg.put('/api/v1/rotas/regional', {
        shifts: [{ sub: subs.asha, from: hours(2), to: hours(1) }],
      });
      expect([backwards.status, paths(backwards.body)]).toEqual([400, ['shifts.0.to']]);
      const far = await reg.put('/api/v1/rotas/regional', {
        shifts: [{ sub: subs.asha, from: hours(1), to: hours(24 * 400) }],
      });
      expect([far.status, paths(far.body)]).toEqual([400, ['shifts.0.to']]);
      expect((await reg.put('/api/v1/rotas/no-such-cell', { shifts: [] })).status).toBe(404);
      expect(expectStatus<RotaBody>(await reg.get('/api/v1/rotas/regional'), 200).shifts).toEqual([]);
    });

    it('the holder hands over mid-shift: the new holder holds the rest of it, and nobody else may', async () => {
      expect((await ben.post('/api/v1/rotas/ppe/handover', { to: subs.reg })).status).toBe(403);
      const handed = expectStatus<RotaBody>(await asha.post('/api/v1/rotas/ppe/handover', { to: subs.reg }), 200);
      expect(handed.holder).toEqual({ key: subs.reg, name: 'Regina Coordinator' });
      expect(handed.shifts.map((s) => s.sub)).toEqual([subs.reg, subs.ben]);
      const unknown = await reg.post('/api/v1/rotas/ppe/handover', { to: `stranger-${run}` });
      expect([unknown.status, paths(unknown.body)]).toEqual([422, ['to']]);
      expect((await reg.post('/api/v1/rotas/national/handover', { to: subs.asha })).status).toBe(409);
    });
  });

  it('never writes anyone’s contact details to the logs', () => {
    expect(lines.length).toBeGreaterThan(0);
    const leaked = lines.filter((line) => line.includes(EMAIL) || line.includes(MOBILE));
    expect(leaked).toEqual([]);
  });
});
