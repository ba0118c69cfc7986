import { DataSource } from 'typeorm';
import { EscalationWriter, PersonWriter, RotaWriter } from '@muster/application';
import { loadRegionFile } from '@muster/config';
import { type Escalation, handOver, type Person, replaceRota, resolveEscalation, type Shift } from '@muster/domain';
import { createDataSource, PeopleRepository, PostgresRecipients, TypeOrmUnitOfWork } from '@muster/persistence';
import { admin, raised, regional } from '@muster/builders';
import { createTestDatabase, type TestDatabase } from '@muster/testing';

jest.setTimeout(30_000);

const AT = new Date('2026-12-01T12:00:00.000Z');
const h = (hours: number) => new Date(AT.getTime() + hours * 3_600_000);

const person = (sub: string, fields: Partial<Person> = {}): Person => ({
  sub,
  name: `Person ${sub}`,
  roles: ['regional-coordinator'],
  cells: [],
  clearance: 'OFFICIAL',
  claimsAt: AT,
  updatedAt: AT,
  ...fields,
});

/** The people directory, the rotas and who holds a scope, on the real PostgreSQL and the region's data file. */
describe('people, rotas and recipients (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let uow: TypeOrmUnitOfWork;
  let recipients: PostgresRecipients;
  let people: PeopleRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-recipients-test' });
    await dataSource.initialize();
    uow = new TypeOrmUnitOfWork(dataSource);
    people = new PeopleRepository(dataSource);
    recipients = new PostgresRecipients(
      dataSource,
      async () => (await loadRegionFile('data/regions/west-midlands.json')).contacts,
    );
    await uow.run(async (tx) => {
      const writer = tx.get(PersonWriter);
      await writer.save(person('asha', { email: 'asha@example.gov.uk', preferences: { critical: ['sms'] } }));
      await writer.save(person('ben', { mobile: '+447700900123' }));
      await writer.save(person('mo', { roles: ['mayors-office'], teamsWebhook: 'https://example.org/hook' }));
    });
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  const setRota = (scope: string, shifts: Shift[], at = AT) =>
    uow.run(async (tx) => {
      const rotas = tx.get(RotaWriter);
      const known = new Set(shifts.map((s) => s.sub));
      const { state } = replaceRota({ by: regional(), shifts, at, known }, await rotas.lock(scope));
      await rotas.replace(state);
    });

  it('keeps a person’s contact details and preferences as written, and reads them back as a recipient', async () => {
    expect(await recipients.byKey('asha')).toEqual({
      key: 'asha',
      name: 'Person asha',
      email: 'asha@example.gov.uk',
      preferences: { critical: ['sms'] },
    });
    expect(await recipients.byKey('nobody')).toBeUndefined();
    expect(await people.get('ben')).toMatchObject({ mobile: '+447700900123', claimsAt: AT });
  });

  it('gives the holder of a scope as the person whose shift covers the moment, up to its end', async () => {
    await setRota('regional', [
      { sub: 'asha', from: h(0), to: h(8) },
      { sub: 'ben', from: h(8), to: h(16) },
    ]);
    expect((await recipients.holderOf('regional', h(0))).key).toBe('asha');
    expect((await recipients.holderOf('regional', new Date(h(8).getTime() - 1))).key).toBe('asha');
    expect(await recipients.holderOf('regional', h(8))).toEqual({
      key: 'ben',
      name: 'Person ben',
      mobile: '+447700900123',
    });
  });

  it('falls back to the region file’s contact point outside every shift: regional, national, a cell’s own, the cells’ default', async () => {
    expect(await recipients.holderOf('regional', h(16))).toEqual({
      key: 'contact:regional',
      name: 'WMCA Regional Coordination duty desk',
      email: 'regional-duty@wmca.example.gov.uk',
      mobile: '+447700900100',
    });
    expect(await recipients.holderOf('national', AT)).toMatchObject({
      key: 'contact:national',
      email: 'ncc-duty@national-coordination.example.gov.uk',
    });
    expect(await recipients.holderOf('ppe', AT)).toMatchObject({ key: 'contact:ppe', name: 'PPE cell duty inbox' });
    expect(await recipients.holderOf('food', AT)).toMatchObject({ key: 'contact:food', name: 'Cell duty inbox' });
    expect(await recipients.byKey('contact:national')).toMatchObject({
      name: 'National Coordination Centre duty officer',
    });
    expect(await recipients.byKey('contact:no-such-cell')).toBeUndefined();
  });

  it('a handover mid-shift points the scope at the new holder from that moment, and the old holder before it', async () => {
    await setRota('food', [{ sub: 'asha', from: h(0), to: h(8) }]);
    await uow.run(async (tx) => {
      const rotas = tx.get(RotaWriter);
      const { state } = handOver(
        { by: admin(), to: 'ben', at: h(3), known: new Set(['ben']) },
        await rotas.lock('food'),
      );
      await rotas.replace(state);
    });
    expect((await recipients.holderOf('food', h(2))).key).toBe('asha');
    expect((await recipients.holderOf('food', h(3))).key).toBe('ben');
    expect((await recipients.holderOf('food', h(8))).key).toBe('contact:food');
    expect((await people.shifts('food', h(1))).map((s) => [s.sub, s.name, s.from, s.to])).toEqual([
      ['asha', 'Person asha', h(0), h(3)],
      ['ben', 'Person ben', h(3), h(8)],
    ]);
  });

  it('replacing a rota keeps the shifts already worked', async () => {
    await setRota('shielding', [{ sub: 'asha', from: h(0), to: h(2) }]);
    await setRota('shielding', [{ sub: 'ben', from: h(3), to: h(5) }], h(2));
    expect((await people.shifts('shielding', h(-1))).map((s) => s.sub)).toEqual(['asha', 'ben']);
  });

  it('two replacements of one rota at once take turns on its lock: the result is one of them, whole', async () => {
    await Promise.all([
      setRota('homelessness', [{ sub: 'asha', from: h(0), to: h(4) }]),
      setRota('homelessness', [{ sub: 'ben', from: h(1), to: h(5) }]),
    ]);
    const shifts = await people.shifts('homelessness', AT);
    expect(shifts).toHaveLength(1);
  });

  it('lists those holding a role, and pages the directory by sub', async () => {
    expect((await recipients.withRole('mayors-office')).map((r) => r.key)).toEqual(['mo']);
    expect((await people.page(undefined, 2)).map((p) => p.sub)).toEqual(['asha', 'ben']);
    expect((await people.page('ben', 2)).map((p) => p.sub)).toEqual(['mo']);
    expect(await people.known(['asha', 'zed'])).toEqual(new Set(['asha']));
  });

  it('finds the unresolved escalations a holder holds in a scope: the cell level by its slug, the others by name', async () => {
    const asha = { key: 'asha', name: 'Person asha' };
    const at = (id: string, fields: Partial<Escalation>): Escalation => ({
      ...raised({}, AT, id),
      heldBy: asha,
      ...fields,
    });
    const ids = {
      cell: '00000000-0000-4000-8000-000000000001',
      regional: '00000000-0000-4000-8000-000000000002',
      foodCell: '00000000-0000-4000-8000-000000000003',
      resolved: '00000000-0000-4000-8000-000000000004',
      someoneElse: '00000000-0000-4000-8000-000000000005',
    };
    await uow.run(async (tx) => {
      const writer = tx.get(EscalationWriter);
      await writer.insert(at(ids.cell, {}));
      await writer.insert(at(ids.regional, { level: 'regional' }));
      await writer.insert(at(ids.foodCell, { cell: 'food' }));
      await writer.insert(
        resolveEscalation({ by: regional(), at: AT, resolution: 'done' }, at(ids.resolved, {})).state,
      );
      await writer.insert(at(ids.someoneElse, { heldBy: { key: 'ben', name: 'Person ben' } }));
    });
    const held = (scope: string) =>
      uow.run(async (tx) => (await tx.get(EscalationWriter).lockHeldBy(scope, 'asha')).map((e) => e.id));
    expect(await held('ppe')).toEqual([ids.cell]);
    expect(await held('regional')).toEqual([ids.regional]);
    expect(await held('food')).toEqual([ids.foodCell]);
    expect(await held('national')).toEqual([]);
    const read = await uow.run((tx) => tx.get(EscalationWriter).lock(ids.cell));
    expect(read?.heldBy).toEqual(asha);
  });
});
