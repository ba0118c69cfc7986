import { AccessAuditRecord, auditRowFor, sensitiveAccess, sensitivePush } from './access-audit';
import { person } from '@muster/builders';

describe('sensitivePush', () => {
  it('names the item a sensitive live event tells of', () => {
    expect(
      sensitivePush({ type: 'escalation.raised', marking: 'OFFICIAL-SENSITIVE', cell: 'ppe', data: { id: 'e-1' } }),
    ).toEqual({
      action: 'live.push',
      itemType: 'escalation',
      itemId: 'e-1',
      cell: 'ppe',
      marking: 'OFFICIAL-SENSITIVE',
    });
    expect(
      sensitivePush({
        type: 'decision.amended',
        marking: 'OFFICIAL-SENSITIVE',
        cell: 'food',
        data: { id: 'a-1', amends: 'd-1' },
      }),
    ).toMatchObject({
      itemType: 'decision',
      itemId: 'a-1',
    });
    expect(
      sensitivePush({ type: 'retention.changed', marking: 'OFFICIAL-SENSITIVE', data: { recordType: 'sitrep' } }),
    ).toMatchObject({
      itemType: 'retention-setting',
      itemId: 'sitrep',
      cell: null,
    });
  });

  it('records nothing for an OFFICIAL event, and a sensitive event naming no item under its type', () => {
    expect(
      sensitivePush({ type: 'decision.logged', marking: 'OFFICIAL', cell: 'ppe', data: { id: 'd-1' } }),
    ).toBeUndefined();
    expect(sensitivePush({ type: 'feed.published', marking: 'OFFICIAL-SENSITIVE', data: {} })).toMatchObject({
      itemType: 'event',
      itemId: 'feed.published',
    });
  });
});

describe('sensitiveAccess', () => {
  it('keeps only the sensitive items of a read', () => {
    const items = [
      { id: 'a', marking: 'OFFICIAL' as const, cell: 'ppe' },
      { id: 'b', marking: 'OFFICIAL-SENSITIVE' as const, cell: 'ppe' },
    ];
    expect(sensitiveAccess('decision.list', 'decision', items)).toEqual([
      { action: 'decision.list', itemType: 'decision', itemId: 'b', cell: 'ppe', marking: 'OFFICIAL-SENSITIVE' },
    ]);
  });
});

describe('auditRowFor', () => {
  const row: AccessAuditRecord = {
    id: '1',
    at: '2026-11-20T09:00:00.000Z',
    sub: 'rc-1',
    name: 'Asha Reader',
    action: 'decision.read',
    itemType: 'decision',
    itemId: 'd-1',
    cell: 'ppe',
    marking: 'OFFICIAL-SENSITIVE',
  };
  const pseudonym = (itemType: string, itemId: string) => `withheld-${itemType}-${itemId.length}`;

  it('shows a cleared administrator the item read', () => {
    const admin = person('admin', { sub: 'admin', clearance: 'OFFICIAL-SENSITIVE' });
    expect(auditRowFor(admin, row, pseudonym)).toEqual(row);
  });

  it('shows an administrator without clearance who read what kind of item, when and where, but not which', () => {
    const admin = person('admin', { sub: 'admin' });
    expect(auditRowFor(admin, row, pseudonym)).toEqual({ ...row, itemId: 'withheld-decision-3' });
  });
});
