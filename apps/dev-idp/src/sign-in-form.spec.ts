import { parseSignIn, readSignInForm, subForName, type SignInValues } from './sign-in-form';
import { SANDWELL } from '@muster/builders';

const valid: SignInValues = {
  name: 'Asha Patel',
  role: 'cell-lead',
  authority: 'none',
  cells: 'ppe',
  clearance: 'OFFICIAL',
};

function errorsFor(values: Partial<SignInValues>) {
  const result = parseSignIn({ ...valid, ...values });
  return result.ok ? {} : result.errors;
}

describe('the sign-in form', () => {
  it('turns a valid form into a person with a stable sub', () => {
    const result = parseSignIn({
      name: '  Asha Patel ',
      role: 'authority-officer',
      authority: SANDWELL,
      cells: ' ppe, food ,, ppe ',
      clearance: 'OFFICIAL-SENSITIVE',
    });
    expect(result).toEqual({
      ok: true,
      person: {
        sub: subForName('Asha Patel'),
        name: 'Asha Patel',
        role: 'authority-officer',
        authority: SANDWELL,
        cells: ['ppe', 'food'],
        clearance: 'OFFICIAL-SENSITIVE',
      },
    });
  });

  it('takes "none" or nothing as no authority and no cells', () => {
    for (const authority of ['none', '']) {
      const result = parseSignIn({ ...valid, authority, cells: '' });
      expect(result.ok && result.person).toMatchObject({ cells: [] });
      expect(result.ok && 'authority' in result.person).toBe(false);
    }
  });

  it('accepts a name of 1 to 200 characters, counting characters rather than UTF-16 units', () => {
    expect(parseSignIn({ ...valid, name: 'A' }).ok).toBe(true);
    expect(parseSignIn({ ...valid, name: 'x'.repeat(200) }).ok).toBe(true);
    expect(parseSignIn({ ...valid, name: '\u{1F600}'.repeat(200) }).ok).toBe(true);
    expect(errorsFor({ name: 'x'.repeat(201) })).toEqual({ name: 'Name must be 200 characters or fewer' });
  });

  it.each([
    ['empty', '', 'Enter a name'],
    ['only spaces', '   ', 'Enter a name'],
    ['a NUL', 'Eve\u0000', 'Name must not contain control characters, such as NUL or a line break'],
    ['a line break', 'Eve\nAdmin', 'Name must not contain control characters, such as NUL or a line break'],
    ['a lone high surrogate', 'Eve\uD800', 'Name must be well-formed text'],
    ['a lone low surrogate', '\uDC00Eve', 'Name must be well-formed text'],
  ])('refuses a name with %s', (_, name, message) => {
    expect(errorsFor({ name })).toEqual({ name: message });
  });

  it('refuses an unknown role, clearance or authority, and a cell that is not a slug, each at its field', () => {
    expect(errorsFor({ role: 'wizard', clearance: 'SECRET', authority: 'Narnia', cells: 'ppe,Food Hubs' })).toEqual({
      role: 'Choose a role',
      clearance: 'Choose a clearance',
      authority: 'Choose an authority, or None',
      cells: 'Cells must be slugs separated by commas, such as ppe, food: \u201cFood Hubs\u201d is not one',
    });
    expect(errorsFor({ role: '' })).toEqual({ role: 'Choose a role' });
    expect(errorsFor({ authority: 'e08000028' })).toEqual({ authority: 'Choose an authority, or None' });
    expect(errorsFor({ cells: Array.from({ length: 51 }, (_, i) => `c${i}`).join(',') })).toEqual({
      cells: 'Enter at most 50 cells',
    });
  });

  it('asks which authority an authority officer works for', () => {
    expect(errorsFor({ role: 'authority-officer', authority: 'none' })).toEqual({
      authority: 'Choose the authority this officer works for',
    });
  });

  it('reads a missing field as empty and a repeated one by its first value', () => {
    const body = new URLSearchParams('name=Asha&role=admin&role=cell-lead&clearance=OFFICIAL');
    expect(readSignInForm(body)).toEqual({
      name: 'Asha',
      role: 'admin',
      authority: '',
      cells: '',
      clearance: 'OFFICIAL',
    });
  });
});

describe('subForName', () => {
  it('is the same for the same name whatever its case and spacing, and differs for another name', () => {
    expect(subForName('Ravi Singh')).toBe(subForName('  ravi   SINGH '));
    expect(subForName('Ravi Singh')).not.toBe(subForName('Ravi Singh-Jones'));
    expect(subForName('Anne-Marie')).not.toBe(subForName('Anne Marie'));
  });

  it('reads as the name, and never as a demo person\u2019s sub', () => {
    expect(subForName('Renée O\u2019Brien')).toMatch(/^dev-renee-o-brien-[0-9a-f]{8}$/);
    expect(subForName('Cell Lead')).toMatch(/^dev-cell-lead-[0-9a-f]{8}$/);
    expect(subForName('\u674e\u534e')).toMatch(/^dev-person-[0-9a-f]{8}$/);
    expect(subForName('x'.repeat(200)).length).toBeLessThanOrEqual(4 + 40 + 9);
  });
});
