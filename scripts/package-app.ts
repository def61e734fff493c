/**
 * Builds the Teams app package (`npm run package`): appPackage/manifest.json with its
 * placeholders filled, plus color.png and outline.png, zipped to
 * appPackage/build/passerelle-cir.zip — the file to sideload or upload to the Teams admin centre.
 *
 * Placeholders (Agents Toolkit syntax, `${{NAME}}`):
 *   BOT_ID       ← MicrosoftAppId (the Azure Bot's Entra app id, a GUID)
 *   PUBLIC_URL   ← PUBLIC_URL (https, no trailing slash): the legal pages, download links, tabs
 *   PUBLIC_HOST  ← PUBLIC_URL's host name: validDomains and the SSO resource
 * `.env` is read if present (existing variables win), as `npm start` does.
 *
 *   npm run package                          (fails, naming what is missing, if a value is unset)
 *   npm run package -- --allow-placeholder   (fills unset values with obvious placeholders)
 *   npm run package -- --out some/file.zip
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import JSZip from 'jszip';

export const APP_PACKAGE_DIR = join(__dirname, '..', 'appPackage');
export const DEFAULT_OUT = join(APP_PACKAGE_DIR, 'build', 'passerelle-cir.zip');
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_PUBLIC_URL = 'https://passerelle-cir.example.org';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Fixed entry date, so that the same inputs give the same zip bytes. */
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));

export class PackageError extends Error {}

export interface PackageOptions {
  env: Record<string, string | undefined>;
  allowPlaceholder: boolean;
  outFile: string;
  sourceDir?: string;
}

export interface PackageResult {
  outFile: string;
  values: Record<string, string>;
  placeholders: string[];
}

/** Works out the placeholder values from the environment; every problem is reported at once. */
export function resolveValues(
  env: Record<string, string | undefined>,
  allowPlaceholder: boolean,
): { values: Record<string, string>; placeholders: string[] } {
  const problems: string[] = [];
  const placeholders: string[] = [];

  let botId = env.MicrosoftAppId?.trim() ?? '';
  if (!botId) {
    if (allowPlaceholder) {
      botId = PLACEHOLDER_BOT_ID;
      placeholders.push(`BOT_ID=${botId}`);
    } else {
      problems.push(
        "MicrosoftAppId is not set: the Azure Bot's Entra app id (a GUID) becomes the app and bot id",
      );
    }
  } else if (!GUID.test(botId)) {
    problems.push(`MicrosoftAppId: expected a GUID, got "${botId}"`);
  }

  let publicUrl = env.PUBLIC_URL?.trim() ?? '';
  if (!publicUrl) {
    if (allowPlaceholder) {
      publicUrl = PLACEHOLDER_PUBLIC_URL;
      placeholders.push(`PUBLIC_URL=${publicUrl}`);
    } else {
      problems.push(
        "PUBLIC_URL is not set: the bot's public https URL (legal pages, download links, validDomains)",
      );
    }
  }
  let host = '';
  if (publicUrl) {
    let url: URL | undefined;
    try {
      url = new URL(publicUrl);
    } catch {
      problems.push(`PUBLIC_URL: expected an https URL, got "${publicUrl}"`);
    }
    if (url && url.protocol !== 'https:') {
      problems.push(`PUBLIC_URL: Teams needs an https public URL, got "${publicUrl}"`);
    } else if (url) {
      host = url.hostname;
      publicUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    }
  }

  if (problems.length) {
    throw new PackageError(
      `Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Set the variables (or .env), or pass --allow-placeholder for a package that is not meant to be installed.',
    );
  }
  return { values: { BOT_ID: botId, PUBLIC_URL: publicUrl, PUBLIC_HOST: host }, placeholders };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Replaces `${{NAME}}` in every string of the manifest; an unknown name is an error. */
export function fillPlaceholders(node: Json, values: Record<string, string>): Json {
  if (typeof node === 'string') {
    return node.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
      const value = values[name];
      if (value === undefined)
        throw new PackageError(`manifest.json: unknown placeholder \${{${name}}}`);
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((n) => fillPlaceholders(n, values));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, fillPlaceholders(v, values)]),
    );
  }
  return node;
}

/** Builds the zip: exactly manifest.json, color.png and outline.png, at the root. */
export async function buildAppPackage(o: PackageOptions): Promise<PackageResult> {
  const sourceDir = o.sourceDir ?? APP_PACKAGE_DIR;
  const { values, placeholders } = resolveValues(o.env, o.allowPlaceholder);
  const manifest = fillPlaceholders(
    JSON.parse(readFileSync(join(sourceDir, 'manifest.json'), 'utf8')) as Json,
    values,
  );
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  for (const icon of ['color.png', 'outline.png']) {
    zip.file(icon, readFileSync(join(sourceDir, icon)), { date: ZIP_DATE });
  }
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    platform: 'UNIX',
  });
  mkdirSync(dirname(o.outFile), { recursive: true });
  writeFileSync(o.outFile, bytes);
  return { outFile: o.outFile, values, placeholders };
}

function parseArgs(argv: string[]): { allowPlaceholder: boolean; outFile: string } {
  let allowPlaceholder = false;
  let outFile = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--allow-placeholder') allowPlaceholder = true;
    else if (a === '--out' && argv[i + 1]) outFile = resolve(argv[++i]);
    else
      throw new PackageError(
        `unknown argument "${a}" (expected --allow-placeholder, --out <file.zip>)`,
      );
  }
  return { allowPlaceholder, outFile };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { allowPlaceholder, outFile } = parseArgs(process.argv.slice(2));
  const result = await buildAppPackage({ env: process.env, allowPlaceholder, outFile });
  console.log(`Teams app package written: ${result.outFile}`);
  console.log(
    `  bot id ${result.values.BOT_ID}, public URL ${result.values.PUBLIC_URL}, domain ${result.values.PUBLIC_HOST}`,
  );
  if (result.placeholders.length) {
    console.warn(
      `  PLACEHOLDERS used (${result.placeholders.join(', ')}): this package cannot be installed as is.`,
    );
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof PackageError ? err.message : err);
    process.exit(1);
  });
}
