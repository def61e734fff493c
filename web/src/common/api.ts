/** /api/tab/* calls (docs/tab-api.md): bearer token, JSON, French error messages. */
import { signInAgain, type Session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** One French message per refused input, by input id (400 E_INVALID_INPUT). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

const FALLBACK = 'Le service ne répond pas. Réessayez dans un instant.';

async function call<T>(
  session: Session,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    const token = await session.token();
    res = await fetch(path, {
      method,
      cache: 'no-store',
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', FALLBACK);
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return json as T;
  const err = (
    json as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null
  )?.error;
  if (res.status === 401 && !session.inTeams) await signInAgain(session);
  const fields = err?.fields && typeof err.fields === 'object' ? err.fields : {};
  throw new ApiError(
    res.status,
    err?.code ?? `http-${res.status}`,
    err?.message ?? FALLBACK,
    fields,
  );
}

export function apiGet<T>(session: Session, path: string): Promise<T> {
  return call<T>(session, 'GET', path);
}

export function apiPost<T>(session: Session, path: string, body: unknown): Promise<T> {
  return call<T>(session, 'POST', path, body);
}

export function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : FALLBACK;
}
