/**
 * Builds the tabs' pages (issue 15, docs/tab-api.md) from web/ into dist/web/: one HTML file per
 * page, its script bundled by esbuild (ES modules, code shared between pages split into chunks,
 * minified) and web/styles/tab.css. Prints each page's compressed script and fails above the
 * budget: the first screen loads under 200 KB of gzipped script.
 *
 *   node --import tsx scripts/build-web.ts          (production: minified, no sourcemaps)
 *   node --import tsx scripts/build-web.ts --dev    (sourcemaps, not minified)
 */
import { build, type Metafile } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(__dirname, '..');
export const WEB_SRC = join(ROOT, 'web');
export const WEB_OUT = join(ROOT, 'dist', 'web');
/** The first screen's compressed script budget (issue 15 §5). */
export const BUDGET_BYTES = 200 * 1024;

/** The pages: file name (also the URL under /tab/) → its French title before the script runs. */
export const PAGES: Record<string, string> = {
  'mes-demandes': 'Mes demandes',
  annuaire: 'Annuaire',
  partenariat: 'Partenariat',
  configuration: 'Configurer l’onglet Partenariat',
};

export interface PageSize {
  page: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

function html(page: string, title: string, preload: string[]): string {
  const links = preload.map((f) => `<link rel="modulepreload" href="/tab/assets/${f}">`).join('');
  return `<!doctype html>
<html lang="fr" data-theme="default">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Passerelle CIR</title>
<link rel="stylesheet" href="/tab/assets/tab.css">${links}
<script type="module" src="/tab/assets/${page}.js"></script>
</head>
<body>
<main><h1>${title}</h1><p aria-busy="true">Chargement…</p></main>
<div id="annonce" class="visually-hidden" aria-live="polite"></div>
<noscript><p>Cet onglet a besoin de JavaScript.</p></noscript>
</body>
</html>
`;
}

/** An output's static imports, transitively: what the browser loads before the page runs. */
function closure(meta: Metafile, output: string, seen = new Set<string>()): Set<string> {
  if (seen.has(output)) return seen;
  seen.add(output);
  for (const imp of meta.outputs[output]?.imports ?? [])
    if (imp.kind === 'import-statement' && !imp.external) closure(meta, imp.path, seen);
  return seen;
}

export async function buildWeb(opts: { dev?: boolean; outDir?: string } = {}): Promise<PageSize[]> {
  const outDir = opts.outDir ?? WEB_OUT;
  const assets = join(outDir, 'assets');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [
      ...Object.keys(PAGES).map((p) => join(WEB_SRC, 'src', 'pages', `${p}.ts`)),
      join(WEB_SRC, 'styles', 'tab.css'),
    ],
    outdir: assets,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2020'],
    minify: !opts.dev,
    sourcemap: opts.dev ? 'linked' : false,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify(opts.dev ? 'development' : 'production') },
  });
  const meta = result.metafile;
  const sizes: PageSize[] = [];
  for (const [page, title] of Object.entries(PAGES)) {
    const entry = relative(ROOT, join(assets, `${page}.js`));
    const files = [...closure(meta, entry)];
    const chunks = files.filter((f) => f !== entry).map((f) => basename(f));
    writeFileSync(join(outDir, `${page}.html`), html(page, title, chunks));
    let bytes = 0;
    let gzipBytes = 0;
    for (const f of files) {
      const body = readFileSync(join(ROOT, f));
      bytes += body.length;
      gzipBytes += gzipSync(body, { level: 9 }).length;
    }
    sizes.push({ page, files: files.map((f) => basename(f)), bytes, gzipBytes });
  }
  return sizes;
}

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  const sizes = await buildWeb({ dev });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`web: ${relative(ROOT, WEB_OUT)}/ (${dev ? 'development' : 'production'})`);
  for (const s of sizes)
    console.log(
      `  ${s.page.padEnd(14)} script ${kb(s.bytes).padStart(9)}, gzip ${kb(s.gzipBytes).padStart(8)}  (${s.files.join(', ')})`,
    );
  const over = sizes.filter((s) => s.gzipBytes > BUDGET_BYTES);
  if (over.length) {
    console.error(
      `web: over the ${kb(BUDGET_BYTES)} compressed-script budget: ${over.map((s) => s.page).join(', ')}`,
    );
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
