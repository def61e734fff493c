/**
 * The directory, message classes and window counts of the multi-instance test
 * (test/outbox/multi-instance.test.ts).
 */
import { writeFileSync } from 'node:fs';
import type { Recorded } from './connector-stand-in';
import { people, TENANT_ML, type Persona } from './teams';

/** Advisors of ml-villeurbanne: the submits come from several chats, as in real use. */
export const advisors: Persona[] = Array.from({ length: 6 }, (_, i) => ({
  aadObjectId: `aaaaaaaa-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
  teamsId: `29:aaaaaaaa-0000-4000-8000-0000000001${String(i).padStart(2, '0')}-teams`,
  name: `Conseiller ${i + 1}`,
  tenantId: TENANT_ML,
}));

/** One DT (two correspondents), one ML, one partnership. */
export function writeDirectory(file: string): void {
  const dt = [people.dt1, people.dt2].map((p) => ({
    aadObjectId: p.aadObjectId,
    structureId: 'dt-lyon',
    role: 'correspondant',
    name: p.name,
  }));
  const ml = advisors.map((p) => ({
    aadObjectId: p.aadObjectId,
    structureId: 'ml-villeurbanne',
    role: 'conseiller',
    name: p.name,
  }));
  writeFileSync(
    file,
    JSON.stringify({
      structures: [
        {
          id: 'dt-lyon',
          kind: 'DT',
          name: 'DT OFII de Lyon',
          departements: ['69'],
          tenantId: people.dt1.tenantId,
        },
        {
          id: 'ml-villeurbanne',
          kind: 'ML',
          name: 'Mission Locale de Villeurbanne',
          departements: ['69'],
          tenantId: TENANT_ML,
        },
      ],
      correspondents: [...dt, ...ml],
      partnerships: [{ id: 'rhone', dtId: 'dt-lyon', mlIds: ['ml-villeurbanne'] }],
    }),
  );
}

export type Kind = 'dt-card' | 'notification' | 'reminder';

/**
 * What an outbox message is, and for which request; undefined for anything else (replies, updates).
 */
export function classify(r: Recorded): { kind: Kind; requestId: string } | undefined {
  if (r.method !== 'POST' || r.replyToId) return undefined;
  const text = JSON.stringify(r.activity);
  const requestId = /"requestId":"([^"]+)"/.exec(text)?.[1];
  if (!requestId) return undefined;
  if (text.includes('sans réponse')) return { kind: 'reminder', requestId };
  if (text.includes('Réponse reçue')) return { kind: 'notification', requestId };
  if (text.includes('demande.voir')) return { kind: 'dt-card', requestId };
  return undefined;
}

/** Which instance sent a message, and its outbox row (bot-process.ts tags them). */
export const senderOf = (r: Recorded): string | undefined =>
  (r.activity.channelData as { testInstance?: string } | undefined)?.testInstance;
export const outboxIdOf = (r: Recorded): number | undefined =>
  (r.activity.channelData as { testOutboxId?: number } | undefined)?.testOutboxId;

/** The most messages found in any window of `ms` (half-open, from each arrival). */
export function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j] < sorted[i] + ms) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

/** Teams' per-conversation limits: [window ms, messages]. */
export const TEAMS_WINDOWS: [ms: number, max: number][] = [
  [1_000, 7],
  [2_000, 8],
  [30_000, 60],
];

/**
 * The most messages to one conversation in each of Teams' windows, shortened by `shorter` ms.
 * Arrivals before and after `splitAt` (the bots' clock jump) are counted apart.
 */
export function pacing(records: Recorded[], splitAt: number, shorter: number): number[] {
  const series = new Map<string, number[]>();
  for (const r of records) {
    const key = `${r.conversationId} ${r.at < splitAt}`;
    series.set(key, [...(series.get(key) ?? []), r.at]);
  }
  const all = [...series.values()];
  return TEAMS_WINDOWS.map(([ms]) => Math.max(...all.map((times) => busiest(times, ms - shorter))));
}

export type Expected = [kind: Kind, requestId: string, conversationId: string];

export interface Tally {
  /** Sent twice because the killed instance had it answered but not marked sent. */
  crashWindow: string[];
  /** Any other message missing or delivered more than once. */
  wrong: string[];
  /** Classified messages beyond the expected ones and the crash window's. */
  extra: number;
  bySender: Record<string, number>;
}

/**
 * Counts each expected message's copies; `victim` is the killed instance and the rows it had
 * answered.
 */
export function tally(
  records: Recorded[],
  expected: Expected[],
  victim: { name: string; sent: Set<number> },
  /** Rows the victim had begun to send when killed: its copy may have reached the stand-in. */
  stranded: ReadonlySet<number> = new Set(),
): Tally {
  const copiesOf = new Map<string, Recorded[]>();
  const bySender: Record<string, number> = {};
  let classified = 0;
  for (const r of records) {
    const c = classify(r);
    if (!c) continue;
    classified++;
    bySender[String(senderOf(r))] = (bySender[String(senderOf(r))] ?? 0) + 1;
    const key = `${c.kind} ${c.requestId} ${r.conversationId}`;
    copiesOf.set(key, [...(copiesOf.get(key) ?? []), r]);
  }
  const crashWindow: string[] = [];
  const wrong: string[] = [];
  let strandedCopies = 0;
  for (const e of expected) {
    const copies = copiesOf.get(e.join(' ')) ?? [];
    if (copies.length === 1) continue;
    const senders = copies.map(senderOf);
    const answeredToVictim =
      senders[0] === victim.name && victim.sent.has(outboxIdOf(copies[0]) ?? -1);
    // A stalled send whose request reached the stand-in before the kill, sent again after it.
    const strandedByKill = senders[0] === victim.name && stranded.has(outboxIdOf(copies[0]) ?? -1);
    if (copies.length === 2 && answeredToVictim && senders[1] !== victim.name)
      crashWindow.push(e.join(' '));
    else if (copies.length === 2 && strandedByKill && senders[1] !== victim.name) strandedCopies++;
    else wrong.push(`${e.join(' ')}: ${copies.length} copies, from ${senders.join(', ')}`);
  }
  return {
    crashWindow,
    wrong,
    extra: classified - expected.length - crashWindow.length - strandedCopies,
    bySender,
  };
}
