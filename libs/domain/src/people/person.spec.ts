import { admin, lead, officer, rule } from '@muster/builders';
import { changeContacts, type Person, recordSignIn } from '@muster/domain';

const at = new Date('2026-12-01T12:00:00.000Z');
const earlier = new Date('2026-11-30T12:00:00.000Z');
const asha: Person = {
  sub: 'asha',
  name: 'Asha Lead',
  roles: ['cell-lead'],
  cells: ['ppe'],
  clearance: 'OFFICIAL',
  email: 'asha@example.gov.uk',
  mobile: '+447700900123',
  preferences: { critical: ['sms', 'email'] },
  claimsAt: earlier,
  updatedAt: earlier,
};

describe('a sign-in', () => {
  it('refreshes the claims and keeps the contact details the person set', () => {
    const claims = {
      sub: 'asha',
      name: 'Asha Khan',
      roles: ['regional-coordinator' as const],
      cells: [],
      clearance: 'OFFICIAL-SENSITIVE' as const,
    };
    const { state } = rule(recordSignIn).given(asha).when({ claims, at }).thenNothing();
    expect(state).toEqual({
      ...claims,
      email: asha.email,
      mobile: asha.mobile,
      preferences: asha.preferences,
      claimsAt: at,
      updatedAt: at,
    });
  });

  it('records someone new with their claims and no contact details', () => {
    const claims = { sub: 'ben', name: 'Ben', roles: ['admin' as const], cells: [], clearance: 'OFFICIAL' as const };
    expect(rule(recordSignIn).when({ claims, at }).decided().state).toEqual({ ...claims, claimsAt: at, updatedAt: at });
  });

  it('never replaces newer claims with older ones', () => {
    const claims = { ...asha, name: 'Old name' };
    expect(
      rule(recordSignIn)
        .given({ ...asha, claimsAt: at })
        .when({ claims, at: earlier })
        .decided().state.name,
    ).toBe('Asha Lead');
  });
});

describe('changing contact details', () => {
  it('replaces them whole for the person themselves, keeping their claims', () => {
    const { state } = rule(changeContacts)
      .given(asha)
      .when({ by: lead({ sub: 'asha' }), sub: 'asha', contacts: { email: 'a@example.org' }, at })
      .decided();
    expect([state.email, state.mobile, state.preferences, state.name, state.claimsAt]).toEqual([
      'a@example.org',
      undefined,
      undefined,
      'Asha Lead',
      earlier,
    ]);
  });

  it('lets an administrator change anyone’s, and nobody else', () => {
    expect(rule(changeContacts).given(asha).when({ by: admin(), sub: 'asha', contacts: {}, at }).verdict()).toBe('ok');
    rule(changeContacts).given(asha).when({ by: officer(), sub: 'asha', contacts: {}, at }).thenRefused('forbidden');
  });

  it('enters someone never signed in under their token’s claims, but an administrator cannot invent a person', () => {
    const by = officer({ sub: 'olu', name: 'Olu' });
    const { state } = rule(changeContacts)
      .when({ by, sub: 'olu', contacts: { mobile: '+441210000000' }, at })
      .decided();
    expect(state).toMatchObject({ sub: 'olu', name: 'Olu', roles: ['authority-officer'], mobile: '+441210000000' });
    rule(changeContacts).when({ by: admin(), sub: 'olu', contacts: {}, at }).thenRefused('not-found');
  });
});

describe('an administrator entering someone', () => {
  const claims = {
    name: 'Dee Duty',
    roles: ['regional-coordinator' as const],
    cells: [],
    clearance: 'OFFICIAL' as const,
  };

  it('enters a person never seen with the claims given, which their first sign-in replaces', () => {
    const { state } = rule(changeContacts).when({ by: admin(), sub: 'dee', contacts: {}, claims, at }).decided();
    expect(state).toMatchObject({ sub: 'dee', name: 'Dee Duty', claimsAt: at });
    const signedIn = {
      sub: 'dee',
      name: 'Dee D',
      roles: ['admin' as const],
      cells: [],
      clearance: 'OFFICIAL' as const,
    };
    expect(recordSignIn({ claims: signedIn, at: new Date(at.getTime() + 1) }, state).state.name).toBe('Dee D');
  });

  it('is the only one who sets claims', () => {
    rule(changeContacts)
      .given(asha)
      .when({ by: lead({ sub: 'asha' }), sub: 'asha', contacts: {}, claims, at })
      .thenRefused('forbidden');
  });
});
