/**
 * `GET /readyz` (issue 17 §3): whether this instance can serve, for a load balancer or an
 * operator. `/healthz` stays a constant answer; this one reads the database: reachable, the
 * outbox backlog (count, age of the oldest) and the last delivered message. Counts and times
 * only, never a person, an id or a conversation. 503 while starting or when the database does
 * not answer.
 */
import type { Server } from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../domain/model';
import type { Store } from '../storage/store';
import { LogThrottle } from './log-throttle';

export interface ReadinessOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  isReady: () => boolean;
  /** Past this, the database counts as unreachable (a hung pool must not hang the probe). */
  timeoutMs?: number;
  /** Probes come every few seconds: one log line a minute while the database is down. */
  throttle?: LogThrottle;
}

/** The body of /readyz. */
export interface Readiness {
  status: 'ok' | 'starting' | 'unavailable';
  database: 'ok' | 'unreachable' | 'unknown';
  outbox?: { pending: number; oldestPendingAgeSeconds: number | null };
  lastSentAt?: string | null;
}

/** Reads the database once; never throws. */
export async function readiness(o: ReadinessOptions): Promise<Readiness> {
  if (!o.isReady()) return { status: 'starting', database: 'unknown' };
  let timer: NodeJS.Timeout | undefined;
  try {
    const snapshot = await Promise.race([
      o.store.operations.readiness(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('no answer in time')),
          o.timeoutMs ?? 5_000,
        ).unref();
      }),
    ]);
    const oldest = snapshot.outboxOldestPendingAt;
    return {
      status: 'ok',
      database: 'ok',
      outbox: {
        pending: snapshot.outboxPending,
        oldestPendingAgeSeconds: oldest
          ? Math.max(0, Math.round((o.clock.now().getTime() - Date.parse(oldest)) / 1000))
          : null,
      },
      lastSentAt: snapshot.lastSentAt,
    };
  } catch (err) {
    const log = (suppressed: number) =>
      o.logger.error(
        { err: (err as Error).message, suppressed },
        'readyz: the database does not answer',
      );
    if (o.throttle) o.throttle.run('readyz:database', log);
    else log(0);
    return { status: 'unavailable', database: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

/** Registers GET /readyz. */
export function readinessRoute(o: ReadinessOptions) {
  const options = { ...o, throttle: o.throttle ?? new LogThrottle() };
  return (server: Server): void => {
    server.get('/readyz', async (_req, res) => {
      const body = await readiness(options);
      res.header('cache-control', 'no-store');
      res.send(body.status === 'ok' ? 200 : 503, body);
    });
  };
}
