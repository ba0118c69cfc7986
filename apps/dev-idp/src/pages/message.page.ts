import { eta } from './layout';

const MESSAGE = `<% layout('@layout', { title: it.title }) %>
<h1><%= it.title %></h1>
<% it.paragraphs.forEach(function (text) { %>
<p><%= text %></p>
<% }) %>
`;

/* The provider builds the logout form (its action and anti-forgery value); the buttons submit it. */
const SIGN_OUT = `<% layout('@layout', { title: 'Sign out' }) %>
<h1>Do you want to sign out?</h1>
<p>You will be signed out of the Muster development sign-in, and of the console.</p>
<%~ it.form %>
<p><button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button></p>
<p><button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button></p>
`;

eta.loadTemplate('@message', MESSAGE);
eta.loadTemplate('@sign-out', SIGN_OUT);

/** A page that only tells something: an error, or that sign-out is done. */
export function renderMessagePage(title: string, paragraphs: readonly string[]): string {
  return eta.render('@message', { title, paragraphs });
}

export function renderSignOutPage(providerForm: string): string {
  return eta.render('@sign-out', { form: providerForm });
}
