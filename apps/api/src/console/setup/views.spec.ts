import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleViews } from './views';

describe('the console’s views', () => {
  it('refuse a template that cannot be rendered to the caller, instead of throwing it out of reach (which ended the process)', async () => {
    // A page extending a layout and including a partial with a mistake in it: Nunjucks' synchronous render
    // returned null and threw the error later from its scheduler, where nothing could catch it.
    const dir = mkdtempSync(join(tmpdir(), 'muster-views-'));
    writeFileSync(join(dir, 'layout.njk'), '<main>{% block content %}{% endblock %}</main>');
    writeFileSync(
      join(dir, 'page.njk'),
      '{% extends "layout.njk" %}{% block content %}{% include "part.njk" %}{% endblock %}',
    );
    writeFileSync(join(dir, 'part.njk'), '<p>{{ actions.none }}</p>');
    writeFileSync(
      join(dir, 'good.njk'),
      '{% extends "layout.njk" %}{% block content %}<p>{{ text }}</p>{% endblock %}',
    );
    const views = new ConsoleViews([dir]);

    await expect(views.render('page.njk', {})).rejects.toThrow(/part\.njk.*\n?.*expected name as lookup value/s);
    await expect(views.render('good.njk', { text: '<b>escaped</b>' })).resolves.toBe(
      '<main><p>&lt;b&gt;escaped&lt;/b&gt;</p></main>',
    );
  });
});
