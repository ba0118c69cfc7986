import { createHash } from 'node:crypto';
import { Eta } from 'eta';

/*
 * Every page of the development provider: plain HTML, no script, one inline stylesheet allowed by its
 * hash in the content security policy. Templates are inlined (the swc build copies no assets); values
 * go through `<%= %>`, which escapes & < > " and '. Raw output (`<%~`) is used only for the rendered
 * body inside the layout.
 */
const CSS = `
body { font: 19px/1.4 system-ui, "Segoe UI", Arial, sans-serif; color: #0b0c0c; margin: 0; background: #fff; }
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 2rem; margin: 0 0 1rem; }
h2 { font-size: 1.5rem; margin: 2rem 0 .75rem; }
.notice { border-left: 5px solid #0b0c0c; padding: .25rem 0 .25rem 1rem; font-weight: 600; }
.field { margin: 0 0 1.5rem; }
.field--error { border-left: 5px solid #d4351c; padding-left: 1rem; }
label { display: block; font-weight: 700; margin-bottom: .25rem; }
.hint { color: #505a5f; margin: 0 0 .35rem; }
.error-message { color: #d4351c; font-weight: 700; margin: 0 0 .35rem; }
input[type=text], select { font: inherit; border: 2px solid #0b0c0c; padding: .3rem; width: 100%; max-width: 30rem; box-sizing: border-box; background: #fff; color: #0b0c0c; }
.field--error input, .field--error select { border-color: #d4351c; }
input:focus, select:focus, button:focus, a:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
button { font: inherit; font-weight: 600; color: #fff; background: #00703c; border: 2px solid transparent; box-shadow: 0 2px 0 #002d18; padding: .4rem .8rem; cursor: pointer; }
button.secondary { color: #0b0c0c; background: #f3f2f1; box-shadow: 0 2px 0 #929191; }
button:focus { color: #0b0c0c; background: #ffdd00; box-shadow: 0 2px 0 #0b0c0c; }
.error-summary { border: 5px solid #d4351c; padding: 1rem; margin-bottom: 2rem; }
.error-summary h2 { margin-top: 0; }
.error-summary a { color: #d4351c; font-weight: 700; }
ul.people { list-style: none; padding: 0; }
ul.people li { margin: 0 0 1rem; }
ul.people form { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; }
a { color: #1d70b8; }
`;

/** For the content security policy: the only style the pages may apply. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS).digest('base64')}'`;

const LAYOUT = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %> \u2013 Muster development sign-in</title>
<style>${CSS}</style>
</head>
<body>
<main id="main-content">
<%~ it.body %>
</main>
</body>
</html>
`;

export const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], useWith: false });
eta.loadTemplate('@layout', LAYOUT);
