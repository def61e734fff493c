/**
 * The import's half of flow 1 (issue 4): valid rows of a national table become requests exactly
 * as a form would make them — stored `transmise`, event, audit, the DT's card through the
 * notifier — all in one transaction, so that nothing is half-imported. A row about a request that
 * already exists (issue 13 §5: by its n° de demande when the file has the column, else by an open
 * request of the ML with the same n° CIR) is not created again: its prescriptionML is set through
 * flow 3's step, or it is reported unchanged, or refused with its reason.
 */
import type { Caller, PartnershipRecord, RequestRecord, StructureRecord } from './model';
import {
  insertNewRequest,
  requestCreated,
  type CardSource,
  type RequestServiceDeps,
} from './request-effects';
import type { Identity } from './schemas';
import { IMPORT_MOTIF } from './request-life-codes';
import type { Repo } from '../storage/store';
import { prescribeStep } from './request-answer-steps';
import type { RowRefusal } from './request-import-codes';

/** A validated row of an imported national table (files/import-table.ts), by its Excel line. */
export interface ImportedRow {
  line: number;
  identity: Identity;
  prescriptionML?: string;
  /** The request the row names (optional column "N° de demande"). */
  requestNumber?: string;
}

export interface ImportOutcome {
  created: RequestRecord[];
  /** Existing requests the rows changed. */
  updated: { line: number; number: string }[];
  /** Rows about an existing request that carry nothing new: its number. */
  unchanged: { line: number; number: string }[];
  /** Rows about a request they may not change, with the reason (never a person's value). */
  refused: RowRefusal[];
  dt: StructureRecord;
}

export interface ImportTarget {
  caller: Caller;
  ml: StructureRecord;
  dt: StructureRecord;
  partnership: PartnershipRecord;
  rows: readonly ImportedRow[];
  source: CardSource;
  within?: (tx: Repo, outcome: ImportOutcome) => Promise<void>;
}

/** Requests of one n° CIR looked at to find the ML's closed one. */
const CIR_MATCHES = 20;

/**
 * The number of the ML's request for each row's n° CIR: an open one, else a closed (`cloturee`)
 * one, so that a table coming back with its closed rows does not open them again. A cancelled
 * request is not matched: its n° CIR may be asked again.
 */
async function existingByCir(
  repo: Repo,
  mlId: string,
  rows: readonly ImportedRow[],
): Promise<Map<string, string>> {
  const cirs = rows.map((r) => r.identity.numeroCir);
  const found = await repo.tableFiles.openRequestsByCir(mlId, cirs);
  for (const row of rows) {
    const cir = row.identity.numeroCir;
    if (row.requestNumber || found.has(cir)) continue;
    const closed = (await repo.requests.findByCir(cir, mlId, CIR_MATCHES)).find(
      (r) => r.mlId === mlId && r.status === 'cloturee',
    );
    if (closed) found.set(cir, closed.number);
  }
  return found;
}

/** Rows created between two pauses, during which other users' turns run. */
const YIELD_EVERY = 10;

/** Creates the requests of the rows in one transaction; see the file's comment. */
export async function importRequests(
  deps: RequestServiceDeps,
  t: ImportTarget,
): Promise<ImportOutcome> {
  const { caller, ml, dt } = t;
  const now = deps.clock.now().toISOString();
  const year = Number(now.slice(0, 4));
  const known = await existingByCir(deps.store, ml.id, t.rows);
  const fresh = t.rows.filter((r) => !r.requestNumber && !known.has(r.identity.numeroCir)).length;
  const numbers = fresh
    ? await deps.store.transaction((tx) => tx.tableFiles.reserveNumbers(year, fresh))
    : [];
  const outcome = await deps.store.transaction(async (tx) => {
    // Checked again inside: a request opened meanwhile makes its row a duplicate (and a number
    // unused).
    const open = await existingByCir(tx, ml.id, t.rows);
    const result: ImportOutcome = { created: [], updated: [], unchanged: [], refused: [], dt };
    for (const [i, row] of t.rows.entries()) {
      // Each row costs about a millisecond (card, reminder schedule): let other turns run between
      // batches. Other transactions still wait for this one (SQLite has one writer).
      if (i % YIELD_EVERY === YIELD_EVERY - 1)
        await new Promise((resolve) => setImmediate(resolve));
      const existing = row.requestNumber ?? open.get(row.identity.numeroCir);
      if (existing) {
        await updateOne(deps, tx, caller, ml.id, row, existing, now, result);
        continue;
      }
      let request = await insertNewRequest(
        tx,
        caller,
        now,
        {
          number: numbers.shift() ?? (await tx.requests.nextNumber(year)),
          mlId: ml.id,
          dtId: dt.id,
          partnershipId: t.partnership.id,
          identity: row.identity,
          motif: IMPORT_MOTIF,
          sourceKey: null,
        },
        { action: 'request.import', detail: `imported, routed to ${dt.id}` },
      );
      if (row.prescriptionML) {
        await tx.requests.setPrescription(request.id, row.prescriptionML, caller.aadObjectId, now);
        await tx.requests.addEvent({
          requestId: request.id,
          at: now,
          actor: caller.aadObjectId,
          kind: 'prescribed',
          detail: 'prescriptionML set',
        });
        request = (await tx.requests.get(request.id)) as RequestRecord;
      }
      await requestCreated(deps, tx, request, dt, t.source);
      result.created.push(request);
    }
    await t.within?.(tx, result);
    return result;
  });
  deps.wakeOutbox();
  return outcome;
}

/**
 * A row about an existing request: flow 3's rules (the caller's own ML, not cancelled), then its
 * step; a row whose prescriptionML is empty or already recorded changes nothing.
 */
async function updateOne(
  deps: RequestServiceDeps,
  tx: Repo,
  caller: Caller,
  mlId: string,
  row: ImportedRow,
  number: string,
  now: string,
  result: ImportOutcome,
): Promise<void> {
  const r = await tx.requests.getByNumber(number);
  // Another structure's request keeps its number to itself.
  const refuse = (reason: RowRefusal['reason']) =>
    result.refused.push({
      line: row.line,
      reason,
      ...(r?.mlId === mlId ? { number: r.number } : {}),
    });
  if (!r) return void refuse('not_found');
  if (r.mlId !== mlId) return void refuse('other_ml');
  if (r.status === 'annulee' || !r.identity) return void refuse('cancelled');
  if (r.identity.numeroCir !== row.identity.numeroCir) return void refuse('cir_mismatch');
  if (!row.prescriptionML || row.prescriptionML === r.prescriptionML)
    return void result.unchanged.push({ line: row.line, number: r.number });
  await prescribeStep(deps, tx, caller, r, row.prescriptionML, now);
  result.updated.push({ line: row.line, number: r.number });
}
