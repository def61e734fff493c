/**
 * The README and the code name the same environment variables (issue 17): a variable the README
 * tells an operator to set must be one the code reads, and every variable the bot or its
 * scripts read must be in the README.
 *
 * README variables: inside inline code (`…`) and fenced code blocks only, (1) a name before
 * `=` starting with a capital (`GRAPH_ENABLED=1`, `MicrosoftAppType=SingleTenant`), (2) an
 * UPPER_SNAKE name with at least one underscore, except error codes (`E_…`), (3) a botbuilder
 * name `MicrosoftApp…`, and (4) every name in the first column of the Configuration table.
 * Code variables: the keys of src/config.ts's schema, and every `process.env.NAME` read in
 * src/ and scripts/ (those must be named), or in test/ and bench/ (those may be named).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '../src/config';

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Read by the code but not for operators: test hooks, and the system's own variables. */
const NOT_FOR_OPERATORS = new Set([
  'CARD_EXPANDER_CHECK', // tests check every card against Microsoft's renderer
  'NODE_ENV', // the tab bundle's build-time constant for teams-js (esbuild's define), not read
  'PASSERELLE_TEST_LOGIN_URL', // the doctor's --online against a local stand-in
  'PASSERELLE_TEST_OPENID_URL',
  'PATH',
  'HOME',
  'CI',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function envReads(dirs: string[], quoted = false): Set<string> {
  const names = new Set<string>();
  for (const file of dirs.flatMap((d) => sources(join(ROOT, d)))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
    // The benches read their settings through small helpers (`num('FAULT_SECONDS', 60)`).
    if (quoted)
      for (const m of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) names.add(m[1]);
  }
  return names;
}

/** The README's variable tokens, as defined above. */
export function readmeVariables(markdown: string): Set<string> {
  const code = [
    ...[...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]),
    ...[...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]),
  ];
  const names = new Set<string>();
  for (const text of code) {
    for (const m of text.matchAll(/(?<![\w.$-])([A-Z][A-Za-z0-9_]*)=/g)) names.add(m[1]);
    for (const m of text.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g))
      if (!m[1].startsWith('E_')) names.add(m[1]);
    for (const m of text.matchAll(/\b(MicrosoftApp[A-Za-z]+)\b/g)) names.add(m[1]);
  }
  const table = markdown.slice(markdown.indexOf('## Configuration'));
  const rows = table.slice(0, table.indexOf('\n## ', 3));
  for (const m of rows.matchAll(/^\| ([^|]+) \|/gm))
    for (const v of m[1].matchAll(/`([^`]+)`/g)) names.add(v[1]);
  return names;
}

describe('the README and the environment variables', () => {
  const inReadme = readmeVariables(README);
  const mustBeNamed = new Set([...CONFIG_VARIABLES, ...envReads(['src', 'scripts'])]);
  const known = new Set([...mustBeNamed, ...envReads(['test', 'bench'], true)]);

  it('finds the variables in code spans, NAME= settings and the Configuration table', () => {
    const found = readmeVariables(
      [
        'Set `GRAPH_ENABLED=1` and `MicrosoftAppType=SingleTenant`; `E_TENANT_MISMATCH` is a code.',
        '```sh',
        'DATABASE_URL=postgres://u@h/db?options=-c%20search_path%3Dx npm start',
        '```',
        '## Configuration',
        '| variable | default |',
        '| `PORT` | `3978` |',
        '## Next',
        '| `Port2` | x |',
      ].join('\n'),
    );
    assert.deepEqual([...found].sort(), [
      'DATABASE_URL',
      'GRAPH_ENABLED',
      'MicrosoftAppType',
      'PORT',
    ]);
  });

  it('names no variable the code does not read', () => {
    const unknown = [...inReadme].filter((v) => !known.has(v) && !NOT_FOR_OPERATORS.has(v));
    assert.deepEqual(unknown, [], 'in the README but read nowhere');
  });

  it('names every variable the bot and its scripts read', () => {
    const missing = [...mustBeNamed].filter((v) => !inReadme.has(v) && !NOT_FOR_OPERATORS.has(v));
    assert.deepEqual(missing, [], 'read by the code but not in the README');
  });
});
