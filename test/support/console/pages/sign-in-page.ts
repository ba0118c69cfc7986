import type { Page } from 'playwright-core';

export interface TypedPerson {
  name: string;
  /** The Role select's value, e.g. `regional-coordinator`. */
  role: string;
  /** The Authority select's label, e.g. "Sandwell (E08000028)"; none when absent. */
  authority?: string;
  cells?: string;
  clearance: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
}

/** The development sign-in service's page (apps/dev-idp), as a person fills it in. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async isShown(): Promise<boolean> {
    return (await this.page.getByRole('heading', { level: 1 }).innerText()) === 'Sign in to Muster';
  }

  /** One click: "Continue as <name>". */
  async continueAs(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Continue as ${name}` }).click();
  }

  async signInWithForm(person: TypedPerson): Promise<void> {
    await this.page.getByLabel('Name', { exact: true }).fill(person.name);
    await this.page.getByLabel('Role', { exact: true }).selectOption(person.role);
    if (person.authority !== undefined)
      await this.page.getByLabel('Authority', { exact: true }).selectOption({ label: person.authority });
    if (person.cells !== undefined) await this.page.getByLabel('Cells', { exact: true }).fill(person.cells);
    await this.page.getByLabel('Clearance', { exact: true }).selectOption(person.clearance);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /** The provider's own sign-out confirmation ("Do you want to sign out?"), answered yes. */
  async confirmSignOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Yes, sign me out' }).click();
  }
}
