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

export class ConnectorStandIn {
  readonly recorded: Recorded[] = [];
  /** Failures to answer with, in order, before answering normally again. */
  readonly failures: Failure[] = [];
  attempts = 0;
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

  /** Resolves once `predicate` holds (checked after each recorded activity), or rejects after `ms`. */
  waitFor(predicate: () => boolean, ms = 5_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connector stand-in: timed out waiting')), ms);
      this.waiters.push({ predicate, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  sentTo(conversationId: string): Recorded[] {
    return this.recorded.filter((r) => r.conversationId === conversationId);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.writeHead(404);
        res.end();
        return;
      }
      this.attempts++;
      const failure = this.failures.shift();
      if (failure) {
        const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
        // restify patches ServerResponse: writeHead does not chain here.
        res.writeHead(failure.status, headers);
        res.end(JSON.stringify({ error: { code: 'Throttled' } }));
        return;
      }
      const conversationId = decodeURIComponent(m[1]);
      const second = m[2] ? decodeURIComponent(m[2]) : undefined;
      const method = req.method as 'POST' | 'PUT';
      const activityId = method === 'PUT' ? (second as string) : `act-${this.nextId++}`;
      this.recorded.push({
        method, conversationId, activityId, replyToId: method === 'POST' ? second : undefined,
        activity: JSON.parse(body || '{}') as Record<string, unknown>, at: Date.now(),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: activityId }));
      this.waiters = this.waiters.filter((w) => (w.predicate() ? (w.resolve(), false) : true));
    });
  }
}
