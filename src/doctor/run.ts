/**
 * `npm run doctor`: every check, in the order of the README's deploy steps. Offline unless
 * `online` is given; nothing is ever written (the database is only read).
 */
import {
  checkDatabase,
  checkDirectory,
  checkTenants,
  loadDirectory,
  readDatabase,
} from './data-checks';
import {
  checkConfiguration,
  checkCredentials,
  checkDownloadSecret,
  checkGraph,
  type Env,
} from './env-checks';
import { checkBotToken, checkOpenIdMetadata, type OnlineEndpoints } from './online';
import { checkAppPackage, checkPublicUrl, type PackageView } from './package-checks';
import type { CheckResult } from './report';

export interface DoctorInput {
  /** The environment as the bot would see it (`.env` already merged, existing variables first). */
  env: Env;
  appPackage: PackageView;
  /** Set for `--online`: where the token and the OpenID metadata are fetched. */
  online?: OnlineEndpoints | null;
}

/** Runs every check; one result per check, never throws for a bad configuration. */
export async function runDoctor(input: DoctorInput): Promise<CheckResult[]> {
  const { env } = input;
  const directory = loadDirectory(env);
  const database = await readDatabase(env);
  const results = [
    checkConfiguration(env),
    checkCredentials(env),
    checkPublicUrl(env, input.appPackage),
    checkAppPackage(env, input.appPackage),
    checkDirectory(env, directory),
    checkTenants(env, directory, database),
    checkDatabase(env, database),
    checkDownloadSecret(env),
    checkGraph(env),
  ];
  if (input.online) {
    results.push(await checkBotToken(env, input.online));
    results.push(await checkOpenIdMetadata(input.online));
  }
  return results;
}
