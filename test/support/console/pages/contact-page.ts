import { ConsolePage } from './console-page';

/** `/account/contact`: a person's contact details and how to reach them per severity. */
export class ContactPage extends ConsolePage {
  async fill(fields: { email?: string; mobile?: string; teamsWebhook?: string }): Promise<void> {
    if (fields.email !== undefined) await this.page.getByLabel('Email address').fill(fields.email);
    if (fields.mobile !== undefined) await this.page.getByLabel('Mobile number').fill(fields.mobile);
    if (fields.teamsWebhook !== undefined)
      await this.page.getByLabel('Teams workflow webhook (optional)').fill(fields.teamsWebhook);
  }

  /** Ticks a channel (or "Do not notify me") for a severity's escalations ("Critical", "Low"…). */
  async tick(severity: string, option: string): Promise<void> {
    await this.page
      .getByRole('group', { name: `${severity} escalations` })
      .getByLabel(option, { exact: true })
      .check();
  }

  async ticked(severity: string): Promise<string[]> {
    const group = this.page.getByRole('group', { name: `${severity} escalations` });
    const boxes = group.locator('input[type=checkbox]:checked');
    const labels: string[] = [];
    for (let i = 0; i < (await boxes.count()); i += 1) {
      const id = (await boxes.nth(i).getAttribute('id')) ?? '';
      labels.push((await group.locator(`label[for="${id}"]`).innerText()).trim());
    }
    return labels;
  }

  async value(label: string): Promise<string> {
    return this.page.getByLabel(label).inputValue();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save contact details' }).click();
    await this.page.waitForLoadState('load');
  }

  /** The message GOV.UK puts above a field in error. */
  async fieldError(id: string): Promise<string> {
    return (await this.page.locator(`#${id}-error`).innerText()).replace(/\s+/g, ' ').trim();
  }
}

/** `/rotas`: who holds each level now, read-only. */
export class RotasPage extends ConsolePage {
  async holder(scope: string): Promise<string> {
    return (await this.page.locator(`[data-holder="${scope}"]`).innerText()).replace(/\s+/g, ' ').trim();
  }

  async scopes(): Promise<string[]> {
    return (await this.page.getByRole('heading', { level: 2 }).allInnerTexts()).map((t) => t.trim());
  }
}
