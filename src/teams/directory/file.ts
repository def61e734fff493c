/**
 * The directory file in Teams (issue 3 §6): `annuaire export` answers with a signed download
 * link, in personal chat only; an admin imports by sending the JSON file in personal chat (with
 * or without `annuaire import`). The import answers at once with a progress card, updated with
 * the report when it ends.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { DomainError } from '../../domain/errors';
import { isFileError } from '../../domain/errors';
import type { ImportReport } from '../../domain/directory-transfer';
import { format, fr } from '../../i18n/fr';
import { cardAttachment, type Card } from '../cards/render';
import { ownValue } from '../../domain/lookup';
import type { BotServices, CommandContext } from '../feature';
import { listCard } from './views';
import { downloadSentFile, sentFiles } from '../edge/file-attachment';

const d = fr.directory;

function requirePersonal(activity: Activity): void {
  if (activity.conversation.conversationType !== 'personal')
    throw new DomainError('E_DIRECTORY_PERSONAL_ONLY');
}

/** `annuaire export`: the admin's part of the directory, as a DESIGN.md §1 file behind a link. */
export async function exportDirectory({
  caller,
  activity,
  services,
}: CommandContext): Promise<Card> {
  await services.directory.admin.scope(caller);
  requirePersonal(activity);
  const file = await services.directory.transfer.exportFile(caller);
  const { url } = await services.directoryDownloads.publish(
    caller.aadObjectId,
    `${JSON.stringify(file, null, 2)}\n`,
  );
  return listCard(d.file.exportTitle, {
    text: format(d.file.exportReady, {
      structures: file.structures.length,
      people: file.correspondents.length,
      partnerships: file.partnerships.length,
      minutes: Math.round(services.directoryDownloads.ttlMs / 60_000),
      uses: services.directoryDownloads.maxUses,
    }),
    url,
    urlTitle: d.file.download,
  });
}

/** The file a message carries, and whether it is a JSON document (a directory file). */
export function attachedFile(
  activity: Activity,
): { name: string; url: string; json: boolean } | null {
  const [file] = sentFiles(activity);
  return file ? { name: file.name, url: file.url, json: file.type === 'json' } : null;
}

/**
 * Downloads the file under the upload guard's limit and parses it; anything but a JSON document is
 * unreadable.
 */
async function fetchJson(url: string, services: BotServices): Promise<unknown> {
  let body: Buffer;
  try {
    body = await downloadSentFile(
      url,
      services.config.uploads.directoryFile,
      services.config.local,
    );
  } catch (err) {
    // Too large keeps its own message (with the limit); a failed download is an unreadable file.
    if (isFileError(err)) throw err;
    throw new DomainError('E_DIRECTORY_FILE_UNREADABLE');
  }
  try {
    return JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new DomainError('E_DIRECTORY_FILE_UNREADABLE');
  }
}

/** The report card: counts, then each refused entry with its reasons. */
export function importReportCard(report: ImportReport): Card {
  if (report.fileProblems.length) {
    return listCard(d.file.importTitle, {
      text: d.file.importRefused,
      color: 'Attention',
      lines: report.fileProblems.map((p) => ({ heading: p, detail: '' })),
    });
  }
  const reason = (p: ImportReport['rejected'][number]['problems'][number]) => {
    const label = p.field ? `${ownValue(d.labels, p.field) ?? p.field} : ` : '';
    const french = (t: string) => d.file.problems.find(([re]) => re.test(t))?.[1] ?? t;
    const text = p.code
      ? (ownValue(fr.fields, p.code) ??
        ownValue(fr.errors as Record<string, string>, p.code) ??
        p.code)
      : french(p.text ?? '');
    return `${label}${text}`;
  };
  return listCard(d.file.importTitle, {
    text: format(d.file.importSummary, {
      added: report.added,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
    }),
    color: report.rejected.length ? 'Attention' : 'Good',
    lines: report.rejected.map((r) => ({
      heading: format(d.file.rejectedEntry, { path: r.path, label: r.label }),
      detail: r.problems.map(reason).join(' ; '),
    })),
  });
}

/** Imports the attached file; the progress card is updated in place with the report. */
async function runImport(
  turn: TurnContext,
  caller: CommandContext['caller'],
  services: BotServices,
  url: string,
): Promise<Card[]> {
  const progress = await turn.sendActivity({
    attachments: [cardAttachment(listCard(d.file.importTitle, { text: d.file.importProgress }))],
  });
  let card: Card;
  try {
    const raw = await fetchJson(url, services);
    card = importReportCard(await services.directory.transfer.importFile(caller, raw));
  } catch (err) {
    if (isFileError(err)) {
      services.logger.warn(
        { ...err.toLog(), userId: caller.aadObjectId },
        'directory import refused',
      );
      card = listCard(d.file.importTitle, {
        text: fr.files.errors[err.code](err.details),
        color: 'Attention',
      });
    } else if (err instanceof DomainError) {
      services.logger.warn(
        { code: err.code, userId: caller.aadObjectId },
        'directory import refused',
      );
      card = listCard(d.file.importTitle, { text: fr.errors[err.code], color: 'Attention' });
    } else throw err;
  }
  if (!progress?.id) return [card];
  await turn.updateActivity({
    id: progress.id,
    type: 'message',
    attachments: [cardAttachment(card)],
  });
  return [];
}

/** `annuaire import`: with a file attached, imports it; without, says how. */
export async function importDirectoryCommand({
  caller,
  activity,
  turn,
  services,
}: CommandContext): Promise<Card | Card[]> {
  await services.directory.admin.scope(caller);
  requirePersonal(activity);
  const file = attachedFile(activity);
  if (!file) return listCard(d.file.importTitle, { text: d.file.importHelp });
  return runImport(turn, caller, services, file.url);
}

/** A JSON file sent without a command, in personal chat: the directory import, for admins. */
export async function importDroppedDirectory(ctx: CommandContext): Promise<Card | Card[] | null> {
  const file = attachedFile(ctx.activity);
  if (!file?.json) return null;
  return importDirectoryCommand({ ...ctx, args: '' });
}
