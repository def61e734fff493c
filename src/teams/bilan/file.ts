/**
 * The bilan's xlsx after the turn: built, locked and encrypted (files/bilan-workbook.ts), then
 * delivered like every protected file (table/protected-delivery.ts): a signed link, its
 * password sealed and revealed only in the requester's personal chat.
 */
import type { Bilan } from '../../domain/bilan';
import type { Caller } from '../../domain/model';
import { fr, frDateTime } from '../../i18n/fr';
import type { BotServices } from '../feature';
import { deliverProtectedFile, fileFailed } from '../table/protected-delivery';
import type { CardPlace } from '../table/wiring';
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
      await deliverProtectedFile(s, {
        caller: job.caller,
        place: job.place,
        personal: job.personal,
        structureId: bilan.partnership.dtId,
        built,
        title: f.title,
        ready: (until, uses) => f.ready(name, bilan.year, until, uses),
        downloadTitle: f.download,
        audit: {
          action: 'bilan.export',
          detail: `partnership=${bilan.partnership.id} year=${bilan.year}`,
        },
      });
      s.logger.info(log, 'bilan file delivered');
    } catch (err) {
      await fileFailed(
        s,
        { place: job.place, title: f.title, text: f.failed, log, message: 'bilan file failed' },
        err,
      );
    }
  }
  s.wakeOutbox();
}
