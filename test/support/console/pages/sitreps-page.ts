import type { Person } from '../browser';
import { ConsolePage } from './console-page';

/** `/sitreps`: an authority's returns for today, one form per cell. */
export class SitrepsPage extends ConsolePage {
  static async visit(person: Person, origin: string, query = ''): Promise<SitrepsPage> {
    await person.page.goto(`${origin}/sitreps${query}`);
    return new SitrepsPage(person, origin);
  }

  /** Each cell's return and where it stands, as the task list says ("Done", "Due by 10:00"). */
  async tasks(): Promise<Record<string, string>> {
    const rows = this.page.locator('.govuk-task-list__item');
    const names = (await rows.locator('.govuk-task-list__name-and-hint').allInnerTexts()).map((t) => t.trim());
    const states = (await rows.locator('.govuk-task-list__status').allInnerTexts()).map((t) => t.trim());
    return Object.fromEntries(names.map((name, i) => [name, states[i] ?? '']));
  }

  private form(cell: string) {
    return this.page.locator(`#return-${cell} form`);
  }

  /** A figure's field in a cell's form, by its label: its value, unit and hint as shown. */
  async figure(cell: string, label: string): Promise<{ value: string; unit: string; hint: string; error: string }> {
    const input = this.form(cell).getByLabel(label, { exact: true });
    const group = this.form(cell)
      .locator('.govuk-form-group')
      .filter({ has: this.page.getByLabel(label, { exact: true }) });
    const text = async (selector: string) =>
      (await group.locator(selector).count()) > 0
        ? (await group.locator(selector).innerText()).replace(/\s+/g, ' ').trim()
        : '';
    return {
      value: await input.inputValue(),
      unit: await text('.govuk-input__suffix'),
      hint: await text('.govuk-hint'),
      error: await text('.govuk-error-message'),
    };
  }

  async fill(cell: string, label: string, value: string): Promise<void> {
    await this.form(cell).getByLabel(label, { exact: true }).fill(value);
  }

  /** Presses one of a cell's buttons ("Submit return", "Submit unchanged") and waits for the answer. */
  async press(cell: string, button: string): Promise<number> {
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/sitreps/${cell}`)),
      this.form(cell).getByRole('button', { name: button, exact: true }).click(),
    ]);
    await this.page.waitForLoadState('load');
    return response.status();
  }

  async buttons(cell: string): Promise<string[]> {
    return (await this.form(cell).getByRole('button').allInnerTexts()).map((t) => t.trim());
  }

  async banner(): Promise<string> {
    return (await this.page.locator('.govuk-notification-banner').innerText()).replace(/\s+/g, ' ').trim();
  }
}
