/**
 * A local stand-in for the Bot Framework's OpenID metadata (login.botframework.com): publishes
 * one RSA key, endorsed for msteams, and signs tokens with it as the Bot Connector does.
 */
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

export interface TokenClaims {
  iss?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
  serviceurl?: string;
  [claim: string]: unknown;
}

export class OpenIdStandIn {
  readonly kid = 'passerelle-test-key';
  private readonly privateKey: KeyObject;
  private readonly jwk: Record<string, unknown>;
  private server = http.createServer((req, res) => this.handle(req, res));
  /** Metadata fetches answered: the bot caches the keys, so this stays small. */
  fetches = 0;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = {
      ...publicKey.export({ format: 'jwk' }),
      kid: this.kid,
      kty: 'RSA',
      use: 'sig',
      endorsements: ['msteams'],
    };
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get metadataUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** An RS256 token signed with the published key (or `key`, for an unknown key). */
  token(claims: TokenClaims, o: { kid?: string; key?: KeyObject } = {}): string {
    const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: o.kid ?? this.kid })}.${b64(claims)}`;
    return `${head}.${sign('sha256', Buffer.from(head), o.key ?? this.privateKey).toString('base64url')}`;
  }

  /**
   * The same claims, unsigned (`alg: none`) or HMAC-signed with the public key's text as secret.
   */
  forged(claims: TokenClaims, alg: 'none' | 'HS256'): string {
    if (alg === 'none') return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: this.kid })}.${b64(claims)}`;
    return `${head}.${createHmac('sha256', JSON.stringify(this.jwk)).update(head).digest('base64url')}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.fetches += 1;
    const base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const body = req.url?.endsWith('/keys')
      ? { keys: [this.jwk] }
      : {
          issuer: 'https://api.botframework.com',
          jwks_uri: `${base}/v1/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
