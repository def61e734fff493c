/** The journal's card and the rows of its file: events named in French, people by their name. */
import { toFrDate } from '../../domain/fields';
import type { JournalFilter, JournalResult } from '../../domain/audit-journal';
import { format, frDateTime } from '../../i18n/fr';
import { frJournal as t } from '../../i18n/fr-journal';
import type { AuditEvent, Store } from '../../storage/store';
import { renderCard, type Card } from '../cards/render';

export const JOURNAL_PAGE = 10;

const own = (table: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** Names of actors and structures, looked up once per card or file. */
export class JournalNames {
  private readonly people = new Map<string, string>();
  private readonly structures = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly adminIds: string[],
  ) {}

  async who(actor: string): Promise<string> {
    if (actor === 'system') return t.system;
    if (!this.people.has(actor)) {
      const p = await this.store.directory.getCorrespondent(actor);
      this.people.set(
        actor,
        p?.name ??
          (this.adminIds.includes(actor) ? t.globalAdmin : format(t.unknownPerson, { id: actor })),
      );
    }
    return this.people.get(actor)!;
  }

  async structure(id: string | null): Promise<string> {
    if (!id) return '';
    if (!this.structures.has(id))
      this.structures.set(id, (await this.store.directory.getStructure(id))?.name ?? id);
    return this.structures.get(id)!;
  }
}

export const actionLabel = (action: string): string => own(t.actions, action) ?? action;
export const outcomeLabel = (outcome: string): string => own(t.outcomes, outcome) ?? outcome;

/** The filter in words, for the card's summary and the file's "Informations" sheet. */
export function filterText(filter: JournalFilter, result?: JournalResult): string {
  switch (filter.kind) {
    case 'request':
      return format(t.filterRequest, { number: filter.number });
    case 'period':
      return format(t.filterPeriod, {
        from: toFrDate(filter.period.from),
        to: toFrDate(filter.period.to),
      });
    case 'person':
      return format(t.filterPerson, {
        names: result?.matched.length ? result.matched.map((p) => p.name).join(', ') : filter.text,
      });
    default:
      return t.filterAll;
  }
}

function unmatchedText(filter: JournalFilter): string {
  if (filter.kind === 'request') return format(t.requestUnknown, { number: filter.number });
  if (filter.kind === 'person') return format(t.personUnknown, { text: filter.text });
  return t.empty;
}

async function line(e: AuditEvent, names: JournalNames) {
  const structure = await names.structure(e.actorStructureId);
  return {
    heading: format(t.line, {
      action: actionLabel(e.action),
      outcome: outcomeLabel(e.outcome),
      request: e.requestNumber ? format(t.lineRequest, { number: e.requestNumber }) : '',
    }),
    detail: format(t.lineDetail, {
      date: frDateTime(e.at),
      who: await names.who(e.actor),
      structure: structure ? ` (${structure})` : '',
    }),
  };
}

/** One page of the journal as a card, with its page and export buttons. */
export async function journalCard(o: {
  q: string;
  offset: number;
  filter: JournalFilter;
  result: JournalResult;
  all: boolean;
  names: JournalNames;
  message?: string;
}): Promise<Card> {
  const { result, offset } = o;
  const page = Math.floor(offset / JOURNAL_PAGE) + 1;
  const pageCount = Math.max(1, Math.ceil(result.total / JOURNAL_PAGE));
  const lines = [];
  for (const e of result.events) lines.push(await line(e, o.names));
  return renderCard('journal', {
    title: t.title,
    scope: o.all ? t.scopeAll : t.scopeOwn,
    summary: format(t.summary, { total: result.total, filter: filterText(o.filter, result) }),
    empty: lines.length === 0,
    emptyText: result.unmatched ? unmatchedText(o.filter) : t.empty,
    lines,
    paged: pageCount > 1,
    pageText: format(t.pageOf, { page, pageCount }),
    hasPrevious: offset > 0,
    hasNext: offset + JOURNAL_PAGE < result.total,
    previousData: { q: o.q, offset: Math.max(0, offset - JOURNAL_PAGE), cardVersion: 1 },
    nextData: { q: o.q, offset: offset + JOURNAL_PAGE, cardVersion: 1 },
    canExport: result.total > 0,
    exportData: { q: o.q, offset: 0, cardVersion: 1 },
    message: o.message ?? '',
    labels: t,
  });
}

/** The file's rows: one per event, header first; no person's fields exist to leak. */
export async function journalRows(
  events: AuditEvent[],
  names: JournalNames,
): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [t.file.headers];
  for (const e of events)
    rows.push([
      frDateTime(e.at),
      await names.who(e.actor),
      e.actor,
      await names.structure(e.actorStructureId),
      actionLabel(e.action),
      outcomeLabel(e.outcome),
      e.requestNumber ?? '',
      e.detail ?? '',
    ]);
  return rows;
}
