/**
 * The simulated people of the load-and-fault bench, on loopback: each advisor types
 * `/demande CIR` and submits the form (flow 1; a share of the forms invalid), then thinks; each DT correspondent watches their
 * personal chat at the connector stand-in and answers the new cards (flow 2), first come first
 * served within a DT. Every call is counted as accepted (200 and the expected card), refused (any
 * other HTTP answer) or unanswered (no HTTP answer: the bot is down or restarting).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ConnectorStandIn } from '../test/helpers/connector-stand-in';
import { classify } from '../test/helpers/multi-instance';
import { invokeActivity, messageActivity, personalChat } from '../test/helpers/teams';
import type { Cast, Seat } from './fault-cast';

export type Outcome = 'accepted' | 'refused' | 'unanswered';

export interface CallStats {
  accepted: number;
  refused: number;
  unanswered: number;
  /** Round trips of the calls that got an HTTP answer, ms. */
  latencies: number[];
  firstRefusal?: string;
}

const newStats = (): CallStats => ({ accepted: 0, refused: 0, unanswered: 0, latencies: [] });

const REQUEST_ID = /"requestId":"([0-9a-f-]{36})"/;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ActorOptions {
  /** The bot's base URL (it may change across the restart). */
  url: () => string;
  connector: ConnectorStandIn;
  cast: Cast;
  birthDate: string;
  thinkMs: number;
  /** Share of submits with a birth date in the future: the bot must refuse them, store nothing. */
  invalidShare: number;
}

export class Actors {
  readonly submits = newStats();
  readonly answers = newStats();
  readonly messages = newStats();
  /** Submits of a form the bot must refuse (accepted here means wrongly accepted). */
  readonly invalid = newStats();
  /** Acknowledged submits: request id → the advisor's chat and the request's DT. */
  readonly acknowledged = new Map<string, { advisorChat: string; dtId: string }>();
  /** Requests whose answer was acknowledged. */
  readonly answered = new Set<string>();
  private readonly claimed = new Set<string>();
  private scanned = 0;
  /** DT card activity ids per correspondent chat, oldest first, not yet looked at. */
  private readonly inbox = new Map<string, { requestId: string; activityId: string }[]>();
  private stopAt = 0;
  private next = 0;

  constructor(private readonly o: ActorOptions) {}

  /** Everyone says hello until the bot answers: it then knows every personal chat. */
  async hello(): Promise<void> {
    for (const s of [...this.o.cast.advisors, ...this.o.cast.correspondents]) {
      const a = messageActivity(s.persona, this.o.connector.url, 'aide');
      const r = await this.post(a);
      if (r.status !== 200) throw new Error(`hello from ${s.persona.name}: HTTP ${r.status}`);
    }
  }

  /** Every advisor and correspondent acts until `ms` from now. */
  async run(ms: number): Promise<number> {
    this.stopAt = performance.now() + ms;
    const t0 = performance.now();
    await Promise.all([
      ...this.o.cast.advisors.map((s) => this.advisor(s)),
      ...this.o.cast.correspondents.map((s) => this.correspondent(s)),
    ]);
    return performance.now() - t0;
  }

  private live = () => performance.now() < this.stopAt;

  /** A pause of about `ms`, cut short when the run ends. */
  private think(ms: number): Promise<void> {
    return sleep(
      Math.max(0, Math.min(ms * (0.5 + Math.random()), this.stopAt - performance.now())),
    );
  }

  private async advisor(s: Seat): Promise<void> {
    // Advisors start spread over one think time, not all in the same millisecond.
    await this.think(this.o.thinkMs / 2);
    while (this.live()) {
      const hello = messageActivity(s.persona, this.o.connector.url, '/demande CIR');
      await this.call(this.messages, hello, (status) => status === 200);
      const i = this.next++;
      const invalid = Math.random() < this.o.invalidShare;
      const data = {
        civilite: i % 2 ? 'M.' : 'Mme',
        nom: `Diallo ${String.fromCharCode(65 + (i % 26))}`,
        prenom: 'Awa',
        dateNaissance: invalid ? '2999-01-01' : this.o.birthDate,
        numeroCir: `${invalid ? 'BAD' : 'FAULT'}-${1000 + i}`,
        dtId: s.dtId,
        cardVersion: 1,
      };
      const submit = invokeActivity(
        s.persona,
        this.o.connector.url,
        'demande.creer',
        data,
        `form-${randomUUID()}`,
      );
      await this.call(invalid ? this.invalid : this.submits, submit, (status, text) => {
        const id = status === 200 ? REQUEST_ID.exec(text)?.[1] : undefined;
        if (id) this.acknowledged.set(id, { advisorChat: personalChat(s.persona), dtId: s.dtId });
        return id !== undefined;
      });
      await this.think(this.o.thinkMs);
    }
  }

  private async correspondent(s: Seat): Promise<void> {
    const chat = personalChat(s.persona);
    while (this.live()) {
      this.scan();
      const card = this.inbox.get(chat)?.shift();
      if (!card) {
        await sleep(100);
        continue;
      }
      if (this.claimed.has(card.requestId)) continue;
      this.claimed.add(card.requestId);
      const data = {
        requestId: card.requestId,
        cardVersion: 1,
        positionnementLinguistique: 'INF_A2',
        prescriptionInitiale: 'FL_600',
        heuresFL: '120',
        journeesFC: '1',
      };
      const act = invokeActivity(
        s.persona,
        this.o.connector.url,
        'demande.repondre',
        data,
        card.activityId,
      );
      const ok = await this.call(this.answers, act, (status, text) => {
        return status === 200 && text.includes(card.requestId) && !text.includes('"E_');
      });
      if (ok) this.answered.add(card.requestId);
      // Not answered (the bot was down): someone of the DT tries again later.
      else if (!this.answered.has(card.requestId)) this.claimed.delete(card.requestId);
      if (!ok) this.inbox.get(chat)?.push(card);
      await this.think(this.o.thinkMs);
    }
  }

  /** Files the DT cards recorded since the last look under their chat. */
  private scan(): void {
    const rec = this.o.connector.recorded;
    for (; this.scanned < rec.length; this.scanned++) {
      const r = rec[this.scanned];
      const c = classify(r);
      if (c?.kind !== 'dt-card') continue;
      const list = this.inbox.get(r.conversationId) ?? [];
      list.push({ requestId: c.requestId, activityId: r.activityId });
      this.inbox.set(r.conversationId, list);
    }
  }

  /** Posts `activity`, sorts the outcome by `accept(status, body)`; true when accepted. */
  private async call(
    stats: CallStats,
    activity: object,
    accept: (status: number, text: string) => boolean,
  ): Promise<boolean> {
    const t0 = performance.now();
    let r: { status: number; text: string };
    try {
      r = await this.post(activity);
    } catch {
      stats.unanswered++;
      // The bot is down: wait a little rather than spin on refused connections.
      await sleep(200);
      return false;
    }
    stats.latencies.push(performance.now() - t0);
    const ok = accept(r.status, r.text);
    if (ok) stats.accepted++;
    else {
      stats.refused++;
      stats.firstRefusal ??= `HTTP ${r.status}: ${r.text.slice(0, 300)}`;
    }
    return ok;
  }

  private async post(activity: object): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.o.url()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, text: await res.text() };
  }
}
