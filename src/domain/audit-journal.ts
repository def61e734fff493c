/**
 * `/journal [n° demande | personne | période]` (issue 16 §1): the audit events a partnership's
 * admin may read — acted from the partnership's structures, or about its requests — and every
 * event for the global admins (ADMIN_IDS). The filter is read from what follows the command: a
 * request number (`2026-000042`, or `demande 2026-42`), else a period as `/tableau` reads it
 * (`2026`, `2026-03`, `01/03/2026..15/03/2026`), else a person's name in the directory.
 */
import type { AccessOptions } from './access';
import { requireAdmin } from './directory-scope';
import { DomainError } from './errors';
import type { Caller, CorrespondentRecord } from './model';
import { parseTablePeriod, periodInstants, type TablePeriod } from './table-period';
import { fold } from './text';
import type { AuditEvent, AuditQuery, Store } from '../storage/store';

export type JournalFilter =
  | { kind: 'all' }
  | { kind: 'request'; number: string }
  | { kind: 'period'; period: TablePeriod }
  | { kind: 'person'; text: string };

/** Reads the filter typed after `journal`. */
export function parseJournalFilter(args: string, now: Date): JournalFilter {
  const text = args.trim().replace(/\s+/g, ' ').slice(0, 100);
  if (!text) return { kind: 'all' };
  const number =
    /^(?:(?:n°|no|num[eé]ro|demande)\s*)(\d{4})-(\d{1,6})$/i.exec(text) ??
    /^(\d{4})-(\d{3,6})$/.exec(text);
  if (number) return { kind: 'request', number: `${number[1]}-${number[2].padStart(6, '0')}` };
  const period = parseTablePeriod(text, now);
  if (period) return { kind: 'period', period };
  return { kind: 'person', text };
}

export interface JournalScope {
  /** The structures whose events the caller reads, or every event. */
  structureIds: string[] | 'all';
}

/** Partnership admins and global admins only; anyone else is told who may. */
export async function journalScope(
  store: Store,
  caller: Caller,
  opts: AccessOptions,
): Promise<JournalScope> {
  try {
    const scope = await requireAdmin(caller, store, opts);
    return { structureIds: scope.all ? 'all' : [...scope.structureIds].sort() };
  } catch (err) {
    if (
      err instanceof DomainError &&
      (err.code === 'E_DIRECTORY_ADMIN_ONLY' || err.code === 'E_NOT_IN_DIRECTORY')
    )
      throw new DomainError('E_JOURNAL_ADMIN_ONLY');
    throw err;
  }
}

export interface JournalResult {
  events: AuditEvent[];
  total: number;
  /** The people the filter named (a name may match several). */
  matched: CorrespondentRecord[];
  /** The filter found nothing to look for (an unknown number or name). */
  unmatched: boolean;
}

/** One page of the journal, newest first. */
export async function readJournal(
  store: Store,
  scope: JournalScope,
  filter: JournalFilter,
  page: { limit: number; offset: number },
): Promise<JournalResult> {
  const q: AuditQuery = { structureIds: scope.structureIds, ...page };
  let matched: CorrespondentRecord[] = [];
  if (filter.kind === 'request') {
    const r = await store.requests.getByNumber(filter.number);
    const visible =
      r &&
      (scope.structureIds === 'all' ||
        [r.mlId, r.dtId].some((id) => scope.structureIds.includes(id)));
    if (!r || !visible) return { events: [], total: 0, matched, unmatched: true };
    q.requestId = r.id;
  } else if (filter.kind === 'period') {
    const { start, end } = periodInstants(filter.period);
    q.from = start;
    q.to = end;
  } else if (filter.kind === 'person') {
    const wanted = fold(filter.text);
    matched = (await store.directory.allCorrespondents()).filter(
      (p) =>
        fold(p.name).includes(wanted) &&
        (scope.structureIds === 'all' || scope.structureIds.includes(p.structureId)),
    );
    if (!matched.length) return { events: [], total: 0, matched, unmatched: true };
    q.actors = matched.map((p) => p.aadObjectId);
  }
  const { events, total } = await store.audit.list(q);
  return { events, total, matched, unmatched: false };
}
