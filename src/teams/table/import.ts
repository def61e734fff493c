/**
 * Import of a filled national table (issue 4 §5–§6): an advisor sends the .xlsx in the personal
 * chat. The bot answers at once with a progress card, then, off the turn: download with a size
 * limit, parse and validate in the worker pool, and either ask the open password (the upload
 * waits, encrypted, for `tableau.importer`), refuse the whole file, or apply the valid rows in
 * one transaction and report every refused row by its line. An advisor's rows create requests or
 * set prescriptionML on the ML's existing ones; a DT correspondent's rows answer or update the
 * DT's requests (issue 13 §5).
 */
import { DomainError } from '../../domain/errors';
import type { Caller } from '../../domain/model';
import { isFileError } from '../../domain/errors';
import type { ImportProgress } from '../../files/import-table';
import { format, fr } from '../../i18n/fr';
import { frImportUpdates } from '../../i18n/fr-import-updates';
import type { Repo } from '../../storage/store';
import type { TableFileRepository } from '../../storage/repositories';
import type { Card } from '../cards/render';
import type { BotServices, CommandContext, VerbHandler } from '../feature';
import { downloadSentFile, sentFile } from '../edge/file-attachment';
import { ALWAYS_LATE, answerWithin, type Handoff } from '../edge/handoff';
import { enqueueCard, type CardPlace } from './wiring';
import { auditImport, importSide, runDtImport } from './import-side';
import { cardPlace, newId, startJob } from './jobs';
import {
  cardMessage,
  fileErrorText,
  importPasswordCard,
  importReportCard,
  statusCard,
} from './views';
import type { ImportPassword } from '../verb-data';

const t = fr.tableau.import;
const MAX_PASSWORD_ATTEMPTS = 5;
/** How long an encrypted upload waits for its password. */
const PENDING_MS = 30 * 60_000;
/** An invoke answers with the result if it comes this soon, else with a progress card. */
const INVOKE_BUDGET_MS = 5_000;
const PROGRESS_EVERY_MS = 2_000;
/** Up to this many rows to create, an invoke waits for them and answers with the report itself. */
const SETTLE_IN_ROWS = 300;
/**
 * Extensions worth opening (an .xls or .ods is refused by the parser with its own message); '' when
 * Teams gives none.
 */
const SPREADSHEET_TYPES = ['xlsx', 'xlsm', 'xls', 'ods', 'csv', ''];

interface ImportJob {
  id: string;
  caller: Caller;
  place: CardPlace;
  fileName: string;
  url?: string;
  bytes?: Buffer;
  password?: string;
  /** The waiting encrypted upload this attempt works on. */
  pendingId?: string;
  attempts?: number;
  /** Whose table, once known: a refused DT file changed no request, rather than created none. */
  side?: 'ml' | 'dt';
}

/** A file sent without a command: the table import (JSON files went to the directory first). */
export async function importDroppedTable(ctx: CommandContext): Promise<Card | Card[] | null> {
  return sentFile(ctx.activity) ? importTableCommand(ctx) : null;
}

/** Starts the import of the message's file: a progress card now, the work after the turn. */
export async function importTableCommand({
  caller,
  activity,
  turn,
  services,
}: CommandContext): Promise<Card | Card[]> {
  const file = sentFile(activity);
  if (!file) return [];
  if (activity.conversation.conversationType !== 'personal')
    throw new DomainError('E_TABLEAU_IMPORT_PERSONAL_ONLY');
  // An advisor of an ML in a partnership or a DT correspondent, or a refusal before any download.
  await importSide(services, caller);
  if (!SPREADSHEET_TYPES.includes(file.type)) {
    return [
      statusCard({
        title: t.title,
        text: fr.files.errors.E_IMPORT_NOT_XLSX(),
        notes: [t.refusedFile],
        color: 'Attention',
      }),
    ];
  }
  const sent = await turn.sendActivity(
    cardMessage(
      statusCard({ title: t.title, text: format(t.reading, { name: file.name }) }),
      t.title,
    ),
  );
  const job: ImportJob = {
    id: newId(),
    caller,
    place: await cardPlace(services, activity, sent?.id ?? null),
    fileName: file.name,
    url: file.url,
  };
  await startJob(services, job.id, 'import', caller, job.place);
  services.tableau.background(
    'import',
    async () => void (await runImport(services, job, ALWAYS_LATE)),
  );
  return [];
}

/**
 * `tableau.importer`: the open password of a waiting upload; the card comes back on a wrong one.
 */
export const importWithPassword: VerbHandler<ImportPassword> = async ({
  caller,
  data,
  activity,
  services,
}) => {
  const { importId, motDePasse: password } = data;
  const repo = services.store.tableFiles;
  const claimed = importId
    ? await repo.claimImport(importId, caller.aadObjectId, services.clock.now().toISOString())
    : undefined;
  if (!claimed)
    return statusCard({
      title: t.title,
      text: fr.errors.E_TABLEAU_IMPORT_GONE,
      color: 'Attention',
    });
  if (claimed === 'running')
    return statusCard({ title: t.title, text: fr.errors.E_TABLEAU_IMPORT_RUNNING });
  if (password === '') {
    await repo.releaseImport(importId, false);
    return importPasswordCard(importId, claimed.fileName, fr.fields.E_FIELD_REQUIRED);
  }
  const place = await cardPlace(services, activity, activity.replyToId ?? claimed.activityId);
  const job: ImportJob = {
    id: newId(),
    caller,
    place,
    fileName: claimed.fileName,
    bytes: claimed.content,
    password,
    pendingId: importId,
    attempts: claimed.attempts,
  };
  await startJob(services, job.id, 'import', caller, place);
  return answerWithin(
    INVOKE_BUDGET_MS,
    statusCard({ title: t.title, text: t.checking }),
    (handoff) => {
      const work = runImport(services, job, handoff);
      services.tableau.background('import', async () => void (await work));
      return work;
    },
    () => undefined,
  );
};

/**
 * The import itself; returns the final card and, when late, posts it in place of the progress card.
 */
async function runImport(s: BotServices, job: ImportJob, handoff: Handoff): Promise<Card> {
  const upload = s.config.uploads.nationalTable;
  const limits = { ...upload, maxRows: s.tableau.settings.importMaxRows };
  const progress = progressUpdates(s, job, handoff);
  let file: Buffer | undefined = job.bytes;
  try {
    const side = await importSide(s, job.caller);
    job.side = side;
    file = file ?? (await downloadSentFile(job.url ?? '', upload, s.config.local));
    const result = await s.tableau.pool.importNationalTable(
      file,
      { context: s.requests.schemaContext(), password: job.password, limits, side },
      progress.onProgress,
    );
    if (side === 'dt') {
      await progress.flush();
      const late = handoff.settle((result.answers ?? []).length > SETTLE_IN_ROWS);
      return await runDtImport(s, job, result, (tx, report) =>
        finish(s, tx, job, report, late, 'done', async (repo) =>
          job.pendingId ? repo.deleteImport(job.pendingId) : undefined,
        ),
      );
    }
    await progress.flush();
    // Many rows to create: the invoke answers now rather than wait for them.
    const late = handoff.settle(result.accepted.length > SETTLE_IN_ROWS);
    let report: Card = statusCard({ title: t.title, text: '' });
    const source = {
      conversationId: job.place.conversationId,
      activityId: null,
      reference: job.place.reference,
    };
    await s.requests.importRows(job.caller, result.accepted, source, async (tx, outcome) => {
      const counts = {
        created: outcome.created.length,
        updated: outcome.updated.length,
        unchanged: outcome.unchanged.length,
      };
      report = importReportCard({
        result,
        side: 'ml',
        ...counts,
        dtName: outcome.dt.name,
        rowRefusals: outcome.refused,
      });
      await auditImport(s, tx, job, counts, result.refused.length + outcome.refused.length);
      await finish(s, tx, job, report, late, 'done', async (repo) =>
        job.pendingId ? repo.deleteImport(job.pendingId) : undefined,
      );
    });
    s.logger.info(
      {
        jobId: job.id,
        userId: job.caller.aadObjectId,
        accepted: result.accepted.length,
        refused: result.refused.length,
      },
      'national table imported',
    );
    return report;
  } catch (err) {
    await progress.flush();
    const late = handoff.settle();
    const { card, after } = refusal(s, job, err, file);
    await s.store.transaction(async (tx) => {
      await auditRefusedImport(s, tx, job, err);
      await finish(s, tx, job, card, late, 'failed', after);
    });
    s.wakeOutbox();
    return card;
  }
}

/** A refused (or failed) import is an audit event too; a file waiting for its password is not. */
async function auditRefusedImport(s: BotServices, tx: Repo, job: ImportJob, err: unknown) {
  const code = isFileError(err) || err instanceof DomainError ? err.code : 'E_INTERNAL';
  if (code === 'E_IMPORT_PASSWORD_REQUIRED') return;
  await tx.audit.record({
    at: s.clock.now().toISOString(),
    actor: job.caller.aadObjectId,
    action: 'table.import',
    detail: `code=${code}`,
    outcome: code === 'E_INTERNAL' ? 'error' : 'refused',
  });
}

/** The card for a refused file, and what becomes of the waiting upload. */
function refusal(
  s: BotServices,
  job: ImportJob,
  err: unknown,
  file: Buffer | undefined,
): { card: Card; after: (repo: TableFileRepository) => Promise<void> } {
  const log = { jobId: job.id, userId: job.caller.aadObjectId };
  if (isFileError(err) && err.code === 'E_IMPORT_PASSWORD_REQUIRED' && file && !job.pendingId) {
    const pendingId = newId();
    const now = s.clock.now();
    return {
      card: importPasswordCard(pendingId, job.fileName),
      after: (repo) =>
        repo.saveImport(
          {
            id: pendingId,
            owner: job.caller.aadObjectId,
            conversationId: job.place.conversationId,
            activityId: job.place.activityId,
            fileName: job.fileName,
            content: file,
            attempts: 0,
            expiresAt: new Date(now.getTime() + PENDING_MS).toISOString(),
          },
          now.toISOString(),
        ),
    };
  }
  if (isFileError(err) && err.code === 'E_IMPORT_BAD_PASSWORD' && job.pendingId) {
    const pendingId = job.pendingId;
    const left = MAX_PASSWORD_ATTEMPTS - ((job.attempts ?? 0) + 1);
    s.logger.warn({ ...log, code: err.code, attemptsLeft: left }, 'import refused');
    if (left <= 0) {
      return {
        card: statusCard({
          title: t.title,
          text: `${fileErrorText(err)} ${fr.errors.E_TABLEAU_IMPORT_GONE}`,
          color: 'Attention',
        }),
        after: (repo) => repo.deleteImport(pendingId),
      };
    }
    const message = `${fileErrorText(err)} ${format(t.attemptsLeft, { n: left })}`;
    return {
      card: importPasswordCard(pendingId, job.fileName, message),
      after: (repo) => repo.releaseImport(pendingId, true),
    };
  }
  let lines: string[];
  if (isFileError(err)) {
    s.logger.warn({ ...log, ...err.toLog() }, 'import refused');
    lines = fileErrorText(err).split('\n');
  } else if (err instanceof DomainError) {
    s.logger.warn({ ...log, code: err.code }, 'import refused');
    lines = [fr.errors[err.code]];
  } else {
    s.logger.error({ ...log, code: 'E_INTERNAL', err: (err as Error)?.name }, 'import failed');
    lines = [fr.errors.E_INTERNAL];
  }
  const pendingId = job.pendingId;
  return {
    card: statusCard({
      title: t.title,
      text: lines[0],
      notes: [...lines.slice(1), job.side === 'dt' ? frImportUpdates.refusedFile : t.refusedFile],
      color: 'Attention',
    }),
    after: async (repo) => (pendingId ? repo.deleteImport(pendingId) : undefined),
  };
}

/**
 * Posts the final card when late, closes the job, and settles the waiting upload, in the caller's
 * transaction.
 */
async function finish(
  s: BotServices,
  tx: Repo,
  job: ImportJob,
  card: Card,
  late: boolean,
  status: 'done' | 'failed',
  after: (repo: TableFileRepository) => Promise<void>,
): Promise<void> {
  const at = s.clock.now().toISOString();
  const repo = tx.tableFiles;
  if (late) await enqueueCard(tx, job.place, card, t.title, at);
  await after(repo);
  await repo.finishJob(job.id, status, at);
}

/**
 * Progress cards for large files, at most every 2 s, only once the progress card is the one shown.
 */
function progressUpdates(s: BotServices, job: ImportJob, handoff: Handoff) {
  let last = 0;
  let queued: Promise<void> = Promise.resolve();
  return {
    onProgress(p: ImportProgress): void {
      const now = s.clock.now();
      if (
        !handoff.late ||
        !job.place.activityId ||
        p.done >= p.total ||
        now.getTime() - last < PROGRESS_EVERY_MS
      )
        return;
      last = now.getTime();
      const card = statusCard({ title: t.title, text: fr.files.import.progress(p.done, p.total) });
      queued = queued
        .then(() =>
          s.store.transaction((tx) => enqueueCard(tx, job.place, card, t.title, now.toISOString())),
        )
        .then(() => s.wakeOutbox())
        .catch((err: Error) =>
          s.logger.warn({ jobId: job.id, err: err.name }, 'import progress card not queued'),
        );
    },
    /** Lets queued progress cards commit before the result, so they never overwrite it. */
    flush: () => queued,
  };
}
