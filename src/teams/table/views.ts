/**
 * The national table's cards (issue 4): progress and result of an export or import, the
 * password card of the requester's personal chat, the password form of an encrypted upload.
 * None carries personal data: rows are named by their line, never by their values.
 */
import { toFrDate } from '../../domain/fields';
import type { TablePeriod } from '../../domain/table-period';
import type { FileError } from '../../domain/errors';
import type { ImportResult } from '../../files/import-table';
import { format, fr, frDateTime } from '../../i18n/fr';
import { frRows } from '../../i18n/fr-tableau';
import { cardAttachment, renderCard, type Card } from '../cards/render';
import { ownValue } from '../../domain/lookup';
import type { RowRefusal } from '../../domain/request-import-codes';
import { frImportUpdates } from '../../i18n/fr-import-updates';

const t = fr.tableau;
/** A card holds about 28 KB: the report names the first refused lines, then counts the rest. */
const MAX_REPORT_LINES = 50;

export interface StatusOptions {
  title?: string;
  text: string;
  color?: 'Default' | 'Good' | 'Attention' | 'Warning';
  notes?: string[];
  lines?: { heading: string; detail: string }[];
  url?: string;
  urlTitle?: string;
}

/** A progress, result or refusal card of the export or the import. */
export function statusCard(o: StatusOptions): Card {
  return renderCard('tableau-etat', {
    title: o.title ?? t.export.title,
    text: o.text,
    color: o.color ?? 'Default',
    notes: o.notes ?? [],
    lines: o.lines ?? [],
    url: o.url ?? '',
    urlTitle: o.urlTitle ?? '',
  });
}

/** "Préparation du tableau…", answered at once to `/tableau`. */
export function exportProgressCard(structure: string, period: TablePeriod): Card {
  return statusCard({
    text: format(t.export.preparing, {
      structure,
      from: toFrDate(period.from),
      to: toFrDate(period.to),
    }),
  });
}

export interface ReadyInfo {
  structure: string;
  period: TablePeriod;
  rowCount: number;
  fileName: string;
  /** Where the password went: this chat (personal) or the requester's personal chat. */
  passwordHere: boolean;
}

/** The ready text, after a line that says the table has no row when it has none. */
function emptyFirst(info: ReadyInfo, template: string, values: Record<string, string | number>) {
  const ready = format(template, values);
  if (info.rowCount > 0) return ready;
  return `${format(t.export.empty, values)}\n\n${ready}`;
}

/** The export's result when the file waits behind a signed link. */
export function exportLinkCard(info: ReadyInfo, url: string, expiresAt: Date, uses: number): Card {
  return statusCard({
    text: emptyFirst(info, t.export.readyLink, {
      structure: info.structure,
      rows: frRows(info.rowCount),
      from: toFrDate(info.period.from),
      to: toFrDate(info.period.to),
      expires: frDateTime(expiresAt.toISOString()),
      uses,
    }),
    color: 'Good',
    notes: [
      info.fileName,
      info.passwordHere ? t.export.passwordBelow : t.export.passwordInPersonalChat,
    ],
    url,
    urlTitle: t.export.download,
  });
}

/** The export's result when the file went to the channel's files through Graph. */
export function exportGraphCard(info: ReadyInfo, webUrl: string, name: string): Card {
  return statusCard({
    text: emptyFirst(info, t.export.readyGraph, {
      structure: info.structure,
      rows: frRows(info.rowCount),
      from: toFrDate(info.period.from),
      to: toFrDate(info.period.to),
      fileName: name,
    }),
    color: 'Good',
    notes: [info.passwordHere ? t.export.passwordBelow : t.export.passwordInPersonalChat],
    url: webUrl,
    urlTitle: t.export.openFile,
  });
}

/** The French text of a files-module refusal. */
export function fileErrorText(err: FileError): string {
  return fr.files.errors[err.code](err.details);
}

export interface PasswordView {
  secretId: string;
  fileName: string;
  until: string;
  /** Shown only in an invoke answer to its owner, never in a posted message. */
  password?: string;
  message?: string;
  /** No button once the password is erased or for someone else. */
  closed?: boolean;
}

/** The requester's password card: hidden (as posted), revealed (invoke answer) or closed. */
export function passwordCard(v: PasswordView): Card {
  const shown = !!v.password;
  return renderCard('tableau-motdepasse', {
    title: t.password.title,
    intro: format(t.password.intro, { fileName: v.fileName, until: frDateTime(v.until) }),
    message: v.message ?? '',
    password: v.password ?? '',
    shownLabel: t.password.shown,
    advice: t.password.advice,
    buttonTitle: v.closed ? '' : shown ? t.password.hide : t.password.reveal,
    secretId: v.secretId,
    hide: shown,
  });
}

/** The form asking for an uploaded file's open password. */
export function importPasswordCard(importId: string, fileName: string, message = ''): Card {
  return renderCard('tableau-import-motdepasse', {
    title: t.import.title,
    text: format(t.import.askPassword, { name: fileName }),
    message,
    passwordLabel: t.import.passwordLabel,
    submit: t.import.submit,
    importId,
  });
}

export interface ImportReport {
  result: ImportResult;
  side: 'ml' | 'dt';
  created: number;
  dtName: string;
  updated: number;
  unchanged: number;
  /** Rows that name a request they may not change (issue 13 §5). */
  rowRefusals: RowRefusal[];
}

/** The import's report: counts, then each refused row by its line, with the reason. */
export function importReportCard(r: ImportReport): Card {
  const u = frImportUpdates;
  const refused = r.result.refused.map((row) => ({
    line: row.line,
    detail: Object.entries(row.fieldErrors)
      .map(([field, code]) => `${ownValue(fr.labels, field) ?? field} : ${fieldText(code)}`)
      .join(' ; '),
  }));
  const rowRefusals = r.rowRefusals.map((d) => ({
    line: d.line,
    detail: format(u.reasons[d.reason], { number: d.number ?? '' }),
  }));
  const all = [...refused, ...rowRefusals].sort((a, b) => a.line - b.line);
  const lines = all
    .slice(0, MAX_REPORT_LINES)
    .map((l) => ({ heading: format(t.import.line, { line: l.line }), detail: l.detail }));
  const changed =
    r.side === 'dt'
      ? format(u.updatedDt, { n: r.updated, dt: r.dtName })
      : format(u.updatedMl, { n: r.updated });
  const notes = [
    format(u.counts, {
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      refused: all.length,
    }),
    r.side === 'ml'
      ? r.created
        ? format(t.import.created, { n: r.created, dt: r.dtName })
        : t.import.noneCreated
      : '',
    r.updated ? changed : r.side === 'dt' ? u.noneChanged : '',
    r.unchanged ? format(u.unchanged, { n: r.unchanged }) : '',
    r.result.ignoredColumns.length
      ? r.side === 'dt'
        ? u.dtIgnoredColumns
        : fr.files.import.ignoredColumns(
            r.result.ignoredColumns.map((f) => ownValue(fr.labels, f) ?? f),
          )
      : '',
    all.length > MAX_REPORT_LINES
      ? format(t.import.more, { n: all.length - MAX_REPORT_LINES })
      : '',
    all.length ? t.import.resend : '',
  ].filter((n) => n !== '');
  return statusCard({
    title: t.import.title,
    text: fr.files.import.summary(r.created + r.updated + r.unchanged, all.length),
    color: all.length ? 'Warning' : 'Good',
    notes,
    lines,
  });
}

function fieldText(code: string): string {
  return (
    ownValue(fr.fields, code) ??
    ownValue(fr.files.fieldErrors as Record<string, string>, code) ??
    fr.fields.E_FIELD_INVALID
  );
}

/** A message carrying one card, with a neutral summary (Teams stores and notifies it). */
export function cardMessage(card: Card, summary: string): Record<string, unknown> {
  return { type: 'message', summary, attachments: [cardAttachment(card)] };
}
