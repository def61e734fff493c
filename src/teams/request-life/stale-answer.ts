/**
 * A flow-2 submit from a card that no longer matches the request (issue 13 §4): nothing was
 * recorded; the correspondent sees the request as it is now and one line saying what happened.
 * The typed values are kept where they can still be sent: as the answer to a corrected request,
 * as an update to one someone else answered.
 */
import type { RequestRecord } from '../../domain/model';
import type { Card } from '../cards/render';
import type { BotServices } from '../feature';
import { detailFor, logStale, staleKeep } from './handlers';
import { lifeActions, staleLine } from './facts';
import { updateCard } from './views';

export async function staleAnswer(
  services: BotServices,
  callerId: string,
  r: RequestRecord,
  typed: Record<string, unknown>,
): Promise<Card> {
  // A double click (or Teams retrying the invoke): the answer is the caller's own, nothing to say.
  const mine = r.lastChange
    ? r.lastChange.kind === 'answered' && r.lastChange.by === callerId
    : r.answeredBy === callerId;
  if (mine && r.status !== 'annulee') return detailFor(services, r, 'dt');
  logStale(services, r, 'demande.repondre');
  if (r.status === 'transmise')
    return detailFor(services, r, 'dt', { values: typed, message: staleKeep(r) });
  if (lifeActions(r, 'dt').canUpdate)
    return updateCard(r, services.referentials, { values: typed, message: staleKeep(r) });
  return detailFor(services, r, 'dt', { message: staleLine(r) });
}
