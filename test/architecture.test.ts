/**
 * The layout CONVENTIONS.md asks for, checked on the source itself: no SQL runner or SQL
 * repository outside src/storage/, no French text or Teams/HTTP code in src/domain/, and no
 * import cycle anywhere in src/ (type-only imports included).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const SRC = join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(SRC);
const rel = (f: string) => relative(join(SRC, '..'), f);
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

/** Relative imports of a file, resolved to files of src/. */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const m of (text.get(file) ?? '').matchAll(/from '(\.[^']+)'/g)) {
    const base = join(dirname(file), m[1]);
    const found = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (found) out.push(found);
  }
  return out;
}

describe('the layout of src/', () => {
  it('keeps SQL inside src/storage/: no SQL runner, no SQL repository built elsewhere', () => {
    const leaks = files
      .filter((f) => !rel(f).startsWith('src/storage/'))
      .flatMap((f) => (text.get(f) ?? '').split('\n').map((line, i) => ({ f, line, i })))
      .filter(({ line }) =>
        /\.sql\b|SqlRunner|new [A-Z][A-Za-z]*Repo\(|storage\/(sql-repo|sql-runner|[a-z]+-repo)'/.test(
          line,
        ),
      )
      .map(({ f, i, line }) => `${rel(f)}:${i + 1}: ${line.trim()}`);
    assert.deepEqual(leaks, []);
  });

  it('keeps the domain free of French text, botbuilder, restify and storage engines', () => {
    const leaks = files
      .filter((f) => rel(f).startsWith('src/domain/'))
      .flatMap((f) => importsOf(f).map((dep) => `${rel(f)} -> ${rel(dep)}`))
      .filter((edge) =>
        /-> src\/(i18n|teams|http|files)\/|-> src\/storage\/(?!store\.ts|repositories\.ts)/.test(
          edge,
        ),
      );
    const packages = files
      .filter(
        (f) =>
          rel(f).startsWith('src/domain/') &&
          /from '(botbuilder|restify|pg|better-sqlite3)'/.test(text.get(f) ?? ''),
      )
      .map(rel);
    assert.deepEqual([...leaks, ...packages], []);
  });

  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const dep of importsOf(f)) {
        if (state.get(dep) === 'open')
          cycles.push([...stack.slice(stack.indexOf(dep)), dep].map(rel).join(' -> '));
        else if (!state.has(dep)) visit(dep);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    assert.deepEqual(cycles, []);
  });
});
