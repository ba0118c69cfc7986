import { Role, ROLES } from '@muster/contracts';
import { canViewEscalation, holderOf, isHolder } from './escalation-access';
import { atLevel, BIRMINGHAM, COVENTRY, lead, officer, regional, scopedPerson } from '@muster/builders';

const coventryOfficer = officer({ sub: 'cov', name: 'cov', authority: COVENTRY });
const foodLead = lead({ sub: 'food-lead', name: 'food-lead', cells: ['food'] });

describe('holderOf / isHolder', () => {
  it('puts the cell lead at the cell and regional coordination above it', () => {
    expect(holderOf('cell')).toBe('cell-lead');
    expect(holderOf('regional')).toBe('regional-coordinator');
    expect(holderOf('national')).toBe('regional-coordinator');
  });

  it('holds the cell level only for a lead of that cell', () => {
    expect(isHolder(lead(), atLevel('cell'))).toBe(true);
    expect(isHolder(foodLead, atLevel('cell'))).toBe(false);
    expect(isHolder(scopedPerson('cell-member'), atLevel('cell'))).toBe(false);
    expect(isHolder(regional(), atLevel('cell'))).toBe(false);
    expect(isHolder(lead(), atLevel('regional'))).toBe(false);
    expect(isHolder(regional(), atLevel('national'))).toBe(true);
  });
});

describe('canViewEscalation', () => {
  // OFFICIAL escalations are on the common picture: every role sees them, whoever raised them.
  const cases: Array<[string, Parameters<typeof atLevel>[1], Role[]]> = [
    ['OFFICIAL, PPE, Birmingham', {}, [...ROLES]],
    ['OFFICIAL, food, Coventry', { cell: 'food', authority: COVENTRY }, [...ROLES]],
    ['OFFICIAL, PPE, no authority', { authority: undefined }, [...ROLES]],
  ];
  for (const [label, fields, allowed] of cases) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${label}: ${role} ${expected ? 'sees' : 'does not see'} it`, () => {
        expect(canViewEscalation(scopedPerson(role), atLevel('cell', fields))).toBe(expected);
      });
    }
  }

  it('shows a sensitive escalation only to cleared people with a need to know', () => {
    const e = atLevel('cell', { marking: 'OFFICIAL-SENSITIVE' });
    const expected: Record<Role, boolean> = {
      'cell-lead': true,
      'cell-member': true,
      'authority-officer': true,
      'regional-coordinator': true,
      'mayors-office': false,
      admin: true,
    };
    for (const role of ROLES) {
      expect(canViewEscalation(scopedPerson(role), e)).toBe(false);
      expect(canViewEscalation(scopedPerson(role, { clearance: 'OFFICIAL-SENSITIVE' }), e)).toBe(expected[role]);
    }
  });

  it('hides another authority’s sensitive escalation from a cleared officer', () => {
    const cleared = { ...coventryOfficer, clearance: 'OFFICIAL-SENSITIVE' as const };
    expect(canViewEscalation(cleared, atLevel('cell', { authority: BIRMINGHAM, marking: 'OFFICIAL-SENSITIVE' }))).toBe(
      false,
    );
    expect(canViewEscalation(cleared, atLevel('cell', { authority: COVENTRY, marking: 'OFFICIAL-SENSITIVE' }))).toBe(
      true,
    );
  });

  it('shows nothing to a token without a known role', () => {
    expect(canViewEscalation({ ...regional(), roles: new Set() }, atLevel('cell'))).toBe(false);
  });
});
