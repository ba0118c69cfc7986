import type { Page } from 'playwright-core';
import type { Person } from '../browser';
import { ConsolePage } from './console-page';

export interface TimelineStep {
  heading: string;
  /** "By Jas Kaur, 10:32 on 20 November 2026" */
  byAndWhen: string;
  notes: string[];
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** How the console answered a form: its status, when the answer came, and the request's correlation id. */
export interface FormAnswer {
  status: number;
  at: number;
  correlationId: string | undefined;
}

/** Presses a form's button (or sends a form some other way); the answer to the POST, once the page it leads to has loaded. */
export async function submitForm(page: Page, path: RegExp, press: () => Promise<unknown>): Promise<FormAnswer> {
  const [answer] = await Promise.all([
    page
      .waitForResponse((r) => r.request().method() === 'POST' && path.test(new URL(r.url()).pathname))
      .then((r) => ({ status: r.status(), at: Date.now(), correlationId: r.headers()['x-correlation-id'] })),
    // The page shown now has loaded already: the next load is the answer's (or where it redirects).
    page.waitForEvent('load'),
    press(),
  ]);
  return answer;
}

/** `/escalations/:id`: one escalation, what can be done with it now, and its history. */
export class EscalationPage extends ConsolePage {
  static async visit(person: Person, origin: string, id: string): Promise<EscalationPage> {
    await person.page.goto(`${origin}/escalations/${id}`);
    return new EscalationPage(person, origin);
  }

  static at(person: Person, origin: string): EscalationPage {
    return new EscalationPage(person, origin);
  }

  /** The id in the address (after a raise, the new escalation's). */
  id(): string {
    const id = /\/escalations\/([0-9a-f-]{36})/.exec(this.page.url())?.[1];
    if (id === undefined) throw new Error(`not an escalation page: ${this.page.url()}`);
    return id;
  }

  /** The summary list, key to value. */
  async summary(): Promise<Record<string, string>> {
    const rows = this.page.locator('#escalation-summary .govuk-summary-list__row');
    const entries: Array<[string, string]> = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      entries.push([squash(await row.locator('dt').innerText()), squash(await row.locator('dd').innerText())]);
    }
    return Object.fromEntries(entries);
  }

  /** The history, newest first. */
  async timeline(): Promise<TimelineStep[]> {
    const steps = this.page.locator('#timeline > li');
    const found: TimelineStep[] = [];
    for (let i = 0; i < (await steps.count()); i += 1) {
      const step = steps.nth(i);
      const [byAndWhen = '', ...notes] = (await step.locator('p').allInnerTexts()).map(squash);
      found.push({ heading: squash(await step.locator('h3').innerText()), byAndWhen, notes });
    }
    return found;
  }

  /** Waits (without reloading) until the newest step of the history has this heading. */
  async waitForStep(heading: string, timeoutMs = 5_000): Promise<void> {
    await this.page
      .locator('#timeline > li')
      .first()
      .locator('h3', { hasText: heading })
      .waitFor({ timeout: timeoutMs });
  }

  /** The buttons of the steps this person is offered, in order. */
  async offered(): Promise<string[]> {
    return (await this.page.locator('#escalation form[method="post"] button').allInnerTexts()).map(squash);
  }

  /** What "What you can do" says when nothing is offered. */
  async nothingToDo(): Promise<string> {
    return squash(await this.page.locator('#actions + p').innerText());
  }

  /** The success banner after a step went through. */
  async banner(): Promise<string> {
    return squash(await this.page.locator('.govuk-notification-banner--success').innerText());
  }

  /** Each step with what to type in its field (nothing typed: the field as it is). */
  acknowledge(note?: string): Promise<FormAnswer> {
    return this.step('acknowledge', 'Acknowledge', note);
  }

  escalate(reason?: string): Promise<FormAnswer> {
    return this.step('escalate', /^Escalate to /, reason);
  }

  resolve(resolution?: string): Promise<FormAnswer> {
    return this.step('resolve', 'Resolve', resolution);
  }

  /** "Add an update": the note, and when the next one is due as a `datetime-local` value (`2026-11-22T14:30`). */
  async addUpdate(note?: string, nextUpdateDue?: string): Promise<FormAnswer> {
    if (nextUpdateDue !== undefined)
      await this.page.locator('form#update input[name="nextUpdateDue"]').fill(nextUpdateDue);
    return this.step('update', 'Add update', note);
  }

  withdraw(reason?: string): Promise<FormAnswer> {
    return this.step('withdraw', 'Withdraw', reason);
  }

  /** Types into a step's field without sending it. */
  async type(form: 'acknowledge' | 'escalate' | 'resolve', text: string): Promise<void> {
    await this.page.locator(`form#${form} textarea`).fill(text);
  }

  async typedIn(form: 'acknowledge' | 'escalate' | 'resolve'): Promise<string> {
    return this.page.locator(`form#${form} textarea`).inputValue();
  }

  async focusedId(): Promise<string> {
    return this.page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ??
        '',
    );
  }

  /** The error shown at a step's field, without GOV.UK's hidden "Error:" prefix. */
  async fieldError(id: string): Promise<string> {
    return squash((await this.page.locator(`#${id}-error`).innerText()).replace(/^Error:/, ''));
  }

  /** The form's token, as a page of Muster has it (for posts made as this person outside the form). */
  csrfToken(): Promise<string> {
    return this.page.locator('input[name="_csrf"]').first().inputValue();
  }

  private async step(form: string, button: string | RegExp, text: string | undefined): Promise<FormAnswer> {
    const locator = this.page.locator(`form#${form}`);
    if (text !== undefined) await locator.locator('textarea').fill(text);
    return submitForm(this.page, /^\/escalations\/[0-9a-f-]{36}$/, () =>
      locator.getByRole('button', { name: button }).click(),
    );
  }
}
