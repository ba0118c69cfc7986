import { ActionWriter, DecisionRequestWriter, EscalationWriter } from '@muster/application';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { Page, PageRequest } from '@muster/application';
import { MARKINGS, ROLES } from '@muster/contracts';
import {
  canViewAction,
  canViewDecisionRequest,
  canViewEscalation,
  principal,
  sensitiveReach,
  type DecisionRequest,
  type Escalation,
  type TrackedAction,
  viewableCells,
} from '@muster/domain';
import { createDataSource, TypeOrmUnitOfWork } from '@muster/persistence';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { ActionRepository } from '../actions/action.repository';
import { DecisionRequestRepository } from './decision-request.repository';
import { EscalationRepository } from './escalation.repository';
import { BIRMINGHAM, COVENTRY, DUDLEY } from '@muster/builders';

jest.setTimeout(120_000);

/**
 * Escalation and decision request lists on the real PostgreSQL, paged with their cursors: for generated
 * items (markings, cells, authorities, and instants that collide) and generated readers and page sizes,
 * walking every page yields exactly the items the domain lets the reader see, in order, each once, and
 * every page but the last is full: hidden items take no room and cannot push visible ones out of reach.
 */

const CELLS = ['ppe', 'food'];
const CODES = [BIRMINGHAM, COVENTRY, DUDLEY];
const BASE = Date.parse('2026-11-22T09:00:00.000Z');

const anyReader = fc
  .record({
    roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 2 }),
    cells: fc.uniqueArray(fc.constantFrom(...CELLS), { maxLength: 1 }),
    authority: fc.option(fc.constantFrom(...CODES), { nil: undefined }),
    clearance: fc.constantFrom(...MARKINGS),
  })
  .map((fields) => principal({ sub: 'reader', ...fields }));

const anyMarked = fc.record({
  marking: fc.constantFrom(...MARKINGS),
  cell: fc.constantFrom(...CELLS),
  authority: fc.option(fc.constantFrom(...CODES), { nil: undefined }),
  // Few distinct instants, so that ties are broken by id.
  minute: fc.integer({ min: 0, max: 5 }),
});

function escalation(item: {
  marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  cell: string;
  authority?: string;
  minute: number;
}): Escalation {
  const raisedAt = new Date(BASE + item.minute * 60_000).toISOString();
  return {
    id: randomUUID(),
    ...(item.authority === undefined ? {} : { authority: item.authority }),
    cell: item.cell,
    title: 't',
    detail: 'd',
    severity: 'low',
    marking: item.marking,
    raisedBy: 'system',
    raisedAt,
    level: 'cell',
    status: 'open',
    ackDueAt: null,
    overdue: false,
    version: 1,
    history: [],
  };
}

function request(item: {
  marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  cell: string;
  authority?: string;
  minute: number;
}): DecisionRequest {
  return {
    id: randomUUID(),
    cell: item.cell,
    question: 'q',
    dueAt: new Date(BASE + item.minute * 60_000).toISOString(),
    marking: item.marking,
    ...(item.authority === undefined ? {} : { authority: item.authority }),
    status: 'open',
    requestedBy: { sub: 's', name: 'n' },
    requestedAt: new Date(BASE).toISOString(),
    version: 1,
  };
}

const STATUSES = ['open', 'done', 'dropped', 'overdue'] as const;
const OWNERS = ['jas', 'Care Homes Forum'];

function action(item: {
  marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  cell: string;
  authority?: string;
  minute: number;
  status: (typeof STATUSES)[number];
  owner: string;
}): TrackedAction {
  const at = new Date(BASE + item.minute * 60_000).toISOString();
  return {
    id: randomUUID(),
    cell: item.cell,
    decisionId: randomUUID(),
    decisionSequence: 1,
    action: 'a',
    owner: item.owner,
    status: item.status,
    marking: item.marking,
    authorities: item.authority === undefined ? [] : [item.authority],
    createdAt: at,
    updatedAt: at,
    history: [],
    version: 1,
  };
}

/** Walks a list page by page; returns the ids in the order served and each page's size. */
async function walk<T extends { id: string }>(
  limit: number,
  read: (page: PageRequest) => Promise<Page<T>>,
): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = [];
  const sizes: number[] = [];
  let page = await read({ limit });
  for (;;) {
    ids.push(...page.items.map((item) => item.id));
    sizes.push(page.items.length);
    if (page.next === undefined || sizes.length > 100) return { ids, sizes };
    page = await read({ limit, after: page.next });
  }
}

const byAt = (direction: 1 | -1) => (a: { at: string; id: string }, b: { at: string; id: string }) =>
  direction * (Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function expectWalk(walked: { ids: string[]; sizes: number[] }, expected: string[], limit: number): void {
  expect(walked.ids).toEqual(expected);
  // Every page but the last is full; the last holds the rest (an empty first page only for an empty list).
  expect(walked.sizes.slice(0, -1).every((size) => size === limit)).toBe(true);
  expect(walked.sizes.at(-1)).toBe(expected.length === 0 ? 0 : expected.length - limit * (walked.sizes.length - 1));
}

describe('lists filtered before they are limited (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let uow: TypeOrmUnitOfWork;
  let escalations: EscalationRepository;
  let requests: DecisionRequestRepository;
  let actions: ActionRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-list-pages-test' });
    await dataSource.initialize();
    uow = new TypeOrmUnitOfWork(dataSource);
    escalations = new EscalationRepository(dataSource);
    requests = new DecisionRequestRepository(dataSource);
    actions = new ActionRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const readers = fc.array(anyReader, { minLength: 1, maxLength: 4 });

  it('actions: oldest first, filtered by owner, cell and status and by need to know before the limit', async () => {
    const anyAction = fc.record({
      marking: fc.constantFrom(...MARKINGS),
      cell: fc.constantFrom(...CELLS),
      authority: fc.option(fc.constantFrom(...CODES), { nil: undefined }),
      minute: fc.integer({ min: 0, max: 5 }),
      status: fc.constantFrom(...STATUSES),
      owner: fc.constantFrom(...OWNERS),
    });
    const anyFilter = fc.record(
      {
        owner: fc.constantFrom(...OWNERS),
        cell: fc.constantFrom(...CELLS),
        status: fc.constantFrom(...STATUSES),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyAction, { maxLength: 25 }),
        readers,
        anyFilter,
        fc.integer({ min: 1, max: 4 }),
        async (items, people, filter, limit) => {
          await dataSource.query(`DELETE FROM action`);
          const stored = items.map(action);
          await uow.run(async (tx) => {
            for (const a of stored) await tx.get(ActionWriter).insert(a);
          });
          for (const reader of people) {
            const viewable = viewableCells(reader);
            const expected = stored
              .filter(
                (a) =>
                  canViewAction(reader, a) &&
                  (filter.owner === undefined || a.owner === filter.owner) &&
                  (filter.cell === undefined || a.cell === filter.cell) &&
                  (filter.status === undefined || a.status === filter.status),
              )
              .map((a) => ({ at: a.createdAt, id: a.id }))
              .sort(byAt(1))
              .map((a) => a.id);
            expectWalk(
              await walk(limit, (page) => actions.list({ ...filter, viewable }, page, sensitiveReach(reader))),
              expected,
              limit,
            );
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('escalations: newest first, every visible one once, on full pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyMarked, { maxLength: 25 }),
        readers,
        fc.integer({ min: 1, max: 4 }),
        async (items, people, limit) => {
          await dataSource.query(`DELETE FROM escalation`);
          const stored = items.map(escalation);
          await uow.run(async (tx) => {
            for (const e of stored) await tx.get(EscalationWriter).insert(e);
          });
          for (const reader of people) {
            const expected = stored
              .filter((e) => canViewEscalation(reader, e))
              .map((e) => ({ at: e.raisedAt, id: e.id }))
              .sort(byAt(-1))
              .map((e) => e.id);
            expectWalk(
              await walk(limit, (page) => escalations.list({}, page, sensitiveReach(reader))),
              expected,
              limit,
            );
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('decision requests: soonest due first, every visible one once, on full pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyMarked, { maxLength: 25 }),
        readers,
        fc.integer({ min: 1, max: 4 }),
        async (items, people, limit) => {
          await dataSource.query(`UPDATE escalation SET decision_request_id = NULL`);
          await dataSource.query(`DELETE FROM decision_request`);
          const stored = items.map(request);
          await uow.run(async (tx) => {
            for (const r of stored) await tx.get(DecisionRequestWriter).insert(r);
          });
          for (const reader of people) {
            const expected = stored
              .filter((r) => r.cell === 'ppe' && canViewDecisionRequest(reader, r))
              .map((r) => ({ at: r.dueAt, id: r.id }))
              .sort(byAt(1))
              .map((r) => r.id);
            // The handler refuses a reader who may not see the cell before it asks the store.
            if (!canViewDecisionRequest(reader, { cell: 'ppe', marking: 'OFFICIAL' })) continue;
            expectWalk(
              await walk(limit, (page) => requests.list('ppe', undefined, page, sensitiveReach(reader))),
              expected,
              limit,
            );
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
