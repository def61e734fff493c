/**
 * A local stand-in for the Bot Connector: records every activity the bot sends or updates,
 * answers with 429/500 when a test asks it to.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity id Teams would give (POST) or the one updated (PUT). */
  activityId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  at: number;
}

export interface Failure {
  status: number;
  retryAfter?: string;
}

/** What `chaos` may do to one send or update: refuse it, or record it and answer it late. */
export interface Chaos {
  failure?: Failure;
  delayMs?: number;
  /** Answered only once this settles: a send the test holds as long as it likes. */
  hold?: Promise<void>;
}

export class ConnectorStandIn {
  readonly recorded: Recorded[] = [];
  /** Failures to answer with, in order, before answering normally again. */
  readonly failures: Failure[] = [];
  /**
   * Asked for each send or update (replies within a turn excluded) once `failures` is empty:
   * the load-and-fault bench (bench/faults.bench.ts) answers some with 429, 500 or late.
   */
  chaos?: (conversationId: string) => Chaos | undefined;
  /** Each failure answered, when it was sent (Date.now()): a retry must come after Retry-After. */
  readonly refused: { conversationId: string; status: number; at: number }[] = [];
  attempts = 0;
  /**
   * Members Teams knows, by Teams user id: answers `GET /v3/conversations/{id}/members/{userId}`.
   */
  readonly members = new Map<string, Record<string, unknown>>();
  /** Conversation (or team) ids the bot looked members up in. */
  readonly memberLookups: string[] = [];
  /** Files served at `GET /files/{name}`, as Teams' download URLs would. */
  readonly files = new Map<string, string | Buffer>();
  private server = http.createServer((req, res) => this.handle(req, res));
  private nextId = 1;
  private waiters: { predicate: () => boolean; resolve: () => void }[] = [];

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Resolves once `predicate` holds (checked after each recorded activity), or rejects after `ms`.
   */
  waitFor(predicate: () => boolean, ms = 5_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      // An event, not a margin (issue 16 §10): a busy machine may take far longer than a test
      // expects, so the deadline is only a floor under the test's own timeout, for its message.
      const timer = setTimeout(
        () => reject(new Error('connector stand-in: timed out waiting')),
        Math.max(ms, 60_000),
      );
      this.waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  sentTo(conversationId: string): Recorded[] {
    return this.recorded.filter((r) => r.conversationId === conversationId);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method === 'GET' && this.serveGet(req.url ?? '', res)) return;
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.writeHead(404);
        res.end();
        return;
      }
      this.attempts++;
      const reply = req.method === 'POST' && m[2] !== undefined;
      const chaos =
        this.failures.length || reply ? undefined : this.chaos?.(decodeURIComponent(m[1]));
      const failure = this.failures.shift() ?? chaos?.failure;
      if (failure) {
        const headers: Record<string, string> = failure.retryAfter
          ? { 'retry-after': failure.retryAfter }
          : {};
        // restify patches ServerResponse: writeHead does not chain here.
        res.writeHead(failure.status, headers);
        res.end(JSON.stringify({ error: { code: 'Throttled' } }));
        this.refused.push({
          conversationId: decodeURIComponent(m[1]),
          status: failure.status,
          at: Date.now(),
        });
        return;
      }
      const conversationId = decodeURIComponent(m[1]);
      const second = m[2] ? decodeURIComponent(m[2]) : undefined;
      const method = req.method as 'POST' | 'PUT';
      const activityId = method === 'PUT' ? (second as string) : `act-${this.nextId++}`;
      this.recorded.push({
        method,
        conversationId,
        activityId,
        replyToId: method === 'POST' ? second : undefined,
        activity: JSON.parse(body || '{}') as Record<string, unknown>,
        at: Date.now(),
      });
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: activityId }));
      };
      // Recorded on arrival, answered late: a sender killed meanwhile never learns it went.
      if (chaos?.hold) void chaos.hold.then(answer);
      else if (chaos?.delayMs) setTimeout(answer, chaos.delayMs);
      else answer();
      this.waiters = this.waiters.filter((w) => (w.predicate() ? (w.resolve(), false) : true));
    });
  }

  /** Member lookups and file downloads; false when the URL is neither. */
  private serveGet(url: string, res: http.ServerResponse): boolean {
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)$/.exec(url);
    if (member) {
      this.memberLookups.push(decodeURIComponent(member[1]));
      const found = this.members.get(decodeURIComponent(member[2]));
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(found ?? { error: { code: 'NotFound', message: 'member not found' } }),
      );
      return true;
    }
    const file = /^\/files\/([^/?]+)$/.exec(url);
    if (file) {
      const body = this.files.get(decodeURIComponent(file[1]));
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/octet-stream' });
      res.end(body ?? '');
      return true;
    }
    return false;
  }
}
