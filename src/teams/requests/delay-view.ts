/** The unanswered-request delay shown to the advisor on the request's detail card (issue 5). */
import { formatParisFr } from '../../domain/calendar/paris-time';
import { workingDaysBetween } from '../../domain/calendar/working-days';
import type { RequestRecord } from '../../domain/model';
import { unansweredDelay } from '../../domain/reminders';
import { fr } from '../../i18n/fr';
import type { BotServices } from '../feature';

/** "En attente depuis 3 jours ouvrés — relance de la DT prévue le …", or the answer's delay. */
export async function requestDelay(
  services: BotServices,
  r: RequestRecord,
): Promise<string | undefined> {
  const dt = await services.store.directory.getStructure(r.dtId);
  const departement = dt?.departements[0];
  const sentAt = new Date(r.createdAt);
  if (r.answeredAt)
    return fr.committees.delay.answeredIn(
      Math.max(0, workingDaysBetween(sentAt, new Date(r.answeredAt), departement)),
    );
  if (r.status !== 'transmise') return undefined;
  const d = unansweredDelay(sentAt, services.clock.now(), {
    workingDays: services.config.reminderWorkingDays,
    escalationWorkingDays: services.config.escalationWorkingDays,
    departement,
  });
  const reminded = (await services.store.requests.listEvents(r.id)).some(
    (e) => e.kind === 'reminded',
  );
  return reminded
    ? fr.committees.delay.waitingReminded(d.workingDays)
    : fr.committees.delay.waiting(d.workingDays, formatParisFr(d.remindAt));
}
