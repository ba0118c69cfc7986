import type { Role } from '@muster/contracts';
import { AccessAuditRecord, principal } from '@muster/domain';
import { ExportAccessAudit } from './export-access-audit.query';
import { ExportAccessAuditHandler } from './export-access-audit.handler';
import { FakeAccessAudit } from '@muster/doubles';
import { HOUR, outcomeOf, person } from '@muster/builders';

const as = (role: Role, sub: string = role) => principal({ sub, roles: [role], clearance: 'OFFICIAL-SENSITIVE' });

async function collect(rows: AsyncIterable<AccessAuditRecord>): Promise<AccessAuditRecord[]> {
  const all: AccessAuditRecord[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe('ExportAccessAuditHandler', () => {
  const audit = new FakeAccessAudit();
  const handler = new ExportAccessAuditHandler(audit.reader());
  const from = new Date(Date.now() - HOUR);
  const to = new Date(Date.now() + HOUR);

  beforeAll(async () => {
    const entry = {
      action: 'decision.read',
      itemType: 'decision',
      itemId: 'd1',
      cell: 'ppe',
      marking: 'OFFICIAL-SENSITIVE',
    } as const;
    await audit.record(as('regional-coordinator', 'rc'), [entry, { ...entry, itemId: 'd2' }]);
    await audit.record(as('cell-lead', 'lead'), [entry]);
  });

  it('gives an administrator every row in the range, or one subject’s', async () => {
    expect(
      (await collect(await handler.execute(new ExportAccessAudit(as('admin'), from, to)))).map((r) => r.itemId),
    ).toEqual(['d1', 'd2', 'd1']);
    expect(
      (await collect(await handler.execute(new ExportAccessAudit(as('admin'), from, to, 'lead')))).map((r) => r.sub),
    ).toEqual(['lead']);
  });

  it('gives an administrator without clearance the rows with each item replaced by a pseudonym of this export', async () => {
    const uncleared = person('admin', { sub: 'admin-2' });
    const first = await collect(await handler.execute(new ExportAccessAudit(uncleared, from, to)));
    expect(first.map((r) => [r.sub, r.action, r.itemType, r.cell])).toEqual([
      ['rc', 'decision.read', 'decision', 'ppe'],
      ['rc', 'decision.read', 'decision', 'ppe'],
      ['lead', 'decision.read', 'decision', 'ppe'],
    ]);
    const ids = first.map((r) => r.itemId);
    expect(ids.every((id) => /^withheld-[0-9a-f]{20}$/.test(id))).toBe(true);
    // d1, d2, d1: one item keeps one pseudonym within the export, and another export uses new ones.
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    const second = await collect(await handler.execute(new ExportAccessAudit(uncleared, from, to)));
    expect(second[0]?.itemId).not.toBe(ids[0]);
  });

  it.each(['regional-coordinator', 'mayors-office', 'cell-lead'] as const)('refuses a %s', async (role) => {
    expect(await outcomeOf(handler.execute(new ExportAccessAudit(as(role), from, to)))).toBe('forbidden');
  });

  it('refuses an empty, reversed or unbounded range', async () => {
    expect(await outcomeOf(handler.execute(new ExportAccessAudit(as('admin'), to, from)))).toBe('validation-failed');
    expect(await outcomeOf(handler.execute(new ExportAccessAudit(as('admin'), from, from)))).toBe('validation-failed');
    expect(await outcomeOf(handler.execute(new ExportAccessAudit(as('admin'), new Date(0), to)))).toBe(
      'validation-failed',
    );
  });
});
