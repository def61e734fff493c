/**
 * The tabs' bearer tokens (issue 15 §3). In Teams: an Entra ID access token for
 * `api://<host>/<appId>`, checked with `jose` against the tenant's published keys (cached per
 * tenant), its issuer (v1 or v2 form), audience, lifetime, scope and tenant allow-list. In local mode
 * only: a development session token (HS256, a random secret of this process, 8 hours).
 */
import { randomBytes } from 'node:crypto';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };
import type { Clock } from '../domain/model';

/** Who the token says is calling; the directory decides what they may see (caller.ts). */
export interface TabIdentity {
  oid: string;
  tid: string;
  via: 'entra' | 'dev';
}

/** Why a token was refused: a closed set, logged in English; the user gets one French line. */
export type TokenRefusal =
  | 'missing'
  | 'malformed'
  | 'dev-token-outside-local'
  | 'tenant-not-allowed'
  | 'no-app-id'
  | 'invalid'
  | 'keys-unavailable';

export class TokenError extends Error {
  constructor(
    readonly reason: TokenRefusal,
    readonly detail = '',
  ) {
    super(`tab token refused: ${reason}`);
  }
}

export interface TabTokenOptions {
  /** The bot's Entra application id (MicrosoftAppId); empty: Entra tokens are refused. */
  appId: string;
  /** The host of PUBLIC_URL: the API is exposed as `api://<host>/<appId>`. */
  publicHost: string;
  /** Lower-case tenant ids; empty: any tenant. */
  allowedTenants: string[];
  local: boolean;
  clock: Clock;
  /** Where tenants' keys are published (tests: a local stand-in). */
  keysBaseUrl?: string;
}

export const ENTRA_KEYS_BASE = 'https://login.microsoftonline.com';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEV_ISSUER = 'passerelle-cir-local';
const DEV_AUDIENCE = 'passerelle-cir-tab';
export const DEV_SESSION_SECONDS = 8 * 3600;
/** The scope the app registration exposes for the tabs (README, Tabs). */
export const TAB_SCOPE = 'access_as_user';
/** Clock skew tolerated between Entra and this server. */
const SKEW_SECONDS = 60;
/** At most this many tenants' key sets are cached (ALLOWED_TENANTS=* must not grow it forever). */
const MAX_KEY_SETS = 50;

let josePromise: Promise<typeof Jose> | undefined;
/** jose is an ES module: loaded once, on the first token. */
const jose = (): Promise<typeof Jose> => (josePromise ??= import('jose'));

export class TabTokens {
  /** Dies with the process: a restart signs every developer out, which is what local mode wants. */
  private readonly devSecret = new Uint8Array(randomBytes(32));
  private readonly keySets = new Map<string, ReturnType<typeof Jose.createRemoteJWKSet>>();

  constructor(private readonly o: TabTokenOptions) {}

  /** The identity a bearer token proves, or a TokenError. */
  async verify(authorization: string | undefined): Promise<TabIdentity> {
    const m = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization?.trim() ?? '');
    if (!m) throw new TokenError(authorization ? 'malformed' : 'missing');
    const token = m[1];
    const j = await jose();
    let header: Jose.ProtectedHeaderParameters;
    let claims: Jose.JWTPayload;
    try {
      header = j.decodeProtectedHeader(token);
      claims = j.decodeJwt(token);
    } catch {
      throw new TokenError('malformed');
    }
    if (header.alg === 'HS256') return this.verifyDev(j, token);
    return this.verifyEntra(j, token, claims);
  }

  private async verifyDev(j: typeof Jose, token: string): Promise<TabIdentity> {
    if (!this.o.local) throw new TokenError('dev-token-outside-local');
    try {
      const { payload } = await j.jwtVerify(token, this.devSecret, {
        algorithms: ['HS256'],
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        currentDate: this.o.clock.now(),
      });
      return { oid: String(payload.oid ?? ''), tid: String(payload.tid ?? ''), via: 'dev' };
    } catch (err) {
      throw new TokenError('invalid', (err as { code?: string }).code ?? 'dev');
    }
  }

  private async verifyEntra(
    j: typeof Jose,
    token: string,
    unverified: Jose.JWTPayload,
  ): Promise<TabIdentity> {
    if (!this.o.appId) throw new TokenError('no-app-id');
    const tid = typeof unverified.tid === 'string' ? unverified.tid.toLowerCase() : '';
    // The tenant names the key URL: only a GUID goes into it, and only an allowed one is fetched.
    if (!GUID.test(tid)) throw new TokenError('malformed', 'tid');
    if (this.o.allowedTenants.length && !this.o.allowedTenants.includes(tid))
      throw new TokenError('tenant-not-allowed');
    try {
      const { payload } = await j.jwtVerify(token, this.keysOf(j, tid), {
        algorithms: ['RS256'],
        issuer: [
          `https://login.microsoftonline.com/${tid}/v2.0`,
          `https://sts.windows.net/${tid}/`,
        ],
        audience: [`api://${this.o.publicHost}/${this.o.appId}`, this.o.appId],
        currentDate: this.o.clock.now(),
        clockTolerance: SKEW_SECONDS,
        requiredClaims: ['exp', 'oid', 'tid'],
      });
      const oid = String(payload.oid).toLowerCase();
      if (String(payload.tid).toLowerCase() !== tid || !GUID.test(oid))
        throw new TokenError('invalid', 'claims');
      // A delegated token for the tab's scope: not an application's own token, not another API's.
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(TAB_SCOPE)) throw new TokenError('invalid', 'scope');
      return { oid, tid, via: 'entra' };
    } catch (err) {
      if (err instanceof TokenError) throw err;
      const code = (err as { code?: string }).code ?? '';
      // The keys could not be fetched (network, timeout, a non-JSON answer): not the caller's fault.
      if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JOSE_GENERIC' || !code)
        throw new TokenError('keys-unavailable', (err as Error).message);
      throw new TokenError('invalid', code);
    }
  }

  private keysOf(j: typeof Jose, tid: string) {
    let set = this.keySets.get(tid);
    if (!set) {
      if (this.keySets.size >= MAX_KEY_SETS)
        this.keySets.delete(this.keySets.keys().next().value as string);
      const base = (this.o.keysBaseUrl ?? ENTRA_KEYS_BASE).replace(/\/$/, '');
      set = j.createRemoteJWKSet(new URL(`${base}/${tid}/discovery/v2.0/keys`), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 12 * 3600_000,
      });
      this.keySets.set(tid, set);
    }
    return set;
  }

  /** A development session for a person of the directory: local mode only. */
  async devToken(oid: string, tid: string): Promise<string> {
    if (!this.o.local) throw new TokenError('dev-token-outside-local');
    const j = await jose();
    const now = Math.floor(this.o.clock.now().getTime() / 1000);
    return new j.SignJWT({ oid, tid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + DEV_SESSION_SECONDS)
      .sign(this.devSecret);
  }
}
