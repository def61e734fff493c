/**
 * What the load-and-fault bench checks once the bot has stopped: every acknowledged submit and
 * answer is in the database, and every card the stored requests call for reached the stand-in
 * once, or twice when its first copy went out before the kill and the second after the restart
 * (the send was in flight: Teams had it, the killed bot had not marked it sent).
 */
import type { Recorded } from '../test/helpers/connector-stand-in';
import { classify, type Kind } from '../test/helpers/multi-instance';
import { sqlOf } from '../test/helpers/sql';
import { personalChat } from '../test/helpers/teams';
import type { Store } from '../src/storage/store';
import type { Actors } from './fault-actors';
import type { Cast } from './fault-cast';

export interface StoredRequest {
  id: string;
  status: string;
  dtId: string;
  createdBy: string;
  createdAt: string;
}

/** The requests and the outbox's rows by status, as the bot left them. */
export async function readDatabase(
  store: Store,
): Promise<{ requests: StoredRequest[]; outbox: Record<string, number>; invalid: number }> {
  const sql = sqlOf(store);
  const requests = await sql.all<StoredRequest>(
    'SELECT id, status, dt_id AS "dtId", created_by AS "createdBy", created_at AS "createdAt" ' +
      'FROM requests',
  );
  const outbox: Record<string, number> = {};
  for (const r of await sql.all<{ status: string; n: number | string }>(
    'SELECT status, COUNT(*) AS n FROM outbox GROUP BY status',
  ))
    outbox[r.status] = Number(r.n);
  // The refused forms carry a n° CIR of their own: none may have been stored.
  const [bad] = await sql.all<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM requests WHERE numero_cir LIKE 'BAD-%'",
  );
  return { requests, outbox, invalid: Number(bad.n) };
}

/** One card a stored request calls for: its kind, request and chat. */
type Expected = [kind: Kind, requestId: string, conversationId: string];

/** The DT cards of every stored request, and the advisor's notification of every answer. */
export function expectedCards(cast: Cast, requests: StoredRequest[]): Expected[] {
  const chatsOf = new Map<string, string[]>();
  for (const s of cast.correspondents)
    chatsOf.set(s.dtId, [...(chatsOf.get(s.dtId) ?? []), personalChat(s.persona)]);
  const advisorChat = new Map(
    cast.advisors.map((s) => [s.persona.aadObjectId, personalChat(s.persona)]),
  );
  const out: Expected[] = [];
  for (const r of requests) {
    for (const chat of chatsOf.get(r.dtId) ?? []) out.push(['dt-card', r.id, chat]);
    const advisor = advisorChat.get(r.createdBy);
    if (r.status === 'completee' && advisor) out.push(['notification', r.id, advisor]);
  }
  return out;
}

export interface CardTally {
  expected: number;
  delivered: number;
  /** Cards delivered twice, the first before the kill and the second after the restart. */
  killWindow: number;
  /** How long before the kill the first copy of each kill-window card arrived, ms. */
  killWindowAges: number[];
  /** Any other extra copy (more than two, or not straddling the kill). */
  duplicated: number;
  undelivered: number;
  /** Classified cards no stored request calls for. */
  unexpected: number;
  /** From each request's creation to its DT card's first copy, ms. */
  dtCardDelays: number[];
}

/** The copies of each expected card; `killAt` and `restartAt` are Date.now() readings. */
export function tallyCards(
  records: Recorded[],
  expected: Expected[],
  killAt: number,
  restartAt: number,
  createdAt = new Map<string, number>(),
): CardTally {
  const copies = new Map<string, number[]>();
  let classified = 0;
  for (const r of records) {
    const c = classify(r);
    if (!c || c.kind === 'reminder') continue;
    classified++;
    const key = `${c.kind} ${c.requestId} ${r.conversationId}`;
    copies.set(key, [...(copies.get(key) ?? []), r.at]);
  }
  const t: CardTally = {
    expected: expected.length,
    delivered: 0,
    killWindow: 0,
    killWindowAges: [],
    duplicated: 0,
    undelivered: 0,
    unexpected: 0,
    dtCardDelays: [],
  };
  let matched = 0;
  for (const e of expected) {
    const at = copies.get(e.join(' ')) ?? [];
    matched += at.length;
    if (!at.length) {
      t.undelivered++;
      continue;
    }
    t.delivered++;
    const created = createdAt.get(e[1]);
    if (e[0] === 'dt-card' && created !== undefined) t.dtCardDelays.push(at[0] - created);
    if (at.length === 2 && at[0] < killAt && at[1] >= restartAt) {
      t.killWindow++;
      t.killWindowAges.push(killAt - at[0]);
    } else t.duplicated += at.length - 1;
  }
  t.unexpected = classified - matched;
  return t;
}

/** Acknowledged submits missing from the database, and acknowledged answers not stored. */
export function lostAcknowledged(
  actors: Actors,
  requests: StoredRequest[],
): { requests: string[]; answers: string[] } {
  const byId = new Map(requests.map((r) => [r.id, r]));
  return {
    requests: [...actors.acknowledged.keys()].filter((id) => !byId.has(id)),
    answers: [...actors.answered].filter((id) => byId.get(id)?.status !== 'completee'),
  };
}
