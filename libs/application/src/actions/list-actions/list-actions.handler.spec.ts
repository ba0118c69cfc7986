import { sensitiveReach, type SensitiveReach, type TrackedAction, withinReach } from '@muster/domain';
import { ActionCounts, ActionFilter, ActionReader } from '../../ports/actions';
import { PageRequest } from '../../ports/readers';
import { Page } from '../../shared/page-cursor';
import { GetAction, ListActions } from './list-actions.query';
import { GetActionHandler, ListActionsHandler } from './list-actions.handler';
import { FakeAccessAudit, FakeReference } from '@muster/doubles';
import { lead, officer, outcomeOf, person, regional, SANDWELL, trackedAction } from '@muster/builders';

/** The store's filter as the SQL applies it (the SQL itself is tested in list-pages.int-spec.ts). */
class FakeActionReader extends ActionReader {
  readonly asked: Array<{ filter: ActionFilter; reach: SensitiveReach }> = [];
  constructor(private readonly actions: TrackedAction[]) {
    super();
  }
  byId(id: string): Promise<TrackedAction | undefined> {
    return Promise.resolve(this.actions.find((a) => a.id === id));
  }
  list(filter: ActionFilter, page: PageRequest, reach: SensitiveReach): Promise<Page<TrackedAction>> {
    this.asked.push({ filter, reach });
    const items = this.actions.filter(
      (a) =>
        withinReach(reach, a) &&
        (filter.viewable === undefined || filter.viewable.includes(a.cell)) &&
        (filter.cell === undefined || a.cell === filter.cell) &&
        (filter.owner === undefined || a.owner === filter.owner) &&
        (filter.status === undefined || a.status === filter.status),
    );
    return Promise.resolve({ items: items.slice(0, page.limit), next: undefined });
  }
  ofDecision(): Promise<TrackedAction[]> {
    return Promise.resolve([]);
  }
  pending(): Promise<TrackedAction[]> {
    return Promise.resolve([]);
  }
  countsByCell(): Promise<ActionCounts[]> {
    return Promise.resolve([]);
  }
}

const ppeOpen = trackedAction({ id: '00000000-0000-4000-8000-0000000000a1' });
const ppeSensitive = trackedAction({
  id: '00000000-0000-4000-8000-0000000000a2',
  marking: 'OFFICIAL-SENSITIVE',
  authorities: [SANDWELL],
});
const foodDone = trackedAction({ id: '00000000-0000-4000-8000-0000000000a3', cell: 'food', status: 'done' });

describe('ListActionsHandler and GetActionHandler', () => {
  let reader: FakeActionReader;
  let audit: FakeAccessAudit;
  let list: ListActionsHandler;
  let get: GetActionHandler;

  beforeEach(() => {
    reader = new FakeActionReader([ppeOpen, ppeSensitive, foodDone]);
    audit = new FakeAccessAudit();
    list = new ListActionsHandler(new FakeReference(), reader, audit);
    get = new GetActionHandler(reader, audit);
  });

  const ids = async (who: Parameters<typeof sensitiveReach>[0], filter = {}) =>
    (await list.execute(new ListActions(who, { limit: 50, ...filter }))).items.map((a) => a.id);

  it('lists the actions of the cells the reader may view, sensitive ones with a need to know', async () => {
    expect(await ids(lead())).toEqual([ppeOpen.id]);
    expect(await ids(lead({ clearance: 'OFFICIAL-SENSITIVE' }))).toEqual([ppeOpen.id, ppeSensitive.id]);
    expect(await ids(regional())).toEqual([ppeOpen.id, foodDone.id]);
    expect(await ids(officer({ authority: SANDWELL, clearance: 'OFFICIAL-SENSITIVE' }))).toEqual([
      ppeOpen.id,
      ppeSensitive.id,
      foodDone.id,
    ]);
    // A lead's list is narrowed to their cells in the store, before it is limited.
    expect(reader.asked.at(0)?.filter.viewable).toEqual(['ppe']);
  });

  it('filters by owner, cell and status, and records what sensitive actions it showed', async () => {
    const cleared = regional({ clearance: 'OFFICIAL-SENSITIVE' });
    expect(await ids(cleared, { status: 'done' })).toEqual([foodDone.id]);
    expect(await ids(cleared, { cell: 'ppe', owner: 'authority-officer-1' })).toEqual([ppeOpen.id, ppeSensitive.id]);
    expect(audit.rows.map((r) => [r.action, r.itemType, r.itemId])).toEqual([
      ['action.list', 'action', ppeSensitive.id],
    ]);
  });

  it('refuses a cell the reader may not view (403) or that does not exist (404), and a caller with no role', async () => {
    expect(await outcomeOf(list.execute(new ListActions(lead({ cells: ['food'] }), { limit: 5, cell: 'ppe' })))).toBe(
      'forbidden',
    );
    expect(await outcomeOf(list.execute(new ListActions(regional(), { limit: 5, cell: 'floods' })))).toBe('not-found');
    expect(await outcomeOf(list.execute(new ListActions(person('admin', { roles: [] }), { limit: 5 })))).toBe(
      'forbidden',
    );
  });

  it('reads one action as its decision is seen: absent for those outside the need to know', async () => {
    await expect(get.execute(new GetAction(lead(), ppeOpen.id))).resolves.toMatchObject({ id: ppeOpen.id });
    expect(await outcomeOf(get.execute(new GetAction(lead(), ppeSensitive.id)))).toBe('not-found');
    expect(await outcomeOf(get.execute(new GetAction(lead({ cells: ['food'] }), ppeOpen.id)))).toBe('not-found');
  });
});
