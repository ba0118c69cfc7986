import { principal } from '@muster/domain';
import { AdmitReplayHandler } from './admit-replay.handler';
import { AdmitReplay, StoredDisclosure } from './admit-replay.query';
import { FakeAccessAudit } from '@muster/doubles';
import { BIRMINGHAM } from '@muster/builders';

const SENSITIVE = 'OFFICIAL-SENSITIVE' as const;
const escalationShown: StoredDisclosure = {
  read: { action: 'reference.read' },
  items: [{ itemType: 'escalation', id: 'esc-1', marking: SENSITIVE, cell: 'ppe', authorities: [BIRMINGHAM] }],
};
const feedShown: StoredDisclosure = {
  read: { action: 'feed.read' },
  items: [
    { itemType: 'escalation', id: 'esc-2', marking: 'OFFICIAL', cell: 'food', authorities: [] },
    { itemType: 'decision', id: 'dec-1', marking: SENSITIVE, cell: 'ppe', authorities: [] },
  ],
};

function admit(who: Parameters<typeof principal>[0], disclosure: StoredDisclosure) {
  const audit = new FakeAccessAudit();
  const outcome = new AdmitReplayHandler(audit).execute(new AdmitReplay(principal(who), disclosure)).then(
    () => 'admitted',
    (error: unknown) => (error as { code?: string }).code ?? 'error',
  );
  return { audit, outcome };
}

describe('AdmitReplayHandler: a replay is a read, decided by who the caller is now', () => {
  it('given the caller still may see what it shows, then admitted and on the access audit as a replay', async () => {
    const { audit, outcome } = admit(
      { sub: 'lead', roles: ['cell-lead'], cells: ['ppe'], clearance: SENSITIVE },
      escalationShown,
    );
    expect(await outcome).toBe('admitted');
    expect(audit.calls).toEqual([
      {
        sub: 'lead',
        entries: [
          { action: 'response.replay', itemType: 'escalation', itemId: 'esc-1', cell: 'ppe', marking: SENSITIVE },
        ],
      },
    ]);
  });

  it('given the caller lost their clearance, then 404 as the item’s GET would answer, and nothing recorded', async () => {
    const { audit, outcome } = admit({ sub: 'lead', roles: ['cell-lead'], cells: ['ppe'] }, escalationShown);
    expect(await outcome).toBe('not-found');
    expect(audit.calls).toEqual([]);
  });

  it('given the caller left the cell that gave them a need to know, then 404', async () => {
    const { outcome } = admit(
      { sub: 'lead', roles: ['cell-lead'], cells: ['food'], clearance: SENSITIVE },
      escalationShown,
    );
    expect(await outcome).toBe('not-found');
  });

  it('given the caller lost the role the read needs, then 403 before anything else', async () => {
    const { audit, outcome } = admit(
      { sub: 'member', roles: ['cell-member'], cells: ['ppe'], clearance: SENSITIVE },
      feedShown,
    );
    expect(await outcome).toBe('forbidden');
    expect(audit.calls).toEqual([]);
  });

  it('records only the sensitive items of a response that shows several', async () => {
    const { audit, outcome } = admit({ sub: 'rc', roles: ['regional-coordinator'], clearance: SENSITIVE }, feedShown);
    expect(await outcome).toBe('admitted');
    expect(audit.calls[0]?.entries.map((e) => [e.itemType, e.itemId])).toEqual([['decision', 'dec-1']]);
  });

  it('admits a response that shows nothing marked without recording anything', async () => {
    const { audit, outcome } = admit({ sub: 'anyone', roles: ['mayors-office'] }, { items: [] });
    expect(await outcome).toBe('admitted');
    expect(audit.calls).toEqual([]);
  });
});
