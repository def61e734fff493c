/**
 * `npm run doctor`: an offline preflight of the bot's configuration (README, "Deploy to Teams").
 * Reads the environment and `.env` as `npm start` does (existing variables win), prints one line
 * per check and exits 1 on any error. Writes nothing, not even to the database.
 *
 *   npm run doctor
 *   npm run doctor -- --online              (also fetches a Bot Framework token and the OpenID keys)
 *   npm run doctor -- --package some.zip    (the app package to compare; default: npm run package's)
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { runDoctor } from '../src/doctor/run';
import { exitCode, formatReport, GUID } from '../src/doctor/report';
import { MICROSOFT_ENDPOINTS, type OnlineEndpoints } from '../src/doctor/online';
import type { PackageView } from '../src/doctor/package-checks';
import { APP_PACKAGE_DIR, DEFAULT_OUT, fillPlaceholders, resolveValues } from './package-app';

type Json = Parameters<typeof fillPlaceholders>[0];

/** The built zip's manifest, or the template filled from the environment. */
export async function packageView(
  zipFile: string,
  env: Record<string, string | undefined>,
): Promise<PackageView> {
  if (existsSync(zipFile)) {
    try {
      const zip = await JSZip.loadAsync(readFileSync(zipFile));
      const entry = zip.file('manifest.json');
      if (!entry) return { source: 'zip', file: zipFile, error: 'no manifest.json at its root' };
      return { source: 'zip', file: zipFile, manifest: JSON.parse(await entry.async('string')) };
    } catch (err) {
      return { source: 'zip', file: zipFile, error: (err as Error).message };
    }
  }
  // Only values the package script would accept; the others are the checks' to report.
  const id = env.MicrosoftAppId?.trim();
  const url = env.PUBLIC_URL?.trim();
  const { values } = resolveValues(
    {
      MicrosoftAppId: id && GUID.test(id) ? id : undefined,
      PUBLIC_URL: url && /^https:\/\/[^\s]+$/.test(url) && URL.canParse(url) ? url : undefined,
    },
    true,
  );
  const file = resolve(APP_PACKAGE_DIR, 'manifest.json');
  try {
    const template = JSON.parse(readFileSync(file, 'utf8')) as Json;
    return { source: 'template', manifest: fillPlaceholders(template, values) };
  } catch (err) {
    return { source: 'template', file, error: (err as Error).message };
  }
}

function parseArgs(argv: string[]): { online: boolean; zipFile: string } {
  let online = false;
  let zipFile = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--online') online = true;
    else if (a === '--package' && argv[i + 1]) zipFile = resolve(argv[++i]);
    else throw new Error(`unknown argument "${a}" (expected --online, --package <file.zip>)`);
  }
  return { online, zipFile };
}

/** Test hooks only: the stand-ins' URLs, never set in a deployment. */
function endpoints(): OnlineEndpoints {
  return {
    loginBaseUrl: process.env.PASSERELLE_TEST_LOGIN_URL || MICROSOFT_ENDPOINTS.loginBaseUrl,
    openIdMetadataUrl:
      process.env.PASSERELLE_TEST_OPENID_URL || MICROSOFT_ENDPOINTS.openIdMetadataUrl,
  };
}

async function main(): Promise<void> {
  const { online, zipFile } = parseArgs(process.argv.slice(2));
  const dotenv = existsSync('.env');
  if (dotenv) process.loadEnvFile('.env');
  console.log(
    `Passerelle CIR doctor: the environment${dotenv ? ` and ${resolve('.env')}` : ' (no .env here)'}${online ? ', online' : ', offline'}`,
  );
  const results = await runDoctor({
    env: process.env,
    appPackage: await packageView(zipFile, process.env),
    online: online ? endpoints() : null,
  });
  for (const line of formatReport(results)) console.log(line);
  process.exitCode = exitCode(results);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`doctor: ${(err as Error).message}`);
    process.exitCode = 2;
  });
}
