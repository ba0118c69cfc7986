import type { Person } from '../browser';
import { ConsolePage } from './console-page';
import { DecisionFormPage } from './decision-form-page';

export interface TypedRequest {
  question: string;
  context?: string;
  options?: string[];
  dueInMinutes?: number;
  /** UK wall-clock `2026-11-22T16:00`. */
  dueAt?: string;
  marking?: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  /** As the select says it: "Sandwell (E08000028)". */
  authority?: string;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `/cells/:cell/decision-requests`: the cell's requests by status, asking for one, answering one. */
export class DecisionRequestsPage extends ConsolePage {
  static async visit(person: Person, origin: string, cell: string): Promise<DecisionRequestsPage> {
    await person.page.goto(`${origin}/cells/${cell}/decision-requests`);
    return new DecisionRequestsPage(person, origin);
  }

  static at(person: Person, origin: string): DecisionRequestsPage {
    return new DecisionRequestsPage(person, origin);
  }

  /** The titles of the requests in one section ("Open", "Overdue", "Decided"), tags included. */
  async titles(section: 'open' | 'overdue' | 'decided'): Promise<string[]> {
    return (
      await this.page
        .locator(`section[aria-labelledby="requests-${section}"] .govuk-summary-card__title`)
        .allInnerTexts()
    ).map(squash);
  }

  /** Everything the list says, for "never contains" checks. */
  listText(): Promise<string> {
    return this.page.locator('#decision-requests').innerText();
  }

  async ask(request: TypedRequest): Promise<void> {
    await this.page.getByLabel('Question', { exact: true }).fill(request.question);
    if (request.context !== undefined) await this.page.getByLabel('Context (optional)').fill(request.context);
    if (request.options !== undefined)
      await this.page.getByLabel('Options (optional)').fill(request.options.join('\n'));
    if (request.dueInMinutes !== undefined)
      await this.page.getByLabel('Minutes until it is needed').fill(String(request.dueInMinutes));
    if (request.dueAt !== undefined) await this.page.getByLabel('Needed by', { exact: true }).fill(request.dueAt);
    if (request.marking !== undefined)
      await this.page.getByRole('group', { name: 'Marking' }).getByLabel(request.marking, { exact: true }).check();
    if (request.authority !== undefined)
      await this.page.getByLabel('Authority (optional)').selectOption({ label: request.authority });
    await this.clickThrough(this.page.getByRole('button', { name: 'Ask for the decision' }));
  }

  async answer(question: string): Promise<DecisionFormPage> {
    await this.clickThrough(this.page.getByRole('link', { name: `Answer the request: ${question}`, exact: true }));
    return new DecisionFormPage(this.person, this.origin);
  }

  async errorAt(id: string): Promise<string> {
    return (await this.page.locator(`#${id}-error`).innerText()).replace(/^Error:\s*/, '').trim();
  }
}
