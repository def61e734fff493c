/**
 * Who imports a national table and what a DT correspondent's table does (issue 13 §5): its rows
 * answer or update the DT's requests through the request-life service, in one transaction, and
 * the report counts updated / unchanged / refused rows.
 */
import type { Caller } from '../../domain/model';
import type { ImportResult } from '../../files/import-table';
import { fr } from '../../i18n/fr';
import type { Repo } from '../../storage/store';
import type { Card } from '../cards/render';
import type { BotServices } from '../feature';
import { importReportCard, statusCard } from './views';

const t = fr.tableau.import;

/** The import job as far as these steps need it. */
export interface ImportedBy {
  id: string;
  caller: Caller;
}

/** A DT correspondent's table: answers and updates of the DT's requests, in one transaction. */
export async function runDtImport(
  s: BotServices,
  job: ImportedBy,
  result: ImportResult,
  finish: (tx: Repo, report: Card) => Promise<void>,
): Promise<Card> {
  const rows = result.answers ?? [];
  let report: Card = statusCard({ title: t.title, text: '' });
  await s.requestLife.importAnswers(job.caller, rows, async (tx, outcome) => {
    const counts = {
      created: 0,
      updated: outcome.updated.length,
      unchanged: outcome.unchanged.length,
    };
    report = importReportCard({
      result,
      side: 'dt',
      ...counts,
      dtName: outcome.dt.name,
      rowRefusals: outcome.refused,
    });
    await auditImport(s, tx, job, counts, result.refused.length + outcome.refused.length);
    await finish(tx, report);
  });
  s.logger.info(
    {
      jobId: job.id,
      userId: job.caller.aadObjectId,
      accepted: rows.length,
      refused: result.refused.length,
    },
    'national table imported',
  );
  return report;
}

/** Who imports: a DT correspondent ('dt'), else an advisor of an ML in a partnership ('ml'). */
export async function importSide(s: BotServices, caller: Caller): Promise<'ml' | 'dt'> {
  const person = caller.person;
  if (person?.role === 'correspondant') {
    const structure = await s.store.directory.getStructure(person.structureId);
    if (structure?.kind === 'DT') return 'dt';
  }
  await s.requests.formContext(caller);
  return 'ml';
}

/** One audit line per import: counts only, never a row's values. */
export async function auditImport(
  s: BotServices,
  tx: Repo,
  job: ImportedBy,
  c: { created: number; updated: number; unchanged: number },
  refused: number,
): Promise<void> {
  await tx.audit.record({
    at: s.clock.now().toISOString(),
    actor: job.caller.aadObjectId,
    action: 'table.import',
    detail: `structure=${job.caller.person?.structureId ?? ''} created=${c.created} updated=${c.updated} unchanged=${c.unchanged} refused=${refused}`,
  });
}
