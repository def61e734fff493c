/**
 * A local stand-in for Entra ID's published keys (login.microsoftonline.com/<tid>/discovery/v2.0/
 * keys): one RSA key per stand-in, and access tokens signed with it as Entra signs a Teams tab's
 * SSO token (issue 15). `baseUrl` goes to the app as `tabKeysBaseUrl`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

export const TAB_APP_ID = '00000000-0000-4000-8000-0000000000b1';
export const TAB_HOST = 'passerelle.example.org';
export const TAB_AUDIENCE = `api://${TAB_HOST}/${TAB_APP_ID}`;

export interface EntraClaims {
  oid?: string;
  tid?: string;
  aud?: string;
  iss?: string;
  /** Seconds from now (negative: in the past). */
  expIn?: number;
  nbfIn?: number;
  [claim: string]: unknown;
}

type KeyPair = Awaited<ReturnType<typeof Jose.generateKeyPair>>;

export class EntraStandIn {
  readonly kid = 'entra-test-key';
  private jose!: typeof Jose;
  private keys!: KeyPair;
  private jwk!: Jose.JWK;
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  /** Key fetches answered, by path: the app caches them. */
  readonly fetches: string[] = [];

  async start(): Promise<void> {
    this.jose = await import('jose');
    this.keys = await this.jose.generateKeyPair('RS256', { extractable: true });
    this.jwk = {
      ...(await this.jose.exportJWK(this.keys.publicKey)),
      kid: this.kid,
      use: 'sig',
      alg: 'RS256',
    };
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A key pair nobody published: its tokens must be refused. */
  async unknownKey(): Promise<KeyPair> {
    return this.jose.generateKeyPair('RS256');
  }

  /** An access token as Entra issues it for the tab (v2 issuer unless `iss` says otherwise). */
  async token(
    c: EntraClaims,
    o: { key?: KeyPair; kid?: string; now?: Date } = {},
  ): Promise<string> {
    const { oid, tid, aud, iss, expIn, nbfIn, ...rest } = c;
    const now = Math.floor((o.now ?? new Date()).getTime() / 1000);
    const tenant = tid ?? '';
    return new this.jose.SignJWT({ oid, tid: tenant, ver: '2.0', scp: 'access_as_user', ...rest })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: o.kid ?? this.kid })
      .setIssuer(iss ?? `https://login.microsoftonline.com/${tenant}/v2.0`)
      .setAudience(aud ?? TAB_AUDIENCE)
      .setIssuedAt(now - 60)
      .setNotBefore(now + (nbfIn ?? -60))
      .setExpirationTime(now + (expIn ?? 3600))
      .sign((o.key ?? this.keys).privateKey);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.fetches.push(req.url ?? '');
    if (/^\/[0-9a-f-]{36}\/discovery\/v2\.0\/keys$/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [this.jwk] }));
      return;
    }
    res.writeHead(404);
    res.end();
  }
}
