/**
 * `npm run doctor -- --online`: the two calls the bot makes to Microsoft before it can talk to
 * Teams, each failure named by its step. A token for the Bot Connector (client credentials at
 * login.microsoftonline.com, from the tenant botbuilder would ask), and the Bot Framework's
 * OpenID metadata and signing keys, with which the bot checks every incoming activity.
 */
import { isLocal, type Env } from './env-checks';
import { GUID, type CheckResult } from './report';

export interface OnlineEndpoints {
  /** Base of the token endpoint: `<base>/<tenant>/oauth2/v2.0/token`. */
  loginBaseUrl: string;
  openIdMetadataUrl: string;
  timeoutMs?: number;
}

export const MICROSOFT_ENDPOINTS: OnlineEndpoints = {
  loginBaseUrl: 'https://login.microsoftonline.com',
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
};

/** What the common AADSTS codes mean for this bot. */
const AADSTS_HINTS: Record<string, string> = {
  '700016':
    'the app id is unknown in that tenant: MicrosoftAppTenantId must be the tenant of the app registration (SingleTenant), or the registration must accept other organisations (MultiTenant)',
  '7000215': 'wrong client secret: MicrosoftAppPassword must be the secret value, not its id',
  '7000222': 'the client secret has expired: create a new one in the app registration',
  '90002': 'no such tenant: check MicrosoftAppTenantId',
  '900023': 'MicrosoftAppTenantId is not a valid tenant',
};

/** fetch's own message is "fetch failed": the network's reason is in its cause. */
function reason(err: unknown): string {
  const e = err as Error & { cause?: { message?: string; code?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

async function fetchWithin(url: string, init: RequestInit, ms: number): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
}

/** Fetches a Bot Connector token with the bot's credentials. */
export async function checkBotToken(env: Env, endpoints: OnlineEndpoints): Promise<CheckResult> {
  const name = 'bot-token';
  const id = (env.MicrosoftAppId ?? '').trim();
  const password = (env.MicrosoftAppPassword ?? '').trim();
  const type = (env.MicrosoftAppType ?? '').trim() || 'MultiTenant';
  const tenant =
    type === 'SingleTenant' ? (env.MicrosoftAppTenantId ?? '').trim() : 'botframework.com';
  if (isLocal(env)) return { name, status: 'skip', detail: 'local mode: no token needed' };
  if (type === 'UserAssignedMSI')
    return {
      name,
      status: 'skip',
      detail:
        'UserAssignedMSI: only the Azure host the identity is assigned to gets its token; run the doctor --online there',
    };
  if (!GUID.test(id) || !password || (type === 'SingleTenant' && !GUID.test(tenant)))
    return { name, status: 'skip', detail: 'credentials incomplete (see credentials)' };
  const url = `${endpoints.loginBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
  let res: Response;
  try {
    res = await fetchWithin(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: id,
          client_secret: password,
          scope: 'https://api.botframework.com/.default',
        }).toString(),
      },
      endpoints.timeoutMs ?? 10_000,
    );
  } catch (err) {
    return fail(name, `step 1/2, reach ${url}: ${reason(err)}`);
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) {
    const codes = Array.isArray(body?.error_codes) ? body.error_codes.map(String) : [];
    const hint = codes.map((c) => AADSTS_HINTS[c]).find(Boolean);
    const description = String(body?.error_description ?? '').split(/\r?\n/)[0];
    return fail(
      name,
      `step 2/2, token refused by tenant ${tenant}: HTTP ${res.status} ${String(body?.error ?? '')}` +
        (codes.length ? ` AADSTS${codes.join(',')}` : '') +
        (hint ? ` — ${hint}` : description ? ` — ${description.slice(0, 200)}` : ''),
    );
  }
  if (typeof body?.access_token !== 'string' || !body.access_token)
    return fail(name, `step 2/2, tenant ${tenant} answered without an access_token`);
  return {
    name,
    status: 'ok',
    detail: `token for api.botframework.com from tenant ${tenant} (valid ${Number(body.expires_in ?? 0)} s)`,
  };
}

/** Fetches the OpenID metadata and its keys, as the bot does to check incoming tokens. */
export async function checkOpenIdMetadata(endpoints: OnlineEndpoints): Promise<CheckResult> {
  const name = 'openid-metadata';
  const ms = endpoints.timeoutMs ?? 10_000;
  const getJson = async (url: string, step: string): Promise<Record<string, unknown>> => {
    let res: Response;
    try {
      res = await fetchWithin(url, {}, ms);
    } catch (err) {
      throw new Error(`${step}, reach ${url}: ${reason(err)}`, { cause: err });
    }
    if (!res.ok) throw new Error(`${step}, ${url}: HTTP ${res.status}`);
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!json || typeof json !== 'object') throw new Error(`${step}, ${url}: not JSON`);
    return json;
  };
  try {
    const metadata = await getJson(endpoints.openIdMetadataUrl, 'step 1/2, metadata');
    const jwksUri = metadata.jwks_uri;
    if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri))
      return fail(name, `step 1/2, ${endpoints.openIdMetadataUrl}: no jwks_uri`);
    const jwks = await getJson(jwksUri, 'step 2/2, signing keys');
    const keys = Array.isArray(jwks.keys) ? (jwks.keys as Record<string, unknown>[]) : [];
    const teams = keys.filter(
      (k) => Array.isArray(k.endorsements) && k.endorsements.includes('msteams'),
    );
    if (!teams.length)
      return fail(name, `step 2/2, ${jwksUri}: no signing key endorsed for msteams`);
    return {
      name,
      status: 'ok',
      detail: `${keys.length} signing keys, ${teams.length} for msteams`,
    };
  } catch (err) {
    return fail(name, (err as Error).message);
  }
}

function fail(name: string, detail: string): CheckResult {
  return { name, status: 'error', detail };
}
