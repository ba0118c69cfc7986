import { ConsolePage } from './console-page';

/** `/account`: who the console takes this person to be. */
export class AccountPage extends ConsolePage {
  /** Name, Role, Authority, Cells and Clearance as the summary list shows them. */
  async details(): Promise<Record<string, string>> {
    const keys = await this.page.locator('.govuk-summary-list__key').allInnerTexts();
    const values = await this.page.locator('.govuk-summary-list__value').allInnerTexts();
    return Object.fromEntries(keys.map((key, i) => [key.trim(), (values[i] ?? '').trim()]));
  }
}

/** `/signed-out`, where people land after signing out. */
export class SignedOutPage extends ConsolePage {}
