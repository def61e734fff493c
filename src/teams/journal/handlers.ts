/**
 * `/journal [n° demande | personne | période]` and its buttons (issue 16 §1): the audit journal,
 * paged, for the partnership's admins and the global admins; "Exporter" builds a protected xlsx
 * for the DPO through the same machinery as the bilan and the national table. Reading the journal
 * is itself an audit event.
 */
import {
  journalScope,
  parseJournalFilter,
  readJournal,
  type JournalFilter,
  type JournalScope,
} from '../../domain/audit-journal';
import { DomainError } from '../../domain/errors';
import type { Caller } from '../../domain/model';
import { frDateTime } from '../../i18n/fr';
import { frJournal as t } from '../../i18n/fr-journal';
import type { Card } from '../cards/render';
import type { BotServices, CommandHandler, VerbHandler } from '../feature';
import { cardPlace } from '../table/jobs';
import { deliverProtectedFile, fileFailed } from '../table/protected-delivery';
import type { CardPlace } from '../table/wiring';
import type { AuditJournalRef } from '../verb-data';
import { JOURNAL_PAGE, JournalNames, filterText, journalCard, journalRows } from './views';

/** The file holds at most this many events, newest first (the card says to narrow the period). */
export const JOURNAL_FILE_MAX = 20_000;

const describe = (f: JournalFilter): string =>
  f.kind === 'request'
    ? `request=${f.number}`
    : f.kind === 'period'
      ? `period=${f.period.from}..${f.period.to}`
      : f.kind === 'person'
        ? 'by=person'
        : 'all';

async function page(
  services: BotServices,
  caller: Caller,
  q: string,
  offset: number,
  message?: string,
): Promise<Card> {
  const scope = await journalScope(services.store, caller, services.config);
  const filter = parseJournalFilter(q, services.clock.now());
  const result = await readJournal(services.store, scope, filter, { limit: JOURNAL_PAGE, offset });
  await services.store.audit.record({
    at: services.clock.now().toISOString(),
    actor: caller.aadObjectId,
    action: 'journal.read',
    detail: `${describe(filter)} offset=${offset}`,
  });
  return journalCard({
    q,
    offset,
    filter,
    result,
    all: scope.structureIds === 'all',
    names: new JournalNames(services.store, services.config.adminIds),
    message,
  });
}

export const journalCommand: CommandHandler = ({ caller, args, services }) =>
  page(services, caller, args, 0);

export const journalPage: VerbHandler<AuditJournalRef> = ({ caller, data, services }) =>
  page(services, caller, data.q, data.offset);

/** "Exporter": answers at once; the file is built and delivered after the turn. */
export const exportJournal: VerbHandler<AuditJournalRef> = async ({
  caller,
  data,
  activity,
  services,
}) => {
  const scope = await journalScope(services.store, caller, services.config);
  // The password goes to the personal chat only: without one, nothing is built.
  const personal = await services.store.references.get('user', caller.aadObjectId);
  if (!personal) throw new DomainError('E_JOURNAL_PERSONAL_ONLY');
  const place = await cardPlace(services, activity, null);
  const filter = parseJournalFilter(data.q, services.clock.now());
  services.tableau.background('journal', () =>
    buildAndDeliver(services, { caller, scope, filter, place, personal }),
  );
  return page(services, caller, data.q, data.offset, t.exportPreparing);
};

interface JournalFileJob {
  caller: Caller;
  scope: JournalScope;
  filter: JournalFilter;
  place: CardPlace;
  personal: Record<string, unknown>;
}

async function buildAndDeliver(s: BotServices, job: JournalFileJob): Promise<void> {
  const f = t.file;
  const log = { userId: job.caller.aadObjectId, filter: describe(job.filter) };
  try {
    const result = await readJournal(s.store, job.scope, job.filter, {
      limit: JOURNAL_FILE_MAX,
      offset: 0,
    });
    const names = new JournalNames(s.store, s.config.adminIds);
    const now = s.clock.now();
    const day = now.toISOString().slice(0, 10);
    const built = await s.tableau.pool.buildBilanFile(
      [{ name: f.sheet, rows: await journalRows(result.events, names) }],
      {
        infoSheetName: f.info,
        fileName: `journal-audit_passerelle-cir_${day}.xlsx`,
        info: [
          [f.title],
          [],
          [f.scope, job.scope.structureIds === 'all' ? t.scopeAll : t.scopeOwn],
          [f.filter, filterText(job.filter, result)],
          [f.generatedAt, frDateTime(now.toISOString())],
          [f.generatedBy, await names.who(job.caller.aadObjectId)],
          [f.rowCount, result.events.length],
          ...(result.total > result.events.length
            ? [[f.truncated.replace('{max}', String(JOURNAL_FILE_MAX))]]
            : []),
          [],
          [f.notice],
        ],
      },
      now,
    );
    await deliverProtectedFile(s, {
      caller: job.caller,
      place: job.place,
      personal: job.personal,
      structureId: job.caller.person?.structureId ?? 'global',
      built,
      title: f.title,
      ready: (until, uses) => f.ready(result.events.length, until, uses),
      downloadTitle: f.download,
      audit: {
        action: 'journal.export',
        detail: `${describe(job.filter)} events=${result.events.length}`,
      },
    });
    s.logger.info({ ...log, events: result.events.length }, 'audit journal exported');
  } catch (err) {
    await fileFailed(
      s,
      {
        place: job.place,
        title: f.title,
        text: f.failed,
        log,
        message: 'audit journal export failed',
      },
      err,
    );
  }
  s.wakeOutbox();
}
