import type { PersonView } from '@muster/application';
import { contactModel, readContactForm } from './contact.model';

const person: PersonView = {
  sub: 'asha',
  name: 'Asha Lead',
  email: 'asha@example.gov.uk',
  roles: ['cell-lead'],
  cells: ['ppe'],
  clearance: 'OFFICIAL',
  preferences: { critical: ['sms', 'email'], low: [] },
  claimsAt: new Date('2026-12-01T12:00:00Z'),
};

describe('the contact details form', () => {
  it('reads ticked channels per severity, “do not notify” as none, nothing ticked as every channel, blanks left out', () => {
    expect(
      readContactForm({
        email: 'a@example.org',
        mobile: '',
        teamsWebhook: '',
        'preferences-critical': ['sms', 'teams'],
        'preferences-low': 'none',
      }),
    ).toEqual({ ok: true, contacts: { email: 'a@example.org', preferences: { critical: ['sms', 'teams'], low: [] } } });
  });

  it('refuses what the API refuses, at the field, with the field’s name', () => {
    const read = readContactForm({ email: 'nope', mobile: '07700 900123', 'preferences-high': ['pager'] });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => [e.field, e.href])).toEqual([
      ['email', '#email'],
      ['mobile', '#mobile'],
      ['preferences-high', '#preferences-high'],
    ]);
    expect(read.errors[0]?.text).toMatch(/^Email address must be an email address/);
  });

  it('refuses channels ticked beside “do not notify me” (a browser without the script can send both)', () => {
    const read = readContactForm({ 'preferences-critical': ['email', 'none'] });
    expect(read.ok ? [] : read.errors.map((e) => e.field)).toEqual(['preferences-critical']);
  });

  it('shows what is held: channels ticked, none as “do not notify me”, an unset severity with nothing ticked', () => {
    const model = contactModel(person);
    const checked = (id: string) =>
      (model.severities.find((s) => s.id === id)?.items as Array<{ value?: string; checked?: boolean }>)
        .filter((i) => i.checked === true)
        .map((i) => i.value);
    expect(model.values).toEqual({ email: 'asha@example.gov.uk', mobile: '', teamsWebhook: '' });
    expect(checked('preferences-critical')).toEqual(['email', 'sms']);
    expect(checked('preferences-low')).toEqual(['none']);
    expect(checked('preferences-high')).toEqual([]);
    expect(model.errorSummary).toBeUndefined();
  });

  it('after a refusal shows what was typed and ticked, with the errors', () => {
    const read = readContactForm({ email: 'nope', 'preferences-medium': 'teams' });
    if (read.ok) throw new Error('expected a refusal');
    const model = contactModel(person, { refused: read });
    expect(model.values['email']).toBe('nope');
    expect(model.errors['email']?.text).toMatch(/^Email address/);
    expect(model.severities.find((s) => s.id === 'preferences-medium')?.error).toBe(false);
  });
});
