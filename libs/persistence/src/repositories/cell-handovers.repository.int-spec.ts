import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CellWriter, DecisionRequestWriter, EscalationWriter } from '@muster/application';
import { alertMissedUpdate, standDownCell, updateEscalation, withdrawEscalation } from '@muster/domain';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { decisionRequest, HOUR, officer, plus, raised, RAISED_AT, regional } from '@muster/builders';
import { createDataSource } from '../data-source';
import { TypeOrmUnitOfWork } from '../unit-of-work';
import { JournalCellHandovers, PostgresCellOpenItems } from './cell-handovers.repository';
import { EscalationRepository } from './escalation.repository';

/**
 * On the real PostgreSQL: the open items a handover must cover (OFFICIAL, still open, of the cell), the
 * handovers read back from the journal, and the promised updates reconciliation re-arms, with the new
 * columns round-tripping.
 */
jest.setTimeout(30_000);

describe('cell handovers and escalation updates (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let uow: TypeOrmUnitOfWork;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-handovers-test' });
    await dataSource.initialize();
    uow = new TypeOrmUnitOfWork(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  it('lists what a handover must cover, reads handovers from the journal, and finds the updates owed a re-alert', async () => {
    const id = () => randomUUID();
    const raiser = officer();
    const at = plus(RAISED_AT, HOUR);
    const open = raised({ title: 'Open one' }, RAISED_AT, id());
    const promise = plus(RAISED_AT, 2 * HOUR);
    const promised = updateEscalation({ by: raiser, at, note: 'Soon', nextUpdateDue: promise }, open).state;
    const neededBy = raised({ title: 'Needed', neededBy: plus(RAISED_AT, 5 * HOUR).toISOString() }, RAISED_AT, id());
    const sensitive = raised({ title: 'Sensitive', marking: 'OFFICIAL-SENSITIVE' }, RAISED_AT, id());
    const withdrawn = withdrawEscalation({ by: raiser, at, reason: 'Sorted' }, raised({ title: 'Gone' }, RAISED_AT, id()))
      .state;
    const request = decisionRequest({ id: id(), cell: 'ppe', question: 'Release the reserve?' });
    const decided = decisionRequest({ id: id(), cell: 'ppe', status: 'decided' });
    await uow.run(async (tx) => {
      for (const e of [open, neededBy, sensitive, withdrawn]) await tx.get(EscalationWriter).insert(e);
      await tx.get(EscalationWriter).update(promised, open.version);
      for (const r of [request, decided]) await tx.get(DecisionRequestWriter).insert(r);
    });

    const escalations = new EscalationRepository(dataSource);
    expect(await escalations.byId(promised.id)).toEqual(promised);
    expect(await escalations.byId(neededBy.id)).toEqual(neededBy);
    expect(await escalations.byId(withdrawn.id)).toEqual(withdrawn);
    expect((await escalations.awaitingUpdate()).map((e) => e.id)).toEqual([promised.id]);

    const items = await new PostgresCellOpenItems(dataSource).of('ppe');
    expect(items).toEqual(
      expect.arrayContaining([
        { kind: 'escalation', id: open.id, title: 'Open one' },
        { kind: 'escalation', id: neededBy.id, title: 'Needed' },
        { kind: 'decision-request', id: request.id, title: 'Release the reserve?' },
      ]),
    );
    expect(items).toHaveLength(3);

    // Re-alerted: no longer owed.
    const alerted = alertMissedUpdate({ nextUpdateDue: promise.toISOString(), at: promise }, promised).state;
    await uow.run((tx) => tx.get(EscalationWriter).update(alerted, promised.version));
    expect(await escalations.awaitingUpdate()).toEqual([]);
    expect(await escalations.byId(alerted.id)).toEqual(alerted);

    const handovers = new JournalCellHandovers(dataSource);
    expect(await handovers.of('ppe')).toEqual([]);
    await uow.run(async (tx) => {
      const held = await tx.get(CellWriter).lock('ppe');
      if (held === undefined) throw new Error('no ppe cell');
      const active = { ...held.cell, status: 'active' as const };
      const { state, events } = standDownCell(
        {
          by: regional(),
          at,
          reason: 'Recovered',
          open: items,
          assignments: items.map((item) => ({ kind: item.kind, id: item.id, to: { role: 'regional-coordinator' } })),
        },
        active,
      );
      await tx.get(CellWriter).update({ cell: state, episodeOpen: held.episodeOpen });
      await tx.journal.append(events, 'regional-coordinator-1');
    });
    const listed = await handovers.of('ppe');
    expect(listed).toEqual([
      {
        slug: 'ppe',
        reason: 'Recovered',
        by: regional().name,
        at: at.toISOString(),
        handover: {
          openEscalations: items.filter((i) => i.kind === 'escalation').map((i) => i.id),
          openRequests: [request.id],
          items: items.map((item) => ({ ...item, to: { role: 'regional-coordinator' } })),
        },
      },
    ]);
    expect(await handovers.of('food')).toEqual([]);
  });
});
