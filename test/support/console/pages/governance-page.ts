import { ConsolePage } from './console-page';
import { type FormAnswer, submitForm } from './escalation-page';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `/cells/:cell/governance`: the cell's status, its handovers, and the form its status allows. */
export class GovernancePage extends ConsolePage {
  async visit(slug: string): Promise<this> {
    await this.page.goto(`${this.origin}/cells/${slug}/governance`);
    return this;
  }

  async status(): Promise<string> {
    return squash(await this.page.locator('#governance-status .govuk-tag').innerText());
  }

  /** The forms offered, by their buttons. */
  async offered(): Promise<string[]> {
    return (await this.page.locator('main form[method="post"] button').allInnerTexts()).map(squash);
  }

  standUp(reason: string): Promise<FormAnswer> {
    return this.send('stand-up', 'Stand up', reason);
  }

  standby(reason: string): Promise<FormAnswer> {
    return this.send('standby', 'Return to standby', reason);
  }

  /** The stand-down form's rows: each open item's kind and title. */
  async handoverRows(): Promise<string[]> {
    const rows = this.page.locator('form#stand-down fieldset');
    const found: string[] = [];
    for (let i = 0; i < (await rows.count()); i += 1)
      found.push(squash(await rows.nth(i).innerText()).split(' Role')[0] ?? '');
    return found;
  }

  /** Stands down: per row, a role's name (as the select shows it) or a person's user id, or nothing. */
  async standDown(reason: string, takers: ReadonlyArray<{ role?: string; person?: string }>): Promise<FormAnswer> {
    const form = this.page.locator('form#stand-down');
    for (const [i, taker] of takers.entries()) {
      if (taker.role !== undefined) await form.locator(`#role-${String(i)}`).selectOption({ label: taker.role });
      if (taker.person !== undefined) await form.locator(`#person-${String(i)}`).fill(taker.person);
    }
    return this.send('stand-down', 'Stand down', reason);
  }

  /** The error at a row's role (`role-0`) or a reason field, without GOV.UK's hidden "Error:" prefix. */
  async fieldError(id: string): Promise<string> {
    return squash((await this.page.locator(`#${id}-error`).innerText()).replace(/^Error:/, ''));
  }

  /** Each handover shown, newest first: its heading, then each item as "What | Title | Taken by". */
  async handovers(): Promise<Array<{ heading: string; items: string[] }>> {
    const entries = this.page.locator('.muster-handover');
    const found: Array<{ heading: string; items: string[] }> = [];
    for (let i = 0; i < (await entries.count()); i += 1) {
      const entry = entries.nth(i);
      const items = (await entry.locator('tbody tr').allInnerTexts()).map((row) =>
        row.split('\t').map(squash).join(' | '),
      );
      found.push({ heading: squash(await entry.locator('h3').innerText()), items });
    }
    return found;
  }

  private async send(form: string, button: string, reason: string): Promise<FormAnswer> {
    const locator = this.page.locator(`form#${form}`);
    await locator.locator('textarea[name="reason"]').fill(reason);
    return submitForm(this.page, /^\/cells\/[a-z0-9-]+\/governance$/, () =>
      locator.getByRole('button', { name: button }).click(),
    );
  }
}
