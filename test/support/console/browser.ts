import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../situation';

/** Something wrong the browser reported: a content security policy refusal, a script error, a failed load. */
export interface BrowserProblem {
  /** The page's address when it happened. */
  url: string;
  text: string;
}

/**
 * Headless Chromium with one context per person, so each has their own cookies, as two people at two
 * computers would. axe-core is injected through the DevTools protocol, outside the pages' policy.
 */
export class ConsoleBrowser {
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<ConsoleBrowser> {
    return new ConsoleBrowser(await launchChromium());
  }

  /** With `javaScript: false`, a browser that runs no script: the console's forms must work in it too. */
  async person(options: { javaScript?: boolean } = {}): Promise<Person> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: options.javaScript ?? true,
      acceptDownloads: true,
    });
    await context.addInitScript({ path: require.resolve('axe-core/axe.min.js') });
    return new Person(context, await context.newPage());
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/** One person's browser: a page, and everything the browser complained about while they used it. */
export class Person {
  readonly problems: BrowserProblem[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push({ url: page.url(), text: message.text() });
    });
    page.on('pageerror', (error) => this.problems.push({ url: page.url(), text: error.message }));
  }

  /** Problems on pages of this origin (the sign-in service's own pages are tested with it). */
  problemsOn(origin: string): string[] {
    return this.problems
      .filter((problem) => problem.url.startsWith(origin))
      .map((problem) => `${problem.url}: ${problem.text}`);
  }

  /** A page load that counts: set before an action, it survives only if the page is not reloaded. */
  async markPage(): Promise<void> {
    await this.page.evaluate(() => Object.assign(globalThis, { musterTestMark: true }));
  }

  async pageWasReloaded(): Promise<boolean> {
    return !(await this.page.evaluate(() => (globalThis as { musterTestMark?: boolean }).musterTestMark === true));
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
