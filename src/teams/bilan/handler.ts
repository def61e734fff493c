/**
 * `/bilan [année]` (issue 14 §6): one chart card per partnership the caller may read, answered
 * at once; then, after the turn, each partnership's protected and encrypted xlsx, delivered like
 * the national table (a signed link here, the password card in the personal chat).
 */
import { bilanPartnerships } from '../../domain/bilan-access';
import { computeBilan, parseBilanYear, type Bilan } from '../../domain/bilan';
import { BILAN_SECTIONS } from '../../domain/bilan-registry';
import { parisDate } from '../../domain/calendar/paris-time';
import { DomainError } from '../../domain/errors';
import { calendarYear } from '../../domain/stats';
import { fr } from '../../i18n/fr';
import type { Card } from '../cards/render';
import { partnershipName } from '../committees/views';
import type { CommandHandler } from '../feature';
import { cardPlace } from '../table/jobs';
import { bilanCard } from './views';
import { deliverBilanFiles } from './file';

export const bilanCommand: CommandHandler = async ({ caller, args, activity, services }) => {
  const now = services.clock.now();
  const year = parseBilanYear(args, Number(parisDate(now).slice(0, 4)));
  if (year === 'invalid') throw new DomainError('E_BILAN_USAGE');
  const partnerships = await bilanPartnerships(
    services.store,
    caller,
    services.config.allowedTenants,
  );
  const period = calendarYear(year);
  const bilans: { bilan: Bilan; name: string }[] = [];
  for (const partnership of partnerships) {
    const ctx = await services.committees.planningContext(partnership.id);
    const bilan = await computeBilan(BILAN_SECTIONS, {
      repo: services.store,
      partnership,
      structures: ctx.structures,
      year,
      period,
      referentials: services.referentials,
      figuresForms: services.records.forms,
    });
    bilans.push({ bilan, name: partnershipName(partnership, ctx.structures) });
  }
  await services.store.audit.record({
    at: now.toISOString(),
    actor: caller.aadObjectId,
    action: 'bilan.read',
    detail: `year=${year} partnerships=${partnerships.map((p) => p.id).join(',')}`,
  });
  // The file's password goes to the personal chat only: without one, the card says how to get it.
  const personal = await services.store.references.get('user', caller.aadObjectId);
  const footer = personal ? fr.bilan.fileComing : fr.bilan.fileNeedsPersonalChat;
  const cards: Card[] = bilans.map((b) => bilanCard(b.bilan, b.name, footer));
  if (personal) {
    const place = await cardPlace(services, activity, null);
    services.tableau.background('bilan', () =>
      deliverBilanFiles(services, { caller, bilans, place, personal }),
    );
  }
  return cards;
};
