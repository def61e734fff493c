/**
 * `/tableau [période]` (issue 4): answers at once with a progress card, builds and encrypts the
 * national table in the worker pool after the turn, then updates that card with where the file
 * is (the channel's files through Graph, or a signed link) and sends the password card to the
 * requester's personal chat only. With a file attached, `tableau` imports it instead.
 */
import { channelTarget, uploadToChannel } from './delivery';
import { DomainError } from '../../domain/errors';
import type { Caller, StructureRecord } from '../../domain/model';
import { exportStructure } from '../../domain/table-access';
import { parseTablePeriod, periodInstants, type TablePeriod } from '../../domain/table-period';
import type { ChannelTarget } from '../../files/channel-upload';
import { format, fr } from '../../i18n/fr';
import type { Card } from '../cards/render';
import type { BotServices, CommandContext, CommandHandler } from '../feature';
import { cardPlace, newId, startJob } from './jobs';
import { fileJobFailure } from './failure';
import { sentFile } from '../edge/file-attachment';
import { conversationIdOf } from '../requests/notifier';
import { DOWNLOAD_PATH, enqueueCard, type CardPlace } from './wiring';
import {
  cardMessage,
  exportGraphCard,
  exportLinkCard,
  exportProgressCard,
  passwordCard,
  statusCard,
  type ReadyInfo,
} from './views';
import { importTableCommand } from './import';

interface ExportJob {
  id: string;
  caller: Caller;
  structure: StructureRecord;
  period: TablePeriod;
  place: CardPlace;
  personal: Record<string, unknown>;
  channel: ChannelTarget | null;
}

/** `tableau`: the export, or the import when the message carries a file. */
export const tableCommand: CommandHandler = async (ctx) => {
  if (sentFile(ctx.activity)) return importTableCommand(ctx);
  if (/^import(er)?$/i.test(ctx.args.trim()))
    return statusCard({ title: fr.tableau.import.title, text: fr.tableau.import.help });
  return exportTable(ctx);
};

async function exportTable({
  caller,
  args,
  activity,
  turn,
  services,
}: CommandContext): Promise<Card[]> {
  const structure = await exportStructure(caller, services.store, {
    allowedTenants: services.config.allowedTenants,
  });
  const period = parseTablePeriod(args, services.clock.now());
  if (!period) throw new DomainError('E_TABLEAU_PERIOD');
  // The password goes to the personal chat only: without one, nothing is built.
  const personal = await services.store.references.get('user', caller.aadObjectId);
  if (!personal) throw new DomainError('E_TABLEAU_PERSONAL_CHAT_NEEDED');
  const sent = await turn.sendActivity(
    cardMessage(exportProgressCard(structure.name, period), fr.tableau.export.title),
  );
  const place = await cardPlace(services, activity, sent?.id ?? null);
  const job: ExportJob = {
    id: newId(),
    caller,
    structure,
    period,
    place,
    personal,
    channel: channelTarget(activity),
  };
  await startJob(services, job.id, 'export', caller, place);
  services.tableau.background('export', () => runExport(services, job));
  return [];
}

async function runExport(s: BotServices, job: ExportJob): Promise<void> {
  const t = s.tableau;
  const log = { jobId: job.id, structureId: job.structure.id, userId: job.caller.aadObjectId };
  try {
    const { start, end } = periodInstants(job.period);
    const rows = await s.store.tableFiles.exportRows(job.structure, start, end);
    const result = await t.pool.exportNationalTable(rows, {
      structureName: job.structure.name,
      period: job.period,
      generatedAt: s.clock.now(),
      generatedBy: job.caller.name || job.caller.aadObjectId,
      referentials: s.referentials,
    });
    const uploaded = await uploadToChannel(s, job, result.fileName, result.file);
    const now = s.clock.now();
    const at = now.toISOString();
    const personalChat = conversationIdOf(job.personal);
    const info: ReadyInfo = {
      structure: job.structure.name,
      period: job.period,
      rowCount: result.rowCount,
      fileName: result.fileName,
      passwordHere: personalChat === job.place.conversationId,
    };
    const secretId = newId();
    const until = new Date(now.getTime() + t.settings.passwordRevealMinutes * 60_000).toISOString();
    await s.store.transaction(async (tx) => {
      const repo = tx.tableFiles;
      let card: Card;
      if (uploaded) {
        card = exportGraphCard(info, uploaded.webUrl, uploaded.name);
      } else {
        const fileId = newId();
        const { token, expiresAt } = t.links.sign(fileId, now);
        await repo.saveFile({
          id: fileId,
          owner: job.caller.aadObjectId,
          structureId: job.structure.id,
          conversationId: job.place.conversationId,
          fileName: result.fileName,
          content: result.file,
          createdAt: at,
          expiresAt: expiresAt.toISOString(),
          maxUses: t.settings.downloadMaxUses,
        });
        card = exportLinkCard(
          info,
          `${s.config.publicUrl}${DOWNLOAD_PATH}/${token}`,
          expiresAt,
          t.settings.downloadMaxUses,
        );
      }
      await repo.saveSecret({
        id: secretId,
        owner: job.caller.aadObjectId,
        fileName: result.fileName,
        sealed: t.box.seal(secretId, result.password),
        createdAt: at,
        expiresAt: until,
      });
      await tx.audit.record({
        at,
        actor: job.caller.aadObjectId,
        action: 'table.export',
        detail: `structure=${job.structure.id} rows=${result.rowCount} period=${job.period.from}..${job.period.to} delivery=${uploaded ? 'graph' : 'link'}`,
      });
      await enqueueCard(tx, job.place, card, fr.tableau.export.title, at);
      const hidden = passwordCard({ secretId, fileName: result.fileName, until });
      await enqueueCard(
        tx,
        { conversationId: personalChat, activityId: null, reference: job.personal },
        hidden,
        fr.tableau.password.title,
        at,
      );
      await repo.finishJob(job.id, 'done', at);
    });
    s.logger.info(
      { ...log, rows: result.rowCount, delivery: uploaded ? 'graph' : 'link' },
      'national table exported',
    );
  } catch (err) {
    const reason = fileJobFailure(s.logger, log, err, 'national table export failed');
    const at = s.clock.now().toISOString();
    await s.store.transaction(async (tx) => {
      await enqueueCard(
        tx,
        job.place,
        statusCard({ text: format(fr.tableau.export.failed, { reason }), color: 'Attention' }),
        fr.tableau.export.title,
        at,
      );
      await tx.tableFiles.finishJob(job.id, 'failed', at);
    });
  }
  s.wakeOutbox();
}
