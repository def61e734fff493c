/**
 * Short-lived signed download links for exported tables (DESIGN.md §7), used when Microsoft Graph
 * is not configured. A token is `<fileId>.<expiry>.<HMAC-SHA256>`: the server keeps no state to
 * check it; counting uses is the storage's job (DownloadUseStore).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_LINK_TTL_MS = 15 * 60 * 1000;
const FILE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const EXPIRY = /^[0-9a-z]{1,11}$/;
const MAC = /^[A-Za-z0-9_-]{43}$/;

export interface DownloadLinkOptions {
  /** At least 32 bytes of secret (e.g. from configuration); rotating it voids every link. */
  secret: Buffer | string;
  /** Lifetime of a link (default 15 min). */
  ttlMs?: number;
}

export type LinkCheck =
  { ok: true; fileId: string; expiresAt: Date } | { ok: false; reason: 'expired' | 'tampered' };

export interface DownloadLinks {
  /** A token for this file, valid ttlMs from now. */
  sign(fileId: string, now: Date): { token: string; expiresAt: Date };
  /** Checks the signature first (a forged token is "tampered" even when old), then the expiry. */
  verify(token: string, now: Date): LinkCheck;
}

/** Creates the signer/verifier of download tokens for one secret. */
export function createDownloadLinks(options: DownloadLinkOptions): DownloadLinks {
  const key =
    typeof options.secret === 'string' ? Buffer.from(options.secret, 'utf8') : options.secret;
  if (key.length < 32) throw new RangeError('download link secret must be at least 32 bytes');
  const ttlMs = options.ttlMs ?? DEFAULT_LINK_TTL_MS;
  if (!Number.isInteger(ttlMs) || ttlMs <= 0)
    throw new RangeError('ttlMs must be a positive integer');

  const mac = (fileId: string, expiry: string): Buffer =>
    // The label keeps these MACs apart from any other use of the same secret.
    createHmac('sha256', key).update(`passerelle-cir/download/v1\n${fileId}\n${expiry}`).digest();

  return {
    sign(fileId, now) {
      if (!FILE_ID.test(fileId)) throw new RangeError('fileId must match [A-Za-z0-9_-]{1,64}');
      const expiresAt = new Date(Math.ceil((now.getTime() + ttlMs) / 1000) * 1000);
      const expiry = (expiresAt.getTime() / 1000).toString(36);
      return {
        token: `${fileId}.${expiry}.${mac(fileId, expiry).toString('base64url')}`,
        expiresAt,
      };
    },

    verify(token, now) {
      const parts = typeof token === 'string' ? token.split('.') : [];
      if (parts.length !== 3) return { ok: false, reason: 'tampered' };
      const [fileId, expiry, given] = parts;
      if (!FILE_ID.test(fileId) || !EXPIRY.test(expiry) || !MAC.test(given))
        return { ok: false, reason: 'tampered' };
      // Compared as text: base64's last character carries spare bits, so two spellings decode
      // to the same bytes; only the one this module writes is valid.
      const expected = Buffer.from(mac(fileId, expiry).toString('base64url'));
      const actual = Buffer.from(given);
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
        return { ok: false, reason: 'tampered' };
      const expiresAt = new Date(parseInt(expiry, 36) * 1000);
      if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, fileId, expiresAt };
    },
  };
}

/**
 * What the storage provides to bound how many times a link serves its file. `consume` must be
 * atomic (one UPDATE … WHERE uses < max), so two simultaneous clicks cannot both pass the limit.
 */
export interface DownloadUseStore {
  consume(fileId: string, now: Date): Promise<'ok' | 'exhausted' | 'unknown'>;
}

export type DownloadDecision =
  | { ok: true; fileId: string }
  | { ok: false; reason: 'expired' | 'tampered' | 'exhausted' | 'unknown'; status: 403 | 410 };

/** Checks a link and consumes one use: 403 for a forged link, 410 for one that is spent or gone. */
export async function authorizeDownload(
  links: DownloadLinks,
  store: DownloadUseStore,
  token: string,
  now: Date,
): Promise<DownloadDecision> {
  const check = links.verify(token, now);
  if (!check.ok)
    return { ok: false, reason: check.reason, status: check.reason === 'tampered' ? 403 : 410 };
  const use = await store.consume(check.fileId, now);
  if (use !== 'ok') return { ok: false, reason: use, status: 410 };
  return { ok: true, fileId: check.fileId };
}

/** Response headers for serving an exported file: a download, never cached, never sniffed. */
export function downloadHeaders(fileName: string, length: number): Record<string, string> {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * as they are.
  const utf8 = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Length': String(length),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`,
    'Cache-Control': 'no-store, private, max-age=0',
    Pragma: 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    // The token is in the URL: do not hand it to another site.
    'Referrer-Policy': 'no-referrer',
  };
}
