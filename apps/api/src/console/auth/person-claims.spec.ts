import { personFromClaims } from './person-claims';

const MAPPING = { roles: 'roles', authority: 'authority', cells: 'cells', clearance: 'clearance' };

describe('personFromClaims', () => {
  it('reads Muster’s claims from the ID token, ignoring roles Muster does not know', () => {
    expect(
      personFromClaims(
        {
          sub: 'dev-cell-lead',
          name: 'Priya Shah',
          roles: ['cell-lead', 'Global.Reader'],
          cells: ['ppe'],
          clearance: 'OFFICIAL-SENSITIVE',
          sid: 's',
        },
        MAPPING,
      ),
    ).toEqual({
      person: {
        sub: 'dev-cell-lead',
        name: 'Priya Shah',
        roles: ['cell-lead'],
        cells: ['ppe'],
        clearance: 'OFFICIAL-SENSITIVE',
      },
    });
  });

  it('follows the configured claim names (Entra ID app roles and extension claims)', () => {
    const mapping = { roles: 'app_roles', authority: 'extn.gss', cells: 'extn.cells', clearance: 'extn.clearance' };
    expect(
      personFromClaims(
        { sub: 'u1', name: 'Jas', app_roles: ['authority-officer'], 'extn.gss': 'E08000028', roles: ['admin'] },
        mapping,
      ),
    ).toEqual({
      person: {
        sub: 'u1',
        name: 'Jas',
        roles: ['authority-officer'],
        authority: 'E08000028',
        cells: [],
        clearance: 'OFFICIAL',
      },
    });
  });

  it('refuses, in words, claims a bearer token could not carry either, and an account with no Muster role', () => {
    expect(personFromClaims({ sub: 'u1', roles: ['admin'], authority: 'Birmingham' }, MAPPING)).toEqual({
      refused: "the sign-in service's authority claim for you is not valid",
    });
    expect(
      personFromClaims({ sub: 'u1', roles: ['admin'], 'extn.gss': 'x' }, { ...MAPPING, authority: 'extn.gss' }),
    ).toEqual({
      refused: "the sign-in service's extn.gss claim for you is not valid",
    });
    expect(personFromClaims({ sub: 's'.repeat(256), roles: ['admin'] }, MAPPING)).toEqual({
      refused: "the sign-in service's sub claim for you is not valid",
    });
    expect(personFromClaims({ sub: 'u1', roles: ['Global.Reader'] }, MAPPING)).toEqual({
      refused: 'your account has no Muster role',
      // Who it was, so their private feed URLs end with the role.
      withoutRole: expect.objectContaining({ sub: 'u1', roles: new Set() }),
    });
  });
});
