import type { Locator, Page } from 'playwright-core';
import type { Person } from '../browser';

interface AxeResult {
  violations: Array<{ id: string; help: string; nodes: unknown[] }>;
}

/**
 * What every console page has and every test checks: the layout (who is signed in, navigation, sign
 * out), axe-core finding no violation, and the browser reporting no problem (no policy refusal, no
 * script error, nothing that failed to load). One subclass per page says what is on it.
 */
export abstract class ConsolePage {
  constructor(
    protected readonly person: Person,
    readonly origin: string,
  ) {}

  get page(): Page {
    return this.person.page;
  }

  /** Clicks a link or a form's button and waits for the page it loads (every one is a full page load). */
  protected async clickThrough(target: Locator): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), target.click()]);
  }

  heading(): Promise<string> {
    return this.page.getByRole('heading', { level: 1 }).innerText();
  }

  title(): Promise<string> {
    return this.page.title();
  }

  /** "Sam Hughes, Regional coordinator" as the header shows it. */
  async signedInAs(): Promise<string> {
    return (await this.page.locator('.muster-account__who').innerText()).replace(/\s+/g, ' ').trim();
  }

  async navigation(): Promise<string[]> {
    return (await this.page.locator('.govuk-service-navigation__list a').allInnerTexts()).map((text) => text.trim());
  }

  /** axe-core with every rule it has: the violations, named. */
  async accessibilityViolations(): Promise<string[]> {
    const result = await this.page.evaluate(() =>
      (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run(),
    );
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  }

  /** Policy refusals, script errors and failed loads on the console's pages so far. */
  problems(): string[] {
    return this.person.problemsOn(this.origin);
  }

  /** Waits until the page's script has joined its /live topics: changes after this reach the page. */
  async waitUntilLive(): Promise<void> {
    await this.page.locator('html[data-live="subscribed"]').waitFor({ state: 'attached', timeout: 10_000 });
  }

  /** Waits for the notification banner that says the page changed, and returns what it says. */
  async waitForUpdate(timeoutMs = 5_000): Promise<string> {
    const banner = this.page.locator('#live-status .govuk-notification-banner');
    await banner.waitFor({ timeout: timeoutMs });
    return (await banner.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** The GOV.UK error summary's items, as a person reads them. */
  async errorSummary(): Promise<string[]> {
    return (await this.page.locator('.govuk-error-summary__list li').allInnerTexts()).map((text) => text.trim());
  }

  /** The success banner's words, after a form went through. */
  async successBanner(): Promise<string> {
    return (
      await this.page.locator('.govuk-notification-banner--success .govuk-notification-banner__content').innerText()
    ).trim();
  }

  /** Presses "Sign out" in the header; the browser ends up where the sign-out leads. */
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForLoadState('load');
  }
}
