/**
 * `/metrics` in Prometheus' text format (issue 16 §5): turns and refusals by code, invoke
 * latency by verb, the outbox and the jobs, the database pool, and Node's own (event-loop
 * delay, memory, CPU). Labels are closed sets (activity types, error codes, known verbs, job
 * kinds): never a person, an id or a text someone typed. Outside local mode the route needs
 * `Authorization: Bearer <METRICS_TOKEN>`, and does not exist without one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Server } from 'restify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Store } from '../storage/store';
import type { Clock } from '../domain/model';

export type TurnOutcome = 'ok' | 'refused' | 'error';

export class Metrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({
    name: 'passerelle_turns_total',
    help: 'Activities handled, by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'passerelle_refusals_total',
    help: 'Refusals shown to a user, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly invokeSeconds = new Histogram({
    name: 'passerelle_invoke_duration_seconds',
    help: 'Time to answer a card action (Action.Execute), by verb',
    labelNames: ['verb'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(store: Store, clock: Clock) {
    collectDefaultMetrics({ register: this.registry, prefix: 'passerelle_' });
    const registers = [this.registry];
    // Read from the database at each scrape, so every instance reports the shared queue.
    let snapshot: ReturnType<Store['operations']['snapshot']> | null = null;
    const read = () => (snapshot ??= store.operations.snapshot().finally(() => (snapshot = null)));
    const outbox = (
      name: string,
      help: string,
      pick: (s: Awaited<ReturnType<typeof read>>) => number,
    ) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(pick(await read()));
        },
      });
    outbox('passerelle_outbox_pending', 'Messages waiting to be sent', (s) => s.outboxPending);
    outbox(
      'passerelle_outbox_retrying',
      'Pending messages already tried at least once',
      (s) => s.outboxRetrying,
    );
    outbox(
      'passerelle_outbox_failed',
      'Messages given up after the last attempt',
      (s) => s.outboxFailed,
    );
    outbox(
      'passerelle_outbox_oldest_pending_age_seconds',
      'Age of the oldest pending message',
      (s) =>
        s.outboxOldestPendingAt
          ? Math.max(0, (clock.now().getTime() - Date.parse(s.outboxOldestPendingAt)) / 1000)
          : 0,
    );
    new Gauge({
      name: 'passerelle_jobs',
      help: 'Scheduled jobs by status and kind',
      labelNames: ['status', 'kind'] as const,
      registers,
      async collect() {
        this.reset();
        for (const j of (await read()).jobs) this.set({ status: j.status, kind: j.kind }, j.count);
      },
    });
    new Gauge({
      name: 'passerelle_db_pool_connections',
      help: 'PostgreSQL pool connections by state (absent on SQLite)',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const pool = store.poolStats();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  turn(type: string, outcome: TurnOutcome): void {
    this.turns.inc({ type: KNOWN_TYPES.has(type) ? type : 'other', outcome });
  }

  refused(code: string): void {
    this.refusals.inc({ code });
  }

  /** `verb` must be a known verb or 'unknown': a label never carries what a client sent. */
  invoke(verb: string, seconds: number): void {
    this.invokeSeconds.observe({ verb }, seconds);
  }
}

const KNOWN_TYPES = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate']);

/** Registers GET /metrics; outside local mode only with a token, checked in constant time. */
export function metricsRoute(metrics: Metrics, o: { local: boolean; token: string | null }) {
  return (server: Server): void => {
    if (!o.local && !o.token) return;
    const expected = o.token ? Buffer.from(`Bearer ${o.token}`) : null;
    server.get('/metrics', async (req, res) => {
      if (expected) {
        const given = Buffer.from(req.headers.authorization ?? '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' });
          res.end('Unauthorized');
          return;
        }
      }
      const body = await metrics.registry.metrics();
      res.writeHead(200, {
        'content-type': metrics.registry.contentType,
        'cache-control': 'no-store',
      });
      res.end(body);
    });
  };
}
