import { Eta } from 'eta';
import { PROBLEM_STATUS, problemType, type ProblemCode } from '@muster/contracts';
import { problemTitle } from '../http/problem';
import { EXPLANATIONS } from './problem-explanations';

/* Inlined (not a .eta file) so the swc build has no assets to copy; every value is escaped (`<%= %>`). */
const TEMPLATE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %>: Muster problem <%= it.code %></title>
<style>
  body { font: 16px/1.5 system-ui, "Segoe UI", Arial, sans-serif; color: #0b0c0c; margin: 2rem auto; max-width: 44rem; padding: 0 1rem; }
  h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; color: #505a5f; }
  dt { font-weight: 600; }
  code { font-family: ui-monospace, Consolas, monospace; }
</style>
</head>
<body>
<main>
<h1><%= it.title %></h1>
<dl>
  <dt>HTTP status</dt><dd><%= it.status %></dd>
  <dt>Code</dt><dd><code><%= it.code %></code></dd>
  <dt>Type</dt><dd><code><%= it.type %></code></dd>
</dl>
<h2>What it means</h2>
<p><%= it.meaning %></p>
<h2>What to do</h2>
<p><%= it.remedy %></p>
<p>Every refusal and failure is sent as <code>application/problem+json</code> (RFC 9457) with this page as its <code>type</code>.</p>
</main>
</body>
</html>
`;

const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], useWith: false });
const page = eta.compile(TEMPLATE);

/** The page a problem's `type` links to. */
export function renderProblemPage(code: ProblemCode): string {
  return eta.render(page, {
    code,
    title: problemTitle(code),
    status: PROBLEM_STATUS[code],
    type: problemType(code),
    ...EXPLANATIONS[code],
  });
}
