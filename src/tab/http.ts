/**
 * The tabs' answers (docs/tab-api.md): JSON, never cached, never sniffed; errors as
 * `{ error: { code, message } }` with an English code and one French line, and a refusal mapped
 * to the status the contract names (a domain refusal about someone else's item is a 404: the
 * caller cannot tell it exists).
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { DomainError, type ErrorCode } from '../domain/errors';
import type { LogThrottle } from '../http/log-throttle';
import { fr } from '../i18n/fr';
import { frTab } from '../i18n/fr-tab';
import { TokenError } from './tokens';
import type { Store } from '../storage/store';
import type { Clock } from '../domain/model';

export const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export function sendJson(res: restify.Response, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...SECURITY_HEADERS,
  });
  res.end(JSON.stringify(body));
}

/** A refusal the API answers with: status, English code, French message (and field errors). */
export class TabError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 500,
    readonly code: string,
    readonly userMessage: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/** Codes that say "not yours": answered as if the item did not exist. */
const NOT_FOUND: readonly ErrorCode[] = [
  'E_REQUEST_NOT_FOUND',
  'E_FICHE_NOT_FOUND',
  'E_NOT_OWN_ML',
  'E_NOT_ROUTED_DT',
  'E_NOT_CONCERNED',
  'E_FICHE_NOT_YOUR_ML',
  'E_COMMITTEE_NOT_FOUND',
];
/** Codes about the item's state, not the caller's rights. */
const CONFLICT: readonly ErrorCode[] = [
  'E_REQUEST_ALREADY_ANSWERED',
  'E_REQUEST_NOT_ANSWERABLE',
  'E_REQUEST_NOT_CORRECTABLE',
  'E_CANCEL_NOT_ALLOWED',
  'E_UPDATE_NOT_ALLOWED',
  'E_REQUEST_ERASED',
  'E_PARTNERSHIP_ENDED',
];

function statusOf(code: ErrorCode): 403 | 404 | 409 {
  if (NOT_FOUND.includes(code)) return 404;
  if (CONFLICT.includes(code)) return 409;
  return 403;
}

const AUTH_MESSAGES = {
  missing: frTab.auth.missing,
  malformed: frTab.auth.invalid,
  'dev-token-outside-local': frTab.auth.invalid,
  'tenant-not-allowed': fr.errors.E_TENANT_NOT_ALLOWED,
  'no-app-id': frTab.auth.invalid,
  invalid: frTab.auth.invalid,
  'keys-unavailable': frTab.auth.keys,
} as const;

/** Answers `err` as the contract says; logs one English line with codes and ids only. */
export function sendError(
  res: restify.Response,
  err: unknown,
  logger: Logger,
  ctx: { route: string; actor?: string; throttle?: LogThrottle },
): void {
  if (err instanceof TokenError) {
    const status = err.reason === 'keys-unavailable' ? 500 : 401;
    const log = status === 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
    // Anyone can send a bad token: one line per kind of refusal and minute.
    const line = (suppressed: number) =>
      log(
        { route: ctx.route, reason: err.reason, detail: err.detail, suppressed },
        'tab: token refused',
      );
    if (ctx.throttle) ctx.throttle.run(`tab:${err.reason}`, line);
    else line(0);
    sendJson(res, status, {
      error: { code: `token-${err.reason}`, message: AUTH_MESSAGES[err.reason] },
    });
    return;
  }
  if (err instanceof TabError) {
    logger.info({ route: ctx.route, code: err.code, actor: ctx.actor }, 'tab: request refused');
    sendJson(res, err.status, {
      error: { code: err.code, message: err.userMessage, ...err.extra },
    });
    return;
  }
  if (err instanceof DomainError) {
    const status = statusOf(err.code);
    logger.info(
      { route: ctx.route, code: err.code, details: err.details, actor: ctx.actor },
      'tab: refused by the domain',
    );
    const message = status === 404 ? frTab.errors.notFound : fr.errors[err.code];
    sendJson(res, status, { error: { code: err.code, message } });
    return;
  }
  logger.error({ route: ctx.route, err: (err as Error)?.message }, 'tab: request failed');
  if (!res.headersSent)
    sendJson(res, 500, { error: { code: 'E_INTERNAL', message: fr.errors.E_INTERNAL } });
}

/** A query parameter as one string ('' when absent; a repeated one is refused). */
export function queryParam(req: restify.Request, name: string): string {
  const url = new URL(req.url ?? '/', 'http://local');
  const all = url.searchParams.getAll(name);
  if (all.length > 1)
    throw new TabError(400, 'bad-query', frTab.errors.badQuery.replace('{param}', name));
  return (all[0] ?? '').trim();
}

/** One audit event for a refused or failed tab call: the route, the code and the ids asked. */
export async function auditTabRefusal(
  store: Store,
  clock: Clock,
  logger: Logger,
  actor: string,
  route: string,
  req: restify.Request,
  err: unknown,
): Promise<void> {
  const code = err instanceof TabError || err instanceof DomainError ? err.code : 'E_INTERNAL';
  const ids = ['kind', 'id', 'action']
    .map((k) => req.params?.[k])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.slice(0, 64).replace(/[^\w.-]/g, '?'));
  try {
    await store.audit.record({
      at: clock.now().toISOString(),
      actor,
      action: route,
      outcome: code === 'E_INTERNAL' ? 'error' : 'refused',
      detail: [`code=${code}`, ...ids].join(' '),
    });
  } catch (e) {
    // A failed audit write must not turn the refusal into a 500: it is still answered.
    logger.error({ route, code, err: (e as Error)?.message }, 'tab: cannot audit a refusal');
  }
}
