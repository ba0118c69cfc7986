import type { Person } from '../browser';
import { ConsolePage } from './console-page';

/** A printable report page (`/feeds/daily/:date`, `/feeds/weekly/:week`): read, followed and printed. */
export class ReportPage extends ConsolePage {
  static async visit(person: Person, origin: string, path: string): Promise<ReportPage> {
    await person.page.goto(`${origin}${path}`);
    return new ReportPage(person, origin);
  }

  static at(person: Person, origin: string): ReportPage {
    return new ReportPage(person, origin);
  }

  /** The protective marking as the page shows it on screen, top and bottom. */
  async markings(): Promise<string[]> {
    return (await this.page.locator('.muster-marking').allInnerTexts()).map((t) =>
      t.replace('Protective marking:', '').trim(),
    );
  }

  async links(): Promise<string[]> {
    return this.page
      .locator('main a[href]')
      .evaluateAll((anchors) => anchors.map((a) => (a as unknown as { href: string }).href));
  }

  text(): Promise<string> {
    return this.page.locator('main').innerText();
  }

  /** Printed as Chromium prints it (A4), as PDF bytes. */
  async printed(): Promise<Uint8Array> {
    return new Uint8Array(await this.page.pdf({ format: 'A4', preferCSSPageSize: true }));
  }
}

/** `/feeds/daily`: the published days. */
export class DailyReportsPage extends ConsolePage {
  static async visit(person: Person, origin: string): Promise<DailyReportsPage> {
    await person.page.goto(`${origin}/feeds/daily`);
    return new DailyReportsPage(person, origin);
  }

  async days(): Promise<string[]> {
    return (await this.page.locator('tbody th').allInnerTexts()).map((t) => t.trim());
  }

  async open(dayText: string): Promise<ReportPage> {
    await Promise.all([
      this.page.waitForURL(/\/feeds\/daily\/\d{4}-\d\d-\d\d$/),
      this.page.getByRole('link', { name: dayText, exact: true }).click(),
    ]);
    return ReportPage.at(this.person, this.origin);
  }
}
