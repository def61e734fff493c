/**
 * The Teams side of the request-flow benchmark, run in a worker thread so that it does not
 * share the bot's event loop: the advisors' HTTP clients (keep-alive, N concurrent) and the
 * Bot Connector stand-in that records the cards the bot sends. The main thread drives it by
 * messages `{ id, cmd, args }` and gets `{ id, result }` or `{ id, error }` back.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { ConnectorStandIn } from '../test/helpers/connector-stand-in';
import { threadCpuMs } from './thread-cpu';
import { invokeActivity, messageActivity, people, personalChat } from '../test/helpers/teams';

/** The part of a DT card the bench reads: the request id its refresh carries. */
interface CardContent {
  refresh?: { action?: { data?: { requestId?: string } } };
}

export interface LoadArgs {
  url: string;
  /** Tag of the submits: distinct replyToId and numeroCir per (phase, index). */
  phase: string;
  maxRequests: number;
  maxMs: number;
  concurrency: number;
  /**
   * 'submit': a new request each time; 'duplicate': re-submits `duplicateOf` (Teams retry path).
   */
  kind: 'submit' | 'duplicate';
  duplicateOf?: { phase: string; count: number };
  /** Expect an invoke answer carrying a requestId (the bot), or any 200 (the bare route). */
  expectCard: boolean;
  /** Milliseconds between two submits, one client (the paced probe); 0 = as fast as possible. */
  intervalMs?: number;
}

export interface LoadResult {
  latencies: number[];
  elapsedMs: number;
  ok: number;
  errors: number;
  firstError?: string;
  bodyBytes: number;
  /** CPU time of the clients' thread (clients and connector stand-in) during the run, ms. */
  clientsCpuMs: number;
}

export interface CardsResult {
  submits: number;
  expected: number;
  arrived: number;
  duplicates: number;
  /** Card recorded by the stand-in minus the submit's HTTP response, ms, per (request, chat). */
  delays: number[];
  waitedMs: number;
}

const { birthDate } = workerData as { birthDate: string };
const connector = new ConnectorStandIn();
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const dtChats = new Set([personalChat(people.dt1), personalChat(people.dt2)]);
/** requestId → wall-clock time the submit's response ended, per phase. */
const responses = new Map<string, Map<string, number>>();
/** requestId → chat → times the DT card reached the stand-in. */
const cards = new Map<string, Map<string, number[]>>();
let scanned = 0;

function submitBody(phase: string, i: number): string {
  const data = {
    civilite: 'Mme',
    nom: 'Diallo',
    prenom: 'Aïssatou',
    dateNaissance: birthDate,
    numeroCir: `B-${phase.toUpperCase().slice(0, 8)}-${i}`,
    dtId: 'dt-lyon',
    cardVersion: 1,
  };
  return JSON.stringify(
    invokeActivity(people.advisor, connector.url, 'demande.creer', data, `form-${phase}-${i}`),
  );
}

function postJson(url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('timeout after 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

const REQUEST_ID = /"requestId":"([0-9a-f-]{36})"/;

async function load(a: LoadArgs): Promise<LoadResult> {
  const url = new URL(a.url);
  const tracked =
    a.kind === 'submit' && a.expectCard
      ? (responses.get(a.phase) ?? new Map<string, number>())
      : null;
  if (tracked) responses.set(a.phase, tracked);
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  let bodyBytes = 0;
  const cpu0 = threadCpuMs();
  const t0 = performance.now();
  const deadline = t0 + a.maxMs;
  const client = async () => {
    while (next < a.maxRequests && performance.now() < deadline) {
      const i = next++;
      const body =
        a.kind === 'duplicate' && a.duplicateOf
          ? submitBody(a.duplicateOf.phase, i % a.duplicateOf.count)
          : submitBody(a.phase, i);
      bodyBytes += Buffer.byteLength(body);
      const start = performance.now();
      const sentAt = Date.now();
      try {
        const res = await postJson(url, body);
        latencies.push(performance.now() - start);
        const id = a.expectCard ? REQUEST_ID.exec(res.text)?.[1] : 'bare';
        if (res.status === 200 && id) {
          ok++;
          tracked?.set(id, sentAt);
        } else {
          errors++;
          firstError ??= `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
        }
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
      }
      if (a.intervalMs) await new Promise((r) => setTimeout(r, a.intervalMs));
    }
  };
  await Promise.all(Array.from({ length: a.concurrency }, client));
  const elapsedMs = performance.now() - t0;
  return {
    latencies,
    elapsedMs,
    ok,
    errors,
    firstError,
    bodyBytes: Math.round(bodyBytes / Math.max(1, next)),
    clientsCpuMs: threadCpuMs() - cpu0,
  };
}

/** Indexes the DT cards recorded since the last call (requestId from the card's refresh data). */
function scanCards(): void {
  const rec = connector.recorded;
  for (; scanned < rec.length; scanned++) {
    const r = rec[scanned];
    if (r.method !== 'POST' || !dtChats.has(r.conversationId)) continue;
    const content = (r.activity.attachments as { content?: CardContent }[] | undefined)?.[0]
      ?.content;
    const requestId = content?.refresh?.action?.data?.requestId;
    if (!requestId) continue;
    let byChat = cards.get(requestId);
    if (!byChat) cards.set(requestId, (byChat = new Map()));
    const times = byChat.get(r.conversationId) ?? [];
    times.push(r.at);
    byChat.set(r.conversationId, times);
  }
}

function countCards(phase: string): CardsResult {
  scanCards();
  const submitted = responses.get(phase) ?? new Map<string, number>();
  let arrived = 0;
  let duplicates = 0;
  const delays: number[] = [];
  for (const [requestId, sentAt] of submitted) {
    for (const times of cards.get(requestId)?.values() ?? []) {
      arrived++;
      duplicates += times.length - 1;
      delays.push(times[0] - sentAt);
    }
  }
  return {
    submits: submitted.size,
    expected: submitted.size * dtChats.size,
    arrived,
    duplicates,
    delays,
    waitedMs: 0,
  };
}

/** Waits (bounded) until every DT card of `phase` has reached the stand-in. */
async function awaitCards(a: { phase: string; maxWaitMs: number }): Promise<CardsResult> {
  const t0 = performance.now();
  let c = countCards(a.phase);
  while (c.arrived < c.expected && performance.now() - t0 < a.maxWaitMs) {
    await new Promise((r) => setTimeout(r, 50));
    c = countCards(a.phase);
  }
  return { ...c, waitedMs: performance.now() - t0 };
}

async function message(a: {
  url: string;
  who: 'dt1' | 'dt2' | 'advisor';
  text: string;
}): Promise<number> {
  const activity = messageActivity(people[a.who], connector.url, a.text);
  const res = await postJson(new URL(`${a.url}/api/messages`), JSON.stringify(activity));
  return res.status;
}

async function stop(): Promise<void> {
  agent.destroy();
  await connector.stop();
}

// Each command checks its own arguments: the parent process sends what the command expects.
const commands: Record<string, (args: never) => Promise<unknown>> = {
  load,
  awaitCards,
  message,
  stop,
};

async function main(): Promise<void> {
  await connector.start();
  parentPort!.on('message', (m: { id: number; cmd: string; args: unknown }) => {
    (commands[m.cmd] as (args: unknown) => Promise<unknown>)(m.args).then(
      (result) => parentPort!.postMessage({ id: m.id, result }),
      (err: Error) => parentPort!.postMessage({ id: m.id, error: err.stack ?? err.message }),
    );
  });
  parentPort!.postMessage({ ready: true, serviceUrl: connector.url });
}

void main();
