/**
 * The tabs' static pages (issue 15): /tab/mes-demandes, /tab/annuaire, /tab/partenariat,
 * /tab/configuration and their assets under /tab/assets/, built by `npm run build` into
 * dist/web/ (scripts/build-web.ts). Every file is read once at start-up into a map keyed by its
 * URL: a request can only name a key of that map, so no path from the URL ever reaches the file
 * system (no traversal by construction). Pages carry a strict Content-Security-Policy: scripts
 * and styles from this origin only, framed only by Teams and the Microsoft 365 hosts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type restify from 'restify';

/** dist/web, from src/http (tsx) as from dist/http (built): both are two levels below the root. */
export const DEFAULT_WEB_DIR = resolve(__dirname, '..', '..', 'dist', 'web');

export const TAB_PAGES = ['mes-demandes', 'annuaire', 'partenariat', 'configuration'] as const;

/** Where Teams and the other Microsoft 365 hosts (Outlook, office.com) frame a tab. */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.office.com',
  'https://*.cloud.microsoft',
  'https://*.skype.com',
];

/**
 * @microsoft/teams-js fetches the current list of Teams host origins from Microsoft's CDN at load
 * (falling back to its bundled list): allowed, so new Teams hosts are not refused.
 */
const TEAMS_JS_ORIGINS_CDN = 'https://res.cdn.office.net';

export const TAB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  `connect-src 'self' ${TEAMS_JS_ORIGINS_CDN}`,
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

/** Reads dist/web into memory: /tab/<page> → <page>.html, /tab/assets/<name> → assets/<name>. */
export function loadTabFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const add = (url: string, path: string) => {
    const ext = /\.([a-z0-9]+)$/.exec(path)?.[1] ?? '';
    const type = TYPES[ext];
    if (!type) return;
    const body = readFileSync(path);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    files.set(url, { body, type, etag });
  };
  for (const page of TAB_PAGES) {
    const path = join(dir, `${page}.html`);
    if (existsSync(path)) add(`/tab/${page}`, path);
  }
  const assets = join(dir, 'assets');
  if (existsSync(assets))
    for (const name of readdirSync(assets))
      if (statSync(join(assets, name)).isFile()) add(`/tab/assets/${name}`, join(assets, name));
  return files;
}

function headersFor(file: StaticFile): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': file.type,
    // Names are not all content-hashed: the browser revalidates with the ETag (304).
    'cache-control': 'no-cache',
    etag: file.etag,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
  if (file.type.startsWith('text/html')) headers['content-security-policy'] = TAB_CSP;
  return headers;
}

/** Registers the pages and assets; without a build, logs how to make one and serves nothing. */
export function tabPagesRoute(opts: { dir?: string; logger: Logger }) {
  return (server: restify.Server): void => {
    const dir = opts.dir ?? DEFAULT_WEB_DIR;
    const files = loadTabFiles(dir);
    if (!files.size)
      opts.logger.warn({ dir }, 'tab pages not built: run `npm run build` to serve /tab/*');
    const serve = async (req: restify.Request, res: restify.Response) => {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      const file = files.get(path);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      const headers = headersFor(file);
      if (req.headers['if-none-match'] === file.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': String(file.body.length) });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    };
    for (const page of TAB_PAGES) {
      server.get(`/tab/${page}`, serve);
      server.head(`/tab/${page}`, serve);
    }
    server.get('/tab/assets/:file', serve);
    server.head('/tab/assets/:file', serve);
  };
}
