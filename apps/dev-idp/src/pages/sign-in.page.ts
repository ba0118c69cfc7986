import { MARKINGS, ROLES, type Role } from '@muster/contracts';
import type { DemoPerson } from '../people';
import { NO_AUTHORITY, SIGN_IN_FIELDS, type SignInErrors, type SignInField, type SignInValues } from '../sign-in-form';
import { eta } from './layout';

export interface RegionChoices {
  authorities: ReadonlyArray<{ code: string; name: string }>;
  cells: readonly string[];
}

export interface SignInPageModel {
  uid: string;
  values: SignInValues;
  errors: SignInErrors;
  /** A refused one-click sign-in (an unknown demo person). */
  demoError?: string;
  region: RegionChoices;
  demoPeople: readonly DemoPerson[];
}

export const ROLE_LABELS: Record<Role, string> = {
  'cell-lead': 'Cell lead',
  'cell-member': 'Cell member',
  'authority-officer': 'Authority officer',
  'regional-coordinator': 'Regional coordinator',
  'mayors-office': 'Mayor\u2019s office',
  admin: 'Administrator',
};

export const EMPTY_SIGN_IN: SignInValues = {
  name: '',
  role: '',
  authority: NO_AUTHORITY,
  cells: '',
  clearance: 'OFFICIAL',
};

const SIGN_IN = `<% layout('@layout', { title: (it.hasErrors ? 'Error: ' : '') + 'Sign in' }) %>
<h1>Sign in to Muster</h1>
<p class="notice">This is the development sign-in service: it believes whatever you type. Never use it for real people or real data.</p>
<% if (it.hasErrors) { %>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">There is a problem</h2>
  <ul>
  <% it.summary.forEach(function (item) { %>
    <li><a href="#<%= item.href %>"><%= item.message %></a></li>
  <% }) %>
  </ul>
</div>
<% } %>
<form method="post" action="/interaction/<%= it.uid %>/login" novalidate>
  <div class="field<%= it.errors.name ? ' field--error' : '' %>">
    <label for="name">Name</label>
    <% if (it.errors.name) { %><p id="name-error" class="error-message">Error: <%= it.errors.name %></p><% } %>
    <input type="text" id="name" name="name" value="<%= it.values.name %>" autocomplete="name" spellcheck="false"<% if (it.errors.name) { %> aria-invalid="true"<% } %><% if (it.describedBy.name) { %> aria-describedby="<%= it.describedBy.name %>"<% } %>>
  </div>
  <div class="field<%= it.errors.role ? ' field--error' : '' %>">
    <label for="role">Role</label>
    <% if (it.errors.role) { %><p id="role-error" class="error-message">Error: <%= it.errors.role %></p><% } %>
    <select id="role" name="role"<% if (it.errors.role) { %> aria-invalid="true"<% } %><% if (it.describedBy.role) { %> aria-describedby="<%= it.describedBy.role %>"<% } %>>
      <option value=""<%= it.values.role === '' ? ' selected' : '' %>>Choose a role</option>
      <% it.roles.forEach(function (role) { %>
      <option value="<%= role.value %>"<%= it.values.role === role.value ? ' selected' : '' %>><%= role.label %></option>
      <% }) %>
    </select>
  </div>
  <div class="field<%= it.errors.authority ? ' field--error' : '' %>">
    <label for="authority">Authority</label>
    <p id="authority-hint" class="hint">The local authority an authority officer works for.</p>
    <% if (it.errors.authority) { %><p id="authority-error" class="error-message">Error: <%= it.errors.authority %></p><% } %>
    <select id="authority" name="authority"<% if (it.errors.authority) { %> aria-invalid="true"<% } %> aria-describedby="<%= it.describedBy.authority %>">
      <option value="none"<%= it.values.authority === 'none' || it.values.authority === '' ? ' selected' : '' %>>None</option>
      <% it.region.authorities.forEach(function (a) { %>
      <option value="<%= a.code %>"<%= it.values.authority === a.code ? ' selected' : '' %>><%= a.name %> (<%= a.code %>)</option>
      <% }) %>
    </select>
  </div>
  <div class="field<%= it.errors.cells ? ' field--error' : '' %>">
    <label for="cells">Cells</label>
    <p id="cells-hint" class="hint">Cell slugs separated by commas<% if (it.region.cells.length) { %>, from: <%= it.region.cells.join(', ') %><% } %>. Leave empty for none.</p>
    <% if (it.errors.cells) { %><p id="cells-error" class="error-message">Error: <%= it.errors.cells %></p><% } %>
    <input type="text" id="cells" name="cells" value="<%= it.values.cells %>" spellcheck="false" autocomplete="off" aria-describedby="<%= it.describedBy.cells %>"<% if (it.errors.cells) { %> aria-invalid="true"<% } %>>
  </div>
  <div class="field<%= it.errors.clearance ? ' field--error' : '' %>">
    <label for="clearance">Clearance</label>
    <p id="clearance-hint" class="hint">The highest protective marking this person may read.</p>
    <% if (it.errors.clearance) { %><p id="clearance-error" class="error-message">Error: <%= it.errors.clearance %></p><% } %>
    <select id="clearance" name="clearance"<% if (it.errors.clearance) { %> aria-invalid="true"<% } %> aria-describedby="<%= it.describedBy.clearance %>">
      <% it.markings.forEach(function (marking) { %>
      <option value="<%= marking %>"<%= it.values.clearance === marking ? ' selected' : '' %>><%= marking %></option>
      <% }) %>
    </select>
  </div>
  <button type="submit">Sign in</button>
</form>
<h2 id="demo-people">Demo people</h2>
<p>Or sign in with one click as someone in every role.</p>
<% if (it.demoError) { %><p id="demo-error" class="error-message">Error: <%= it.demoError %></p><% } %>
<ul class="people" aria-labelledby="demo-people">
<% it.demoPeople.forEach(function (person) { %>
  <li>
    <form method="post" action="/interaction/<%= it.uid %>/demo">
      <input type="hidden" name="person" value="<%= person.sub %>">
      <button type="submit" class="secondary" aria-describedby="about-<%= person.sub %>">Continue as <%= person.name %></button>
      <span id="about-<%= person.sub %>"><%= person.summary %></span>
    </form>
  </li>
<% }) %>
</ul>
`;

eta.loadTemplate('@sign-in', SIGN_IN);

export function renderSignInPage(model: SignInPageModel): string {
  const summary: Array<{ href: string; message: string }> = SIGN_IN_FIELDS.flatMap((field) => {
    const message = model.errors[field];
    return message === undefined ? [] : [{ href: field, message }];
  });
  if (model.demoError !== undefined) summary.push({ href: 'demo-people', message: model.demoError });
  return eta.render('@sign-in', {
    ...model,
    hasErrors: summary.length > 0,
    summary,
    describedBy: Object.fromEntries(SIGN_IN_FIELDS.map((field) => [field, describedBy(field, model.errors)])),
    roles: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
    markings: MARKINGS,
  });
}

/** Hint then error, as a screen reader should read them after the label. */
function describedBy(field: SignInField, errors: SignInErrors): string {
  const hinted = field === 'authority' || field === 'cells' || field === 'clearance';
  return [hinted ? `${field}-hint` : '', errors[field] === undefined ? '' : `${field}-error`].filter(Boolean).join(' ');
}
