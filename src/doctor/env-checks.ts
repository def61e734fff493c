/**
 * The doctor's checks of the environment alone: the bot's own validation (src/config.ts) for
 * what no other check owns, then the Bot Framework credentials, PUBLIC_URL, DOWNLOAD_SECRET and
 * the Graph settings, each with what the bot would do with them.
 */
import { ConfigError, loadConfig } from '../config';
import { GUID, verdict, type CheckResult } from './report';

export type Env = Record<string, string | undefined>;

/** The problems loadConfig reports, by variable ("PORT: expected a port number"). */
export function schemaProblems(env: Env): { variable: string; message: string }[] {
  try {
    loadConfig(env as NodeJS.ProcessEnv);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) return [{ variable: '', message: (err as Error).message }];
    return err.problems.map((p) => {
      const at = p.indexOf(': ');
      return at < 0
        ? { variable: '', message: p }
        : { variable: p.slice(0, at), message: p.slice(at + 2) };
    });
  }
}

/** Variables a dedicated check reports on; the `configuration` check covers every other one. */
export const OWNED_VARIABLES: Record<string, string[]> = {
  credentials: [
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppType',
    'MicrosoftAppTenantId',
  ],
  'public-url': ['PUBLIC_URL'],
  directory: ['DIRECTORY_FILE'],
  tenants: ['ALLOWED_TENANTS'],
  database: ['DATABASE_URL', 'SQLITE_FILE'],
  'download-secret': ['DOWNLOAD_SECRET'],
  graph: ['GRAPH_ENABLED', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_TENANT_ID'],
};

/** loadConfig's problems with the variables of `check`, as its error lines. */
export function problemsOf(env: Env, check: string): string[] {
  const owned = OWNED_VARIABLES[check] ?? [];
  return schemaProblems(env)
    .filter((p) => owned.includes(p.variable))
    .map((p) => `${p.variable}: ${p.message}`);
}

export const isLocal = (env: Env): boolean => env.PASSERELLE_LOCAL === '1';
const value = (env: Env, name: string): string => (env[name] ?? '').trim();

/** Everything loadConfig refuses that no dedicated check reports. */
export function checkConfiguration(env: Env): CheckResult {
  const owned = new Set(Object.values(OWNED_VARIABLES).flat());
  const problems = schemaProblems(env)
    .filter((p) => !owned.has(p.variable))
    .map((p) => (p.variable ? `${p.variable}: ${p.message}` : p.message));
  return verdict(
    'configuration',
    problems,
    [],
    isLocal(env)
      ? 'valid, LOCAL MODE (PASSERELLE_LOCAL=1: no authentication, 127.0.0.1 only)'
      : 'every variable valid',
  );
}

const APP_TYPES = ['SingleTenant', 'UserAssignedMSI', 'MultiTenant'];

/** MicrosoftAppId/Password/Type/TenantId consistent with one another, as botbuilder reads them. */
export function checkCredentials(env: Env): CheckResult {
  const id = value(env, 'MicrosoftAppId');
  const password = value(env, 'MicrosoftAppPassword');
  const rawType = value(env, 'MicrosoftAppType');
  const tenant = value(env, 'MicrosoftAppTenantId');
  const errors: string[] = [];
  const warnings: string[] = [];
  if (rawType && !APP_TYPES.includes(rawType))
    errors.push(`MicrosoftAppType: "${rawType}" is not one of ${APP_TYPES.join(', ')}`);
  if (isLocal(env))
    return verdict(
      'credentials',
      errors,
      [],
      'local mode: the Bot Framework credentials are not used',
    );
  const type = rawType || 'MultiTenant';
  if (!id) errors.push("MicrosoftAppId is not set: the Azure Bot's Microsoft App ID (a GUID)");
  else if (!GUID.test(id)) errors.push(`MicrosoftAppId: expected a GUID, got "${id}"`);
  if (type !== 'UserAssignedMSI' && !password)
    errors.push(`MicrosoftAppPassword is not set: required with MicrosoftAppType=${type}`);
  if (type === 'SingleTenant' || type === 'UserAssignedMSI') {
    if (!tenant)
      errors.push(
        `MicrosoftAppTenantId is not set: required with MicrosoftAppType=${type} (the tenant where the Azure Bot's identity lives)`,
      );
    else if (!GUID.test(tenant))
      errors.push(`MicrosoftAppTenantId: expected a tenant id (GUID), got "${tenant}"`);
  }
  if (type === 'UserAssignedMSI' && password)
    warnings.push('MicrosoftAppPassword is ignored with UserAssignedMSI: remove it');
  if (type === 'MultiTenant') {
    warnings.push(
      rawType
        ? 'MultiTenant: only Azure Bots created as multi-tenant before 31 July 2025 are; a newer one is SingleTenant or UserAssignedMSI (its Configuration page says which)'
        : 'MicrosoftAppType is not set, so MultiTenant: Azure creates no multi-tenant bots since 31 July 2025; set the type the Azure Bot resource shows (SingleTenant or UserAssignedMSI)',
    );
    if (tenant) warnings.push('MicrosoftAppTenantId is ignored with MultiTenant');
  }
  const where = type === 'MultiTenant' ? 'botframework.com' : tenant;
  return verdict(
    'credentials',
    errors,
    warnings,
    `${type}, app ${id}, tokens from tenant ${where}`,
  );
}

/** PUBLIC_URL, parsed; null with the reason when it is unusable. */
export function publicUrlOf(env: Env): { url: URL | null; problem: string | null } {
  const raw = value(env, 'PUBLIC_URL');
  if (!raw)
    return isLocal(env)
      ? { url: null, problem: null }
      : {
          url: null,
          problem:
            "PUBLIC_URL is not set: the bot's public https address (download links, legal pages, the app package's validDomains)",
        };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: null, problem: `PUBLIC_URL: not a URL ("${raw}")` };
  }
  if (url.protocol !== 'https:' && !(isLocal(env) && url.protocol === 'http:'))
    return {
      url: null,
      problem: `PUBLIC_URL: Teams needs https outside local mode, got "${raw}"`,
    };
  return { url, problem: null };
}

/** DOWNLOAD_SECRET: required when several instances share a PostgreSQL database. */
export function checkDownloadSecret(env: Env): CheckResult {
  const errors = problemsOf(env, 'download-secret');
  const secret = value(env, 'DOWNLOAD_SECRET');
  const shared = Boolean(value(env, 'DATABASE_URL'));
  if (!secret && shared)
    errors.push(
      'DOWNLOAD_SECRET is not set while DATABASE_URL is set: every instance behind the endpoint needs the same one (32+ characters), or a link made by one instance is refused by another',
    );
  return verdict(
    'download-secret',
    errors,
    [],
    secret
      ? `set (${secret.length} characters)`
      : 'unset: one random secret per process (download links and unrevealed passwords end with a restart)',
  );
}

/** GRAPH_*: complete when GRAPH_ENABLED=1, and what reaches partner tenants. */
export function checkGraph(env: Env): CheckResult {
  if (value(env, 'GRAPH_ENABLED') !== '1')
    return { name: 'graph', status: 'ok', detail: 'off: exported tables go by download link' };
  const errors = problemsOf(env, 'graph');
  const warnings: string[] = [];
  const clientId = value(env, 'GRAPH_CLIENT_ID') || value(env, 'MicrosoftAppId');
  const msi =
    !value(env, 'GRAPH_CLIENT_ID') && value(env, 'MicrosoftAppType') === 'UserAssignedMSI';
  const fixedTenant = value(env, 'GRAPH_TENANT_ID');
  if (clientId && !GUID.test(clientId))
    errors.push(`Graph client id: expected a GUID, got "${clientId}"`);
  if (msi)
    warnings.push(
      "Graph through the bot's managed identity: it gets tokens in its own tenant only, so uploads to other tenants' channels fall back to the download link (give GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET of an app registration open to other organisations)",
    );
  if (fixedTenant)
    warnings.push(
      `GRAPH_TENANT_ID=${fixedTenant}: every Graph token comes from that tenant, so uploads to other tenants' channels fall back to the download link`,
    );
  return verdict(
    'graph',
    errors,
    warnings,
    `on: app ${clientId}, tokens from each conversation's tenant; needs Files.ReadWrite.All (application), admin-consented in each tenant`,
  );
}
