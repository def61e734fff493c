/**
 * `/partenariat` and its card verbs (issue 14 §3): members read the roadmap record, admins edit
 * it. Every verb re-checks the caller's access on the server, whatever the card showed.
 */
import { RoadmapService } from '../../domain/roadmap-service';
import { frPartnership } from '../../i18n/fr-partnership';
import type { Card } from '../cards/render';
import type { BotServices, CommandHandler, VerbHandler } from '../feature';
import type { PartnershipRef } from '../verb-data';
import { roadmapCard, roadmapForm } from './views';

const t = frPartnership.roadmap;

/** The service, built from the bot's services: it holds no state of its own. */
function roadmaps(services: BotServices): RoadmapService {
  return new RoadmapService({
    store: services.store,
    clock: services.clock,
    allowedTenants: services.config.allowedTenants,
    defaultEndDate: services.config.accordCadreEndDate,
  });
}

/** `/partenariat`: one record card per partnership of the caller. */
export const roadmapCommand: CommandHandler = async ({ caller, services }) => {
  const views = await roadmaps(services).list(caller);
  return views.map((v) => roadmapCard(v));
};

/** `partenariat.voir`: the record again (the form's "Retour", a reminder's button). */
export const viewRoadmap: VerbHandler<PartnershipRef> = async ({ caller, data, services }) =>
  roadmapCard(await roadmaps(services).get(caller, data.partnershipId));

/** `partenariat.modifier`: the form, for the partnership's admins. */
export const editRoadmap: VerbHandler<PartnershipRef> = async ({ caller, data, services }) =>
  roadmapForm(await roadmaps(services).editable(caller, data.partnershipId));

/** `partenariat.enregistrer`: saves; a refusal gives the form back with what was typed. */
export const saveRoadmap: VerbHandler = async ({ caller, data, services }): Promise<Card> => {
  const partnershipId = typeof data.partnershipId === 'string' ? data.partnershipId : '';
  const saved = await roadmaps(services).save(caller, partnershipId, data);
  if (!saved.ok) {
    services.logger.info(
      { code: 'E_INVALID_INPUT', fields: Object.keys(saved.fieldErrors), partnershipId },
      'roadmap form refused',
    );
    return roadmapForm(saved.view, { values: saved.values, errors: saved.fieldErrors });
  }
  if (saved.changed.includes('endDate')) services.wakeScheduler();
  return roadmapCard(saved.view, saved.changed.length ? t.saved : t.unchanged);
};
