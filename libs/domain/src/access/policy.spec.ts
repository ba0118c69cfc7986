import fc from 'fast-check';
import { MARKINGS, Marking, Role, ROLES } from '@muster/contracts';
import {
  Action,
  can,
  canJoinTopic,
  canSee,
  canWriteMarking,
  MarkedItem,
  sensitiveAudience,
  sensitiveGrants,
  sensitiveReach,
  withinReach,
} from './policy';
import { principal, Principal } from './principal';
import { BIRMINGHAM, COVENTRY, DUDLEY, person } from '@muster/builders';

function as(role: Role, clearance: Marking = 'OFFICIAL'): Principal {
  return principal({
    sub: role,
    roles: [role],
    cells: role === 'cell-lead' || role === 'cell-member' ? ['ppe'] : [],
    authority: role === 'authority-officer' ? BIRMINGHAM : undefined,
    clearance,
  });
}

describe('access policy: actions', () => {
  // Expected answers for the PPE cell, and for the food cell that PPE people do not belong to.
  const table: Record<Action, { ppe: Role[]; food: Role[] }> = {
    'reference.read': { ppe: [...ROLES], food: [...ROLES] },
    'cell.view': {
      ppe: ['cell-lead', 'cell-member', 'authority-officer', 'regional-coordinator', 'mayors-office', 'admin'],
      food: ['authority-officer', 'regional-coordinator', 'mayors-office', 'admin'],
    },
    'decision.log': { ppe: ['cell-lead', 'regional-coordinator'], food: ['regional-coordinator'] },
    'decision.amend': { ppe: ['cell-lead', 'regional-coordinator'], food: ['regional-coordinator'] },
    'decision.export': { ppe: ['cell-lead', 'regional-coordinator'], food: ['regional-coordinator'] },
    'feed.read': {
      ppe: ['cell-lead', 'regional-coordinator', 'mayors-office', 'admin'],
      food: ['cell-lead', 'regional-coordinator', 'mayors-office', 'admin'],
    },
    'feed.generate': { ppe: ['regional-coordinator', 'admin'], food: ['regional-coordinator', 'admin'] },
    'audit.export': { ppe: ['admin'], food: ['admin'] },
    'retention.manage': { ppe: ['admin'], food: ['admin'] },
  };

  for (const [action, expected] of Object.entries(table) as [Action, { ppe: Role[]; food: Role[] }][]) {
    for (const role of ROLES) {
      for (const cell of ['ppe', 'food'] as const) {
        const allowed = expected[cell].includes(role);
        it(`${role} ${allowed ? 'may' : 'may not'} ${action} on ${cell}`, () => {
          expect(can(as(role), action, { cell })).toBe(allowed);
        });
      }
    }
  }

  it('grants nothing to a token without a known role', () => {
    const nobody = principal({ sub: 'x', roles: [] });
    expect(can(nobody, 'reference.read')).toBe(false);
    expect(can(nobody, 'cell.view', { cell: 'ppe' })).toBe(false);
  });

  it('gives an authority officer without an authority claim no officer rights', () => {
    const officer = person('authority-officer', { sub: 'x' });
    expect(can(officer, 'cell.view', { cell: 'ppe' })).toBe(false);
  });
});

describe('access policy: marking and need to know', () => {
  const sensitive = (fields: Partial<MarkedItem> = {}): MarkedItem => ({
    marking: 'OFFICIAL-SENSITIVE',
    cell: 'ppe',
    authorities: [BIRMINGHAM],
    ...fields,
  });

  it('shows OFFICIAL items to everyone', () => {
    for (const role of ROLES) expect(canSee(as(role), { ...sensitive(), marking: 'OFFICIAL' })).toBe(true);
  });

  it('hides sensitive items from every role without clearance', () => {
    for (const role of ROLES) expect(canSee(as(role), sensitive())).toBe(false);
  });

  it('shows sensitive items only to cleared people with a need to know', () => {
    const expected: Record<Role, boolean> = {
      'cell-lead': true,
      'cell-member': true,
      'authority-officer': true,
      'regional-coordinator': true,
      'mayors-office': false,
      admin: true,
    };
    for (const role of ROLES) expect(canSee(as(role, 'OFFICIAL-SENSITIVE'), sensitive())).toBe(expected[role]);
  });

  it('hides another cell or authority’s sensitive items from cleared cell people and officers', () => {
    const other = sensitive({ cell: 'food', authorities: [COVENTRY] });
    expect(canSee(as('cell-lead', 'OFFICIAL-SENSITIVE'), other)).toBe(false);
    expect(canSee(as('authority-officer', 'OFFICIAL-SENSITIVE'), other)).toBe(false);
    expect(canSee(as('regional-coordinator', 'OFFICIAL-SENSITIVE'), other)).toBe(true);
  });

  it('agrees with the grant and audience keys used for live delivery', () => {
    const items = [
      sensitive(),
      sensitive({ cell: 'food', authorities: [] }),
      sensitive({ cell: undefined, authorities: [COVENTRY] }),
    ];
    for (const role of ROLES) {
      for (const clearance of ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const) {
        const p = as(role, clearance);
        for (const item of items) {
          const viaKeys = sensitiveGrants(p).some((g) => sensitiveAudience(item).includes(g));
          expect(viaKeys).toBe(canSee(p, item));
        }
      }
    }
  });

  it('is one rule however it is asked: the reach, the grant keys and their audiences agree for any caller and item', () => {
    const cells = fc.constantFrom('ppe', 'food', 'shielding');
    const codes = fc.constantFrom(BIRMINGHAM, COVENTRY, DUDLEY);
    const anyPrincipal = fc
      .record({
        roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
        cells: fc.uniqueArray(cells, { maxLength: 2 }),
        authority: fc.option(codes, { nil: undefined }),
        clearance: fc.constantFrom(...MARKINGS),
      })
      .map((fields) => principal({ sub: 'p', ...fields }));
    const anyItem = fc.record({
      marking: fc.constantFrom(...MARKINGS),
      cell: fc.option(cells, { nil: undefined }),
      authorities: fc.uniqueArray(codes, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(anyPrincipal, anyItem, (p, item) => {
        const viaKeys =
          item.marking === 'OFFICIAL' || sensitiveGrants(p).some((g) => sensitiveAudience(item).includes(g));
        expect(canSee(p, item)).toBe(viaKeys);
        expect(withinReach(sensitiveReach(p), item)).toBe(viaKeys);
      }),
      { numRuns: 2_000 },
    );
  });

  it('lets only cleared callers write sensitive items', () => {
    expect(canWriteMarking(as('cell-lead'), 'OFFICIAL-SENSITIVE')).toBe(false);
    expect(canWriteMarking(as('cell-lead', 'OFFICIAL-SENSITIVE'), 'OFFICIAL-SENSITIVE')).toBe(true);
    expect(canWriteMarking(as('cell-lead'), 'OFFICIAL')).toBe(true);
  });
});

describe('access policy: live topics', () => {
  const cases: Array<[string, Role[]]> = [
    ['region', [...ROLES]],
    ['feed', ['regional-coordinator', 'mayors-office', 'admin']],
    [`authority:${BIRMINGHAM}`, ['authority-officer', 'regional-coordinator', 'mayors-office', 'admin']],
    [`authority:${COVENTRY}`, ['regional-coordinator', 'mayors-office', 'admin']],
    ['cell:ppe', ['cell-lead', 'cell-member', 'regional-coordinator', 'mayors-office', 'admin']],
    ['cell:food', ['regional-coordinator', 'mayors-office', 'admin']],
  ];
  for (const [topic, allowedRoles] of cases) {
    for (const role of ROLES) {
      const allowed = allowedRoles.includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} join ${topic}`, () => {
        expect(canJoinTopic(as(role), topic)).toEqual(
          allowed ? { allowed: true } : { allowed: false, reason: 'forbidden' },
        );
      });
    }
  }

  it('refuses malformed topics', () => {
    for (const topic of ['', 'cells:ppe', 'authority:nope', 'cell:', 'cell:ppe:x', 'Region']) {
      expect(canJoinTopic(as('admin'), topic)).toEqual({ allowed: false, reason: 'unknown-topic' });
    }
  });
});
