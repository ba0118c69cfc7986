import type { Person } from '../browser';
import { ConsolePage } from './console-page';

export interface BoardRow {
  rag: string;
  lastReported: string;
  figures: string[];
}

/** The board (`/`): the common picture, its filter and "as it stood" form, and its live updates. */
export class BoardPage extends ConsolePage {
  /** The board as this person opens it now (they must be signed in, or be sent to sign in). */
  static async visit(person: Person, origin: string, query = ''): Promise<BoardPage> {
    await person.page.goto(`${origin}/${query}`);
    return new BoardPage(person, origin);
  }

  static at(person: Person, origin: string): BoardPage {
    return new BoardPage(person, origin);
  }

  async cellNames(): Promise<string[]> {
    return (await this.page.locator('.muster-cell__name').allInnerTexts()).map((text) => text.trim());
  }

  /** One authority's row in one cell's table (the cell by its slug). */
  async row(cell: string, authority: string): Promise<BoardRow> {
    const row = this.page
      .locator(`section[aria-labelledby="cell-${cell}"] tbody tr`)
      .filter({ has: this.page.getByRole('rowheader', { name: authority, exact: true }) });
    const cells = (await row.locator('td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    const [rag = '', lastReported = '', ...figures] = cells;
    return { rag, lastReported, figures };
  }

  /** Waits (without reloading) until an authority's RAG in a cell reads `rag`. */
  async waitForRag(cell: string, authority: string, rag: string, timeoutMs = 5_000): Promise<void> {
    const row = this.page
      .locator(`section[aria-labelledby="cell-${cell}"] tbody tr`)
      .filter({ has: this.page.getByRole('rowheader', { name: authority, exact: true }) });
    await row
      .locator('td')
      .first()
      .filter({ hasText: new RegExp(`^\\s*${rag}\\s*$`) })
      .waitFor({ timeout: timeoutMs });
  }

  /** The cell's heading: its name, status and RAG as words. */
  async cellHeading(cell: string): Promise<string> {
    return (await this.page.locator(`#cell-${cell}`).innerText()).replace(/\s+/g, ' ').trim();
  }

  async escalationTitles(): Promise<string[]> {
    return this.rowHeaders('Open escalations');
  }

  async requestQuestions(): Promise<string[]> {
    return this.rowHeaders('Open decision requests');
  }

  /** Everything the picture says, for "never contains" checks. */
  pictureText(): Promise<string> {
    return this.page.locator('#board-picture').innerText();
  }

  async asOf(): Promise<string> {
    return (await this.page.locator('#board-picture > p.govuk-body-l').innerText()).trim();
  }

  /** Whether the page follows /live (a picture as it stood does not). */
  async isLive(): Promise<boolean> {
    return (await this.page.locator('[data-live-fragment]').count()) > 0;
  }

  async chooseCell(name: string): Promise<void> {
    await this.page.getByLabel('Cell', { exact: true }).selectOption({ label: name });
    await this.showTheBoard();
  }

  /** Picks the first decision whose option starts with `text` in "As it stood after a decision". */
  async chooseMoment(text: string): Promise<void> {
    const select = this.page.getByLabel('As it stood after a decision');
    const options = await select.locator('option').allInnerTexts();
    const label = options.find((option) => option.includes(text));
    if (label === undefined) throw new Error(`no moment "${text}" among ${JSON.stringify(options)}`);
    await select.selectOption({ label });
    await this.showTheBoard();
  }

  async momentOptions(): Promise<string[]> {
    return this.page.getByLabel('As it stood after a decision').locator('option').allInnerTexts();
  }

  private async showTheBoard(): Promise<void> {
    await Promise.all([this.page.waitForURL(/\?/), this.page.getByRole('button', { name: 'Show the board' }).click()]);
  }

  private async rowHeaders(caption: string): Promise<string[]> {
    const table = this.page.locator('table', { has: this.page.locator('caption', { hasText: caption }) });
    return (await table.locator('tbody th').allInnerTexts()).map((text) => text.trim());
  }
}
