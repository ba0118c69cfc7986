import type { Person } from '../browser';
import { ConsolePage } from './console-page';
import { type FormAnswer, submitForm } from './escalation-page';

export interface EscalationRow {
  title: string;
  where: string;
  severity: string;
  level: string;
  status: string;
  due: string;
}

export interface RaiseFields {
  /** The Authority select's label, e.g. "Sandwell"; left as the page chose it when absent. */
  authority?: string;
  cell?: string;
  title?: string;
  detail?: string;
  severity?: 'Critical' | 'High' | 'Medium' | 'Low';
  ask?: string;
  marking?: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  /** "Answer needed by", as a `datetime-local` value (`2026-11-22T14:30`). */
  neededBy?: string;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `/escalations`: the list a person may see, its filter, its pages, and the form to raise one. */
export class EscalationsPage extends ConsolePage {
  static async visit(person: Person, origin: string, query = ''): Promise<EscalationsPage> {
    await person.page.goto(`${origin}/escalations${query}`);
    return new EscalationsPage(person, origin);
  }

  static at(person: Person, origin: string): EscalationsPage {
    return new EscalationsPage(person, origin);
  }

  async rows(): Promise<EscalationRow[]> {
    const rows = this.page.locator('#escalation-list tbody tr');
    const found: EscalationRow[] = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      const [where = '', severity = '', level = '', status = '', due = ''] = (
        await row.locator('td').allInnerTexts()
      ).map(squash);
      found.push({ title: squash(await row.locator('th a').innerText()), where, severity, level, status, due });
    }
    return found;
  }

  async titles(): Promise<string[]> {
    return (await this.page.locator('#escalation-list tbody th a').allInnerTexts()).map(squash);
  }

  /** Waits (without reloading) until the list shows an escalation with this title. */
  async waitForTitle(title: string, timeoutMs = 5_000): Promise<void> {
    await this.page.locator('#escalation-list tbody th a', { hasText: title }).first().waitFor({ timeout: timeoutMs });
  }

  listText(): Promise<string> {
    return this.page.locator('#escalation-list').innerText();
  }

  async filter(choices: { status?: string; level?: string; cell?: string; authority?: string }): Promise<void> {
    for (const [label, value] of [
      ['Status', choices.status],
      ['Level', choices.level],
      ['Cell', choices.cell],
      ['Authority', choices.authority],
    ] as const) {
      if (value !== undefined)
        await this.page.locator('form[method="get"]').getByLabel(label, { exact: true }).selectOption({ label: value });
    }
    await Promise.all([
      this.page.waitForURL(/\/escalations\?/),
      this.page.getByRole('button', { name: 'Show escalations' }).click(),
    ]);
  }

  async nextPage(): Promise<void> {
    await Promise.all([this.page.waitForURL(/cursor=/), this.page.getByRole('link', { name: 'Next page' }).click()]);
  }

  async hasNextPage(): Promise<boolean> {
    return (await this.page.getByRole('link', { name: 'Next page' }).count()) > 0;
  }

  /** The raise form's choice as shown: the selected option's label, or the checked radios' labels. */
  async chosen(label: 'Authority' | 'Cell'): Promise<string> {
    return squash(await this.raiseForm().getByLabel(label, { exact: true }).locator('option:checked').innerText());
  }

  async options(label: 'Authority' | 'Cell' | 'Marking'): Promise<string[]> {
    if (label === 'Marking')
      return (await this.raiseForm().locator('input[name="marking"] + label').allInnerTexts()).map(squash);
    return (await this.raiseForm().getByLabel(label, { exact: true }).locator('option').allInnerTexts()).map(squash);
  }

  async canRaise(): Promise<boolean> {
    return (await this.raiseForm().count()) > 0;
  }

  /** Fills in the raise form and presses "Raise escalation"; the form's answer (303 on to the escalation, or 4xx with the form again). */
  async raise(fields: RaiseFields): Promise<FormAnswer> {
    const form = this.raiseForm();
    if (fields.authority !== undefined)
      await form.getByLabel('Authority', { exact: true }).selectOption({ label: fields.authority });
    if (fields.cell !== undefined) await form.getByLabel('Cell', { exact: true }).selectOption({ label: fields.cell });
    if (fields.title !== undefined) await form.getByLabel('Title', { exact: true }).fill(fields.title);
    if (fields.detail !== undefined) await form.getByLabel('Detail', { exact: true }).fill(fields.detail);
    if (fields.severity !== undefined) await form.getByLabel(fields.severity, { exact: true }).check();
    if (fields.ask !== undefined) await form.getByLabel('What you are asking for (optional)').fill(fields.ask);
    if (fields.marking !== undefined) await form.getByLabel(fields.marking, { exact: true }).check();
    if (fields.neededBy !== undefined) await form.getByLabel('Answer needed by (optional)').fill(fields.neededBy);
    return submitForm(this.page, /^\/escalations$/, () =>
      form.getByRole('button', { name: 'Raise escalation' }).click(),
    );
  }

  /** The error shown at a raise form field, without GOV.UK's hidden "Error:" prefix. */
  async fieldError(id: string): Promise<string> {
    return squash((await this.page.locator(`#${id}-error`).innerText()).replace(/^Error:/, ''));
  }

  async typed(label: 'Title' | 'Detail'): Promise<string> {
    return this.raiseForm().getByLabel(label, { exact: true }).inputValue();
  }

  private raiseForm() {
    return this.page.locator('form#raise');
  }
}
