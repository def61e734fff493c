/**
 * A DT correspondent's national table that comes back (issue 13 §5): each row names a request
 * routed to the DT (by its n° de demande when the file has the column, else by the n° CIR among
 * the DT's requests) and carries the four DT fields. A `transmise` request gets flow 2's first
 * answer, an answered one a new version (request-life's update step), through the same steps as
 * the cards, all in one transaction: nothing is half-applied.
 */
import type { Caller, CorrespondentRecord, RequestRecord, StructureRecord } from './model';
import { answerStep, updateStep } from './request-answer-steps';
import type { RowRefusal } from './request-import-codes';
import type { RequestLifeDeps } from './request-life-types';
import type { Answer } from './schemas';
import type { Repo } from '../storage/store';

const ANSWER_FIELDS = [
  'positionnementLinguistique',
  'prescriptionInitiale',
  'heuresFL',
  'journeesFC',
] as const;
/** Requests of one n° CIR looked at to find the DT's current one. */
const CIR_MATCHES = 20;
const YIELD_EVERY = 10;

export interface AnsweredRow {
  line: number;
  numeroCir: string;
  answer?: Answer;
  requestNumber?: string;
}

export interface AnswerImportOutcome {
  /** First answers and new versions. */
  updated: { line: number; number: string }[];
  unchanged: { line: number; number: string }[];
  refused: RowRefusal[];
  dt: StructureRecord;
}

export interface AnswerImport {
  caller: Caller;
  person: CorrespondentRecord;
  dt: StructureRecord;
  rows: readonly AnsweredRow[];
  within?: (tx: Repo, outcome: AnswerImportOutcome) => Promise<void>;
}

/** Applies the rows in one transaction; see the file's comment. */
export async function importAnswers(
  deps: RequestLifeDeps,
  t: AnswerImport,
): Promise<AnswerImportOutcome> {
  const now = deps.clock.now().toISOString();
  const c = { by: t.caller.aadObjectId, byName: t.person.name, at: now };
  const outcome = await deps.store.transaction(async (tx) => {
    const result: AnswerImportOutcome = { updated: [], unchanged: [], refused: [], dt: t.dt };
    for (const [i, row] of t.rows.entries()) {
      if (i % YIELD_EVERY === YIELD_EVERY - 1)
        await new Promise((resolve) => setImmediate(resolve));
      const r = await find(tx, t.dt.id, row);
      // Another DT's request keeps its number to itself.
      const refuse = (reason: RowRefusal['reason']) =>
        result.refused.push({
          line: row.line,
          reason,
          ...(r?.dtId === t.dt.id ? { number: r.number } : {}),
        });
      if (!r) refuse('not_found');
      else if (r.dtId !== t.dt.id) refuse('other_dt');
      else if (r.status === 'annulee' || !r.identity) refuse('cancelled');
      else if (r.identity.numeroCir !== row.numeroCir) refuse('cir_mismatch');
      else if (!row.answer || same(r, row.answer))
        result.unchanged.push({ line: row.line, number: r.number });
      else {
        const done =
          r.status === 'transmise'
            ? await answerStep(deps, tx, r, r.version ?? 1, row.answer, c)
            : await updateStep(deps.lifeNotifier, tx, r, row.answer, c, changed(r, row.answer));
        // Inside one transaction the version cannot move under us; never half-applied.
        if (!done) throw new Error('request changed inside the import transaction');
        result.updated.push({ line: row.line, number: r.number });
      }
    }
    await t.within?.(tx, result);
    return result;
  });
  deps.wakeOutbox();
  return outcome;
}

/** The request a row names: its number, else the DT's newest request of the n° CIR not cancelled. */
async function find(tx: Repo, dtId: string, row: AnsweredRow): Promise<RequestRecord | undefined> {
  if (row.requestNumber) return tx.requests.getByNumber(row.requestNumber);
  const all = (await tx.requests.findByCir(row.numeroCir, dtId, CIR_MATCHES)).filter(
    (r) => r.dtId === dtId,
  );
  return all.find((r) => r.status !== 'annulee') ?? all[0];
}

const changed = (r: RequestRecord, a: Answer): string[] =>
  ANSWER_FIELDS.filter((f) => r.answer?.[f] !== a[f]);

const same = (r: RequestRecord, a: Answer): boolean =>
  r.status !== 'transmise' && changed(r, a).length === 0;
