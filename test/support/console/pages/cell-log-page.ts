import { readFile } from 'node:fs/promises';
import type { Person } from '../browser';
import { ConsolePage } from './console-page';
import { DecisionFormPage } from './decision-form-page';

/** An entry as its summary card shows it. */
export interface ShownEntry {
  heading: string;
  tags: string[];
  rows: Record<string, string>;
  /** For an amended decision: each changed field, as first recorded beside as it reads now. */
  changes: Array<{ field: string; before: string; after: string; by: string }>;
  amendments: string[];
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `/cells/:cell`: a cell's decision log, its forms' ways in, verify, export and the printable pack. */
export class CellLogPage extends ConsolePage {
  static async visit(person: Person, origin: string, cell: string, query = ''): Promise<CellLogPage> {
    await person.page.goto(`${origin}/cells/${cell}${query}`);
    return new CellLogPage(person, origin);
  }

  static at(person: Person, origin: string): CellLogPage {
    return new CellLogPage(person, origin);
  }

  /** "1. Release the reserve" for every entry on the page, in order. */
  async entryHeadings(): Promise<string[]> {
    return (await this.page.locator('.muster-entry .govuk-summary-card__title').allInnerTexts()).map((text) =>
      squash(text),
    );
  }

  async entry(sequence: number): Promise<ShownEntry> {
    const card = this.page.locator(`#entry-${sequence}`);
    const keys = await card.locator('.govuk-summary-list__key').allInnerTexts();
    const values = await card.locator('.govuk-summary-list__value').allInnerTexts();
    const changes: string[][] = [];
    for (const row of await card.locator('table.muster-changes tbody tr').all())
      changes.push(await row.locator('th, td').allInnerTexts());
    return {
      heading: squash(await card.locator('.govuk-summary-card__title').innerText()),
      tags: (await card.locator('.govuk-summary-card__title .govuk-tag').allInnerTexts()).map(squash),
      rows: Object.fromEntries(keys.map((key, i) => [squash(key), squash(values[i] ?? '')])),
      changes: changes.map(([field = '', before = '', after = '', by = '']) => ({
        field: squash(field),
        before: squash(before),
        after: squash(after),
        by: squash(by),
      })),
      amendments: (await card.locator('ul.govuk-list li').allInnerTexts()).map(squash),
    };
  }

  /** Everything the log says, for "never contains" checks. */
  logText(): Promise<string> {
    return this.page.locator('#decision-log').innerText();
  }

  async logADecision(): Promise<DecisionFormPage> {
    await this.clickThrough(this.page.getByRole('button', { name: 'Log a decision' }));
    return new DecisionFormPage(this.person, this.origin);
  }

  async amend(sequence: number): Promise<DecisionFormPage> {
    await this.clickThrough(this.page.getByRole('link', { name: `Amend entry ${sequence}`, exact: true }));
    return new DecisionFormPage(this.person, this.origin);
  }

  /** "Verify the log": the verdict's heading and what it says. */
  async verify(): Promise<{ heading: string; lines: string[] }> {
    await this.clickThrough(this.page.getByRole('button', { name: 'Verify the log' }));
    return {
      heading: await this.heading(),
      lines: (await this.page.locator('.muster-verdict').allInnerTexts()).map(squash),
    };
  }

  /** Clicks an export link: the file's suggested name and what it holds. */
  async download(format: 'JSON Lines' | 'CSV'): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: `Download as ${format}` }).click(),
    ]);
    return { filename: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }

  async openPack(from: string, to: string): Promise<void> {
    await this.page.getByLabel('From', { exact: true }).fill(from);
    await this.page.getByLabel('To', { exact: true }).fill(to);
    await this.clickThrough(this.page.getByRole('button', { name: 'Open the pack' }));
  }

  /** The table of the cell's actions: what each says, row by row ("Action", "Owner", "Due", "Status", "Decision"). */
  async actions(): Promise<Array<{ action: string; owner: string; due: string; status: string }>> {
    const rows: Array<{ action: string; owner: string; due: string; status: string }> = [];
    for (const row of await this.page.locator('table.muster-actions tbody tr').all()) {
      const [action = '', owner = '', due = '', status = ''] = (await row.locator('th, td').allInnerTexts()).map(
        squash,
      );
      rows.push({ action, owner, due, status });
    }
    return rows;
  }

  /** The actions offered an update form, by their text. */
  async updatable(): Promise<string[]> {
    return (await this.page.locator('details.govuk-details summary').allInnerTexts()).map((t) =>
      squash(t).replace(/^Update “(.*)”$/, '$1'),
    );
  }

  /** Opens an action's update form, chooses what happened, writes a note and sends it. */
  async updateAction(action: string, status: 'Done' | 'Dropped' | 'note only', note = ''): Promise<void> {
    const details = this.page.locator('details.govuk-details', { hasText: `Update “${action}”` });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const label =
      status === 'Done' ? 'Done' : status === 'Dropped' ? 'Dropped (say why in the note)' : 'Add a note only';
    await details.getByLabel(label, { exact: true }).check();
    await details.getByLabel('Note', { exact: true }).fill(note);
    await this.clickThrough(details.getByRole('button', { name: 'Update the action' }));
  }
}
