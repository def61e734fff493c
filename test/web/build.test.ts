/**
 * The tabs' build (scripts/build-web.ts): every page's first screen under the compressed-script
 * budget, minified, without sourcemaps, and HTML that a strict CSP allows (no inline script or
 * style, scripts from /tab/assets/ only).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGET_BYTES, buildWeb, PAGES, type PageSize } from '../../scripts/build-web';
import { TAB_PAGES } from '../../src/http/tab-pages';

describe('the tabs build', function () {
  this.timeout(60_000);
  let out: string;
  let sizes: PageSize[];
  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'passerelle-web-build-'));
    sizes = await buildWeb({ outDir: out });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('builds the pages the server serves, each under the 200 KB compressed-script budget', () => {
    assert.deepEqual(Object.keys(PAGES).sort(), [...TAB_PAGES].sort());
    assert.deepEqual(sizes.map((s) => s.page).sort(), [...TAB_PAGES].sort());
    for (const s of sizes) {
      assert.ok(s.gzipBytes > 1_000, `${s.page}: ${s.gzipBytes} bytes is suspiciously small`);
      assert.ok(s.gzipBytes < BUDGET_BYTES, `${s.page}: ${s.gzipBytes} bytes gzipped`);
    }
  });

  it('minifies and leaves no sourcemap in production', () => {
    const assets = readdirSync(join(out, 'assets'));
    assert.deepEqual(
      assets.filter((f) => f.endsWith('.map')),
      [],
    );
    const entry = readFileSync(join(out, 'assets', 'mes-demandes.js'), 'utf8');
    assert.doesNotMatch(entry, /sourceMappingURL/);
    assert.ok(entry.split('\n').length < 20, 'minified');
  });

  it('writes French HTML with no inline script or style, loading its own assets only', () => {
    for (const page of TAB_PAGES) {
      const html = readFileSync(join(out, `${page}.html`), 'utf8');
      assert.match(html, /<html lang="fr"/);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${page}: inline script`);
      assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, `${page}: inline style or handler`);
      for (const [, src] of html.matchAll(/(?:src|href)="([^"]+)"/g))
        assert.match(src, /^\/tab\/assets\/[A-Za-z0-9-]+\.(js|css)$/, `${page}: ${src}`);
    }
  });
});
