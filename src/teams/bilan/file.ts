/**
 * The bilan's xlsx after the turn: built, locked and encrypted (files/bilan-workbook.ts), kept
 * behind a signed link like the national table, its password sealed and revealed only in the
 * requester's personal chat (`tableau.motdepasse`).
 */
import type { Bilan } from '../../domain/bilan';
import type { Caller } from '../../domain/model';
import { fr, frDateTime } from '../../i18n/fr';
import type { BotServices } from '../feature';
import { conversationIdOf } from '../requests/notifier';
import { newId } from '../table/jobs';
import { passwordCard, statusCard } from '../table/views';
import { DOWNLOAD_PATH, enqueueCard, type CardPlace } from '../table/wiring';
import { bilanSheets } from './views';

export interface BilanFileJob {
  caller: Caller;
  bilans: { bilan: Bilan; name: string }[];
  /** Where `/bilan` was typed: the link card goes there. */
  place: CardPlace;
  /** The requester's personal chat reference: the password card goes there. */
  personal: Record<string, unknown>;
}

const f = fr.bilan.file;

/** e.g. bilan-cir_rhone_2026.xlsx (no personal data). */
function fileName(bilan: Bilan): string {
  const slug = bilan.partnership.id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40);
  return `bilan-cir_${slug || 'partenariat'}_${bilan.year}.xlsx`;
}

/** Builds and delivers one file per partnership; a failure is said in the conversation. */
export async function deliverBilanFiles(s: BotServices, job: BilanFileJob): Promise<void> {
  const t = s.tableau;
  for (const { bilan, name } of job.bilans) {
    const log = {
      partnershipId: bilan.partnership.id,
      year: bilan.year,
      userId: job.caller.aadObjectId,
    };
    try {
      const now = s.clock.now();
      const built = await t.pool.buildBilanFile(
        bilanSheets(bilan),
        {
          infoSheetName: f.info,
          fileName: fileName(bilan),
          info: [
            [f.title],
            [],
            [f.partnership, name],
            [f.year, bilan.year],
            [f.generatedAt, frDateTime(now.toISOString())],
            [],
            [f.notice],
          ],
        },
        now,
      );
      const at = now.toISOString();
      const fileId = newId();
      const secretId = newId();
      const { token, expiresAt } = t.links.sign(fileId, now);
      const until = new Date(now.getTime() + t.settings.passwordRevealMinutes * 60_000);
      await s.store.transaction(async (tx) => {
        await tx.tableFiles.saveFile({
          id: fileId,
          owner: job.caller.aadObjectId,
          structureId: bilan.partnership.dtId,
          conversationId: job.place.conversationId,
          fileName: built.fileName,
          content: built.file,
          createdAt: at,
          expiresAt: expiresAt.toISOString(),
          maxUses: t.settings.downloadMaxUses,
        });
        await tx.tableFiles.saveSecret({
          id: secretId,
          owner: job.caller.aadObjectId,
          fileName: built.fileName,
          sealed: t.box.seal(secretId, built.password),
          createdAt: at,
          expiresAt: until.toISOString(),
        });
        await tx.audit.record({
          at,
          actor: job.caller.aadObjectId,
          action: 'bilan.export',
          detail: `partnership=${bilan.partnership.id} year=${bilan.year}`,
        });
        const passwordHere = conversationIdOf(job.personal) === job.place.conversationId;
        const ready = statusCard({
          title: f.title,
          text: f.ready(
            name,
            bilan.year,
            frDateTime(expiresAt.toISOString()),
            t.settings.downloadMaxUses,
          ),
          color: 'Good',
          notes: [
            built.fileName,
            passwordHere
              ? fr.tableau.export.passwordBelow
              : fr.tableau.export.passwordInPersonalChat,
          ],
          url: `${s.config.publicUrl}${DOWNLOAD_PATH}/${token}`,
          urlTitle: f.download,
        });
        await enqueueCard(tx, job.place, ready, f.title, at);
        await enqueueCard(
          tx,
          {
            conversationId: conversationIdOf(job.personal),
            activityId: null,
            reference: job.personal,
          },
          passwordCard({ secretId, fileName: built.fileName, until: until.toISOString() }),
          fr.tableau.password.title,
          at,
        );
      });
      s.logger.info(log, 'bilan file delivered');
    } catch (err) {
      s.logger.error(
        { ...log, code: 'E_INTERNAL', err: (err as Error)?.name },
        'bilan file failed',
      );
      const at = s.clock.now().toISOString();
      await s.store.transaction((tx) =>
        enqueueCard(
          tx,
          job.place,
          statusCard({ title: f.title, text: f.failed, color: 'Attention' }),
          f.title,
          at,
        ),
      );
    }
  }
  s.wakeOutbox();
}
