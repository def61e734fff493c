/**
 * The minutes verbs (issue 14 §2): the partnership's past committees, a committee's minutes, the
 * form to record or edit them, its submit, and the pre-filled plan of the next comité de
 * pilotage. Reached from `/comite` ("Comptes rendus") and from the bot's ask to record.
 */
import { DomainError } from '../../domain/errors';
import { nextCopilSlot } from '../../domain/committee-minutes';
import type { MinutesContext } from '../../domain/minutes-service';
import { defaultAgenda } from '../../i18n/fr-committees';
import { format, fr } from '../../i18n/fr';
import type { Store } from '../../storage/store';
import { formCard, partnershipName } from '../committees/views';
import type { VerbHandler } from '../feature';
import type { CommitteeRef, PartnershipRef } from '../verb-data';
import { minutesCard, minutesFormCard, minutesListCard, nextCopilAgenda } from './minutes-views';

const t = fr.records.minutes;

/** "Comptes rendus": the partnership's committees whose time has come, newest first. */
export const listMinutes: VerbHandler<PartnershipRef> = async ({ caller, data, services }) => {
  const { partnership } = await services.records.minutes.readable(caller, data.partnershipId);
  const now = services.clock.now();
  const committees = (await services.store.committees.listFor([partnership.id]))
    .filter((c) => c.status === 'planned' && c.startsAt.getTime() <= now.getTime())
    .reverse()
    .slice(0, 12);
  const ctx = await services.committees.planningContext(partnership.id);
  return minutesListCard(
    t.listTitle(partnershipName(partnership, ctx.structures)),
    partnership.id,
    committees,
    await services.store.minutes.listFor(partnership.id),
  );
};

/** A committee's minutes (or "to record"), for any reader of the partnership. */
export const viewMinutes: VerbHandler<CommitteeRef> = async ({ caller, data, services }) => {
  const ctx = await services.records.minutes.context(caller, data.committeeId);
  return minutesCard(ctx, { names: await authorNames(services.store, ctx) });
};

/** The form: refused before the date, to anyone but the planner and the admins. */
export const openMinutesForm: VerbHandler<CommitteeRef> = async ({ caller, data, services }) => {
  const ctx = await services.records.minutes.context(caller, data.committeeId);
  services.records.minutes.check(ctx);
  return minutesFormCard(ctx);
};

/** Submit: the minutes with the next comité de pilotage proposed, or the form with what is wrong. */
export const saveMinutes: VerbHandler = async ({ caller, data, services }) => {
  const result = await services.records.minutes.record(caller, data);
  if (!result.ok) {
    services.logger.info(
      {
        code: result.unknownFields.length ? 'E_FIELDS_NOT_ALLOWED' : 'E_INVALID_INPUT',
        committeeId: result.context.committee.id,
        fields: Object.keys(result.fieldErrors).concat(result.unknownFields).join(','),
        userId: caller.aadObjectId,
      },
      'committee minutes refused',
    );
    return minutesFormCard(result.context, {
      values: result.values,
      errors: result.fieldErrors,
      message: result.unknownFields.length
        ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: result.unknownFields.join(', ') })
        : fr.errors.E_INVALID_INPUT,
    });
  }
  return minutesCard(result.context, {
    title: result.edited ? t.editedTitle : t.savedTitle,
    headline: '',
    proposal: result.proposal,
    names: await authorNames(services.store, result.context),
  });
};

/** "Planifier le prochain comité de pilotage": the planning form, a year on, objectives first. */
export const planNextCopil: VerbHandler<CommitteeRef> = async ({ caller, data, services }) => {
  const ctx = await services.records.minutes.context(caller, data.committeeId);
  const c = ctx.committee;
  if (c.kind !== 'COPIL') throw new DomainError('E_COMMITTEE_NOT_FOUND', { committeeId: c.id });
  await services.committees.requireAdmin(caller, c.partnershipId);
  const planning = await services.committees.planningContext(c.partnershipId);
  const slot = nextCopilSlot(c.startsAt);
  return formCard(planning, {
    kind: 'COPIL',
    offsets: services.config.reminderOffsets,
    values: {
      kind: 'COPIL',
      date: slot.date,
      time: slot.time,
      place: c.place,
      agenda: nextCopilAgenda(ctx.minutes?.objectives ?? [], defaultAgenda('COPIL')),
      participants: c.participants.join(','),
    },
  });
};

/**
 * The roadmap's agenda of a new comité de pilotage, opened by the objectives of the last one
 * recorded (the planning form of `/comite` uses it).
 */
export async function copilAgenda(store: Store, partnershipId: string, now: Date): Promise<string> {
  const last = await store.minutes.previousCopil(partnershipId, now, '');
  return nextCopilAgenda(last?.objectives ?? [], defaultAgenda('COPIL'));
}

/** Who recorded and last edited, by their directory name (people of the partnership). */
async function authorNames(
  store: Store,
  ctx: MinutesContext,
): Promise<{ recordedBy: string; updatedBy: string } | undefined> {
  const m = ctx.minutes;
  if (!m) return undefined;
  const name = async (id: string) =>
    (await store.directory.getCorrespondent(id))?.name ?? fr.records.minutes.unknownAuthor;
  return { recordedBy: await name(m.recordedBy), updatedBy: await name(m.updatedBy) };
}
