import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleCsp, templateScriptHashes } from './security-headers';
import { ConsoleViews } from './views';

const layout = {
  user: { name: 'Sam Hughes', role: 'Regional coordinator' },
  navigation: [],
  csrfToken: 'token',
  assetVersion: 'v1',
};

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\bsrc=/.test(m[1] ?? ''))
    .map((m) => m[2] ?? '');
}

describe('the console’s content security policy', () => {
  it('allows exactly the inline script a rendered page has, by its hash, and no other inline script', async () => {
    const html = await new ConsoleViews().render('pages/signed-out/signed-out.njk', {
      layout,
      pageTitle: 'You have signed out',
    });
    const scripts = inlineScripts(html);
    expect(scripts).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256')
      .update(scripts[0] ?? '', 'utf8')
      .digest('base64')}'`;
    const scriptSrc = consoleCsp(undefined).directives['scriptSrc'];
    expect(scriptSrc).toEqual(["'self'", hash]);
    expect(templateScriptHashes()).toEqual([hash]);
  });

  it('lets forms go on to the sign-in service only (sign-out), and nothing else off the origin', () => {
    const { directives } = consoleCsp('https://login.example');
    expect(directives['formAction']).toEqual(["'self'", 'https://login.example']);
    for (const directive of ['defaultSrc', 'styleSrc', 'imgSrc', 'fontSrc', 'connectSrc'])
      expect(directives[directive]).toEqual(["'self'"]);
    expect(JSON.stringify(directives)).not.toContain('unsafe');
  });

  it('refuses to start if the installed template’s script stopped being static', () => {
    const dir = mkdtempSync(join(tmpdir(), 'muster-template-'));
    const templated = join(dir, 'template.njk');
    writeFileSync(templated, '<script>var x = "{{ value }}";</script>');
    expect(() => templateScriptHashes(templated)).toThrow(/no longer has one static inline script/);
  });
});
