import type { Person } from '../browser';
import { ConsolePage } from './console-page';

/** `/account/feeds`: private feed URLs, made, listed and revoked. */
export class FeedTokensPage extends ConsolePage {
  static async visit(person: Person, origin: string): Promise<FeedTokensPage> {
    await person.page.goto(`${origin}/account/feeds`);
    return new FeedTokensPage(person, origin);
  }

  /** Makes one, and returns the URL the page shows (this once). */
  async make(label: string): Promise<string> {
    await this.page.getByLabel('Name (optional)').fill(label);
    await this.page.getByRole('button', { name: 'Make a private feed URL' }).click();
    await this.page.waitForLoadState('load');
    return this.page.getByLabel('Copy this URL into your feed reader').inputValue();
  }

  async listed(): Promise<string[]> {
    return (await this.page.locator('tbody th').allInnerTexts()).map((t) => t.trim());
  }

  async revoke(label: string): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/revoked=1/),
      this.page.getByRole('button', { name: `Revoke ${label}` }).click(),
    ]);
  }

  async banner(): Promise<string> {
    return (await this.page.locator('.govuk-notification-banner').innerText()).replace(/\s+/g, ' ').trim();
  }
}
