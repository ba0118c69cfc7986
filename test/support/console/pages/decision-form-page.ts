import type { Locator } from 'playwright-core';
import { ConsolePage } from './console-page';

/** A decision as a person types it into the Joint Decision Model form. Times are UK wall-clock `2026-11-22T14:30`. */
export interface TypedDecision {
  title?: string;
  decision?: string;
  rationale?: string;
  informationAvailable?: string;
  risks?: string;
  powersAndPolicy?: string;
  /** Typed into the rows in order (a row past the form's rows needs "Add another option" first). */
  options?: Array<{ option: string; chosen?: boolean; notes?: string }>;
  decidedBy?: string;
  decidedAt?: string;
  delayReason?: string;
  actions?: Array<{ action: string; owner: string; due?: string }>;
  reviewBy?: string;
  marking?: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  /** Authorities' names, as the checkboxes say them ("Sandwell"). */
  authorities?: string[];
}

/** A wall-clock time in the region (UK), `minutesAgo` before now, as a `datetime-local` field takes it. */
export function ukTime(minutesAgo = 0, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now.getTime() - minutesAgo * 60_000));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** The form that logs a decision, amends one or answers a request: the same Joint Decision Model fields. */
export class DecisionFormPage extends ConsolePage {
  private field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  private row(kind: 'Option' | 'Action', n: number): Locator {
    return this.page.getByRole('group', { name: `${kind} ${n}`, exact: true });
  }

  async fill(decision: TypedDecision): Promise<void> {
    const texts: Array<[keyof TypedDecision, string]> = [
      ['title', 'Title'],
      ['decision', 'Decision'],
      ['rationale', 'Rationale'],
      ['informationAvailable', 'Information available'],
      ['risks', 'Risks (optional)'],
      ['powersAndPolicy', 'Powers and policy (optional)'],
      ['decidedBy', 'Decided by'],
      ['decidedAt', 'Decided at'],
      ['delayReason', 'Reason for the delay (if decided more than 15 minutes before it is recorded)'],
      ['reviewBy', 'Review by (optional)'],
    ];
    for (const [key, label] of texts) {
      const value = decision[key];
      if (typeof value === 'string') await this.field(label).fill(value);
    }
    for (const [i, option] of (decision.options ?? []).entries()) {
      const row = this.row('Option', i + 1);
      await row.getByLabel('What was considered').fill(option.option);
      await row.getByLabel('Chosen').setChecked(option.chosen ?? false);
      await row.getByLabel('Notes (optional)').fill(option.notes ?? '');
    }
    for (const [i, action] of (decision.actions ?? []).entries()) {
      const row = this.row('Action', i + 1);
      await row.getByLabel('What is to be done').fill(action.action);
      await row.getByLabel('Owner').fill(action.owner);
      await row.getByLabel('Due (optional)').fill(action.due ?? '');
    }
    if (decision.marking !== undefined)
      await this.page.getByRole('group', { name: 'Marking' }).getByLabel(decision.marking, { exact: true }).check();
    for (const name of decision.authorities ?? []) {
      await this.page
        .getByRole('group', { name: /^Authorities it concerns/ })
        .getByRole('checkbox', { name: new RegExp(`^${name} \\(`) })
        .check();
    }
  }

  async reason(text: string): Promise<void> {
    await this.field('Reason for the amendment').fill(text);
  }

  /** Presses the form's main button and waits for the page it leads to. */
  async submit(): Promise<void> {
    await this.clickThrough(this.page.locator('button[name="log"]'));
  }

  /** "Add another option" (posts the form back for one more row). */
  async addAnotherOption(): Promise<void> {
    await this.clickThrough(this.page.getByRole('button', { name: 'Add another option' }));
  }

  async optionRows(): Promise<number> {
    return this.page.getByRole('group', { name: /^Option \d+$/ }).count();
  }

  value(label: string): Promise<string> {
    return this.field(label).inputValue();
  }

  optionValue(n: number): Promise<string> {
    return this.row('Option', n).getByLabel('What was considered').inputValue();
  }

  checkedMarking(): Promise<string | null> {
    return this.page.locator('input[name="marking"]:checked').getAttribute('value');
  }

  /** The inline error message at a field (by its id), without GOV.UK's hidden "Error:" prefix. */
  async errorAt(id: string): Promise<string> {
    const message = this.page.locator(`#${id}-error`);
    return (await message.innerText()).replace(/^Error:\s*/, '').trim();
  }
}
