/**
 * The bilan tests' data set (2026 for the Rhône, with known answers) and readers of its card and
 * its xlsx.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { CommitteeRecord } from '../../src/domain/records';
import type { RequestRecord } from '../../src/domain/model';
import type { Store } from '../../src/storage/store';
import type { TestBot } from './app';
import { cardNodes } from './cards';
import type { Recorded } from './connector-stand-in';
import { messageActivity, people, post } from './teams';

export const NOW = new Date('2027-03-01T09:00:00.000Z');
const HOUR = 3_600_000;
/** Answer delays of the 15 answered requests of 2026, in hours: median 48 h, p90 (rank 14) 200 h. */
const DELAYS = [2, 5, 20, 24, 26, 30, 47, 48, 50, 70, 72, 96, 100, 200, 300];
const ANSWER = { positionnementLinguistique: 'INF_A2', heuresFL: 0, journeesFC: 0 };

let n = 0;
export function request(createdAt: string, o: Partial<RequestRecord> = {}): RequestRecord {
  n += 1;
  return {
    id: `bilan-${n}`,
    number: `2026-${String(n).padStart(6, '0')}`,
    status: 'transmise',
    mlId: 'ml-villeurbanne',
    dtId: 'dt-lyon',
    partnershipId: 'rhone',
    createdBy: 'seed',
    createdAt,
    updatedAt: createdAt,
    identity: null,
    answer: null,
    answeredBy: null,
    answeredByName: null,
    answeredAt: null,
    prescriptionML: null,
    prescribedAt: null,
    ...o,
  };
}

function committee(id: string, kind: CommitteeRecord['kind'], startsAt: string): CommitteeRecord {
  return {
    id,
    partnershipId: 'rhone',
    kind,
    startsAt: new Date(startsAt),
    place: 'Lyon',
    placeKind: 'place',
    agenda: 'Ordre du jour',
    participants: [],
    status: 'planned',
    sequence: 0,
    icsToken: `t-${id}`,
    createdBy: 'seed',
    createdAt: startsAt,
    updatedAt: startsAt,
  };
}

/** 2026 for the Rhône: 20 requests, 15 answered, 11 follow-ups asked, 6 answered; 3 committees. */
export async function seed(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    for (const [i, hours] of DELAYS.entries()) {
      const created = new Date(Date.UTC(2026, 2, 2 + 2 * i, 8));
      const r = request(created.toISOString());
      await tx.requests.insert(r, null);
      const code = i < 8 ? 'FL_600' : i < 13 ? 'PLATEFORME' : 'DISPENSE';
      const answered = new Date(created.getTime() + hours * HOUR);
      await tx.requests.answer(
        r.id,
        { ...ANSWER, prescriptionInitiale: code },
        'x',
        'DT',
        answered.toISOString(),
      );
      if (i < 11)
        await tx.requests.addEvent({
          requestId: r.id,
          at: new Date(answered.getTime() + HOUR).toISOString(),
          actor: 'x',
          kind: 'followup_requested',
        });
      if (i < 6)
        await tx.requests.setPrescription(
          r.id,
          'CEJ',
          'y',
          new Date(answered.getTime() + 2 * HOUR).toISOString(),
        );
    }
    // 00:30 on 1 January 2026 in Paris: in 2026. 23:30 on 31 December 2025 in Paris: not.
    await tx.requests.insert(request('2025-12-31T23:30:00.000Z'), null);
    await tx.requests.insert(request('2025-12-31T22:30:00.000Z'), null);
    for (const at of ['2026-06-01T10:00:00.000Z', '2026-06-02T10:00:00.000Z'])
      await tx.requests.insert(request(at), null);
    for (const at of ['2026-07-01T10:00:00.000Z', '2026-07-02T10:00:00.000Z'])
      await tx.requests.insert(request(at, { status: 'annulee' }), null);
    // Another partnership's requests never count in the Rhône's bilan.
    for (const at of [
      '2026-04-01T10:00:00.000Z',
      '2026-04-02T10:00:00.000Z',
      '2026-04-03T10:00:00.000Z',
    ])
      await tx.requests.insert(
        request(at, { mlId: 'ml-grenoble', dtId: 'dt-grenoble', partnershipId: 'isere' }),
        null,
      );
    await tx.committees.insert(committee('c1', 'COPIL', '2026-03-10T09:00:00.000Z'), null);
    await tx.committees.insert(committee('c2', 'COTECH', '2026-05-12T07:30:00.000Z'), null);
    await tx.committees.insert(committee('c3', 'COTECH', '2026-10-06T07:30:00.000Z'), null);
    await tx.committees.insert(committee('c4', 'COTECH', '2026-11-03T08:30:00.000Z'), null);
    await tx.committees.cancel('c4', '2026-10-01T08:00:00.000Z');
    await tx.committees.insert(committee('c5', 'IMMERSION', '2027-01-20T08:30:00.000Z'), null);
  });
}

/** Every chart of a card with its figures and its fallback's, as [label, value] pairs. */
export function chartsOf(card: unknown) {
  return cardNodes(card)
    .filter((node) => String(node.type).startsWith('Chart.'))
    .map((chart) => {
      const data = chart.data as Record<string, unknown>[];
      const fallback = chart.fallback as { type: string; rows: { cells: unknown[] }[] };
      return {
        type: String(chart.type),
        title: String(chart.title),
        figures: data.map((d) => [String(d.x ?? d.legend), d.y ?? d.value]),
        fallbackType: fallback?.type,
        fallback: (fallback?.rows ?? []).map((row) =>
          cardNodes(row.cells)
            .filter((c) => c.type === 'TextBlock')
            .map((c) => String(c.text)),
        ),
      };
    });
}

export const facts = (card: unknown) =>
  Object.fromEntries(
    cardNodes(card)
      .filter((node) => node.type === 'FactSet')
      .flatMap((f) =>
        (f.facts as { title: string; value: string }[]).map((x) => [x.title, x.value]),
      ),
  );

export async function say(
  bot: TestBot,
  who: typeof people.dtAdmin,
  words: string,
): Promise<Recorded[]> {
  const before = bot.connector.recorded.length;
  const res = await post(bot.url, messageActivity(who, bot.serviceUrl, words));
  assert.equal(res.status, 200);
  return bot.connector.recorded.slice(before);
}

/** Decrypts with Debian's msoffcrypto-tool, as a partner's Excel would open it. */
export async function openWithMsoffcrypto(
  file: Buffer,
  password: string,
): Promise<ExcelJS.Workbook> {
  const dir = mkdtempSync(join(tmpdir(), 'bilan-xlsx-'));
  try {
    writeFileSync(join(dir, 'in.xlsx'), file);
    const run = spawnSync(
      'msoffcrypto-tool',
      ['-p', password, join(dir, 'in.xlsx'), join(dir, 'out.xlsx')],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 0, run.stderr);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(dir, 'out.xlsx')) as unknown as ExcelJS.Buffer);
    return workbook;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const sheetRows = (sheet: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};
