/**
 * Checks made before any body is read. Nothing the bot serves takes a compressed body (the Bot
 * Connector never sends one), and a failed inflate must not reach the body reader, where it
 * would be an uncaught stream error.
 */
import type restify from 'restify';

const IDENTITY = /^\s*(identity)?\s*$/i;

function refuse(res: restify.Response, status: number, reason: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: reason }));
}

/** A `pre` handler: 415 for any Content-Encoding but identity, on every route. */
export function refuseEncodedBodies(
  req: restify.Request,
  res: restify.Response,
  next: restify.Next,
): void {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && !IDENTITY.test(String(encoding))) {
    refuse(res, 415, 'Content-Encoding is not supported: send the body uncompressed');
    next(false);
    return;
  }
  next();
}

/** 400 for a POST whose body is not declared as JSON (form, multipart, text). */
export function requireJson(req: restify.Request, res: restify.Response, next: restify.Next): void {
  if (!req.is('json')) {
    refuse(res, 400, 'Content-Type must be application/json');
    next(false);
    return;
  }
  next();
}

export { refuse as refuseWith };
