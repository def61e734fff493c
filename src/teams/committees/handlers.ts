/** `/comite` and the committee verbs (issue 5): list, plan, edit or move, cancel. */
import { formatParisFr } from '../../domain/calendar/paris-time';
import { COMMITTEE_KINDS, committeeCardValues, type CommitteeKind } from '../../domain/committees';
import { defaultAgenda } from '../../i18n/fr-committees';
import type { CommitteeSubmit, PlanningContext } from '../../domain/committee-service';
import { DomainError } from '../../domain/errors';
import type { Caller } from '../../domain/model';
import type { DueReminder } from '../../domain/reminders';
import { format, fr } from '../../i18n/fr';
import type { CommitteeRecord } from '../../domain/records';
import type { Card } from '../cards/render';
import { icsUrl } from './notifier';
import { cancelConfirmCard, committeeCard, formCard, listCard, partnershipName } from './views';
import type { BotServices, CommandHandler, VerbHandler } from '../feature';
import type { CommitteeRef, NewCommittee } from '../verb-data';
import { copilAgenda } from '../records/minutes-handlers';

const t = fr.committees;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const asKind = (v: unknown): CommitteeKind =>
  (COMMITTEE_KINDS as readonly string[]).includes(str(v)) ? (str(v) as CommitteeKind) : 'COPIL';

async function list(caller: Caller, services: BotServices, message = ''): Promise<Card> {
  const { access, committees } = await services.committees.list(caller);
  const entries = [];
  for (const a of access) {
    const ctx = await services.committees.planningContext(a.partnership.id);
    entries.push({
      access: a,
      name: partnershipName(a.partnership, ctx.structures),
      committees: committees.filter((c) => c.partnershipId === a.partnership.id),
    });
  }
  return listCard(entries, services.clock.now(), message);
}

/** `/comite`: the partnership's committees; admins plan from there. */
export const listCommittees: CommandHandler = async ({ caller, services }) =>
  list(caller, services);

/** Back to the list (also what "Retour" and "Non, le garder" do). */
export const refreshCommittees: VerbHandler = async ({ caller, services }) =>
  list(caller, services);

/** A blank planning form for a kind, with the roadmap's agenda and every structure invited. */
export const newCommitteeForm: VerbHandler<NewCommittee> = async ({ caller, data, services }) => {
  const { partnershipId, kind } = data;
  await services.committees.requireAdmin(caller, partnershipId);
  const ctx = await services.committees.planningContext(partnershipId);
  return formCard(ctx, {
    kind,
    offsets: services.config.reminderOffsets,
    values: {
      kind,
      date: '',
      time: '09:30',
      place: '',
      // A comité de pilotage opens with the objectives the last one set (issue 14 §2).
      agenda:
        kind === 'COPIL'
          ? await copilAgenda(services.store, partnershipId, services.clock.now())
          : defaultAgenda(kind),
      participants: ctx.structures.map((s) => s.id).join(','),
    },
  });
};

/** The form pre-filled with an existing committee, to edit or move it. */
export const editCommitteeForm: VerbHandler<CommitteeRef> = async ({ caller, data, services }) => {
  const { committee } = await services.committees.get(caller, data.committeeId);
  await services.committees.requireAdmin(caller, committee.partnershipId);
  if (committee.status === 'cancelled')
    throw new DomainError('E_COMMITTEE_CANCELLED', { committeeId: committee.id });
  const ctx = await services.committees.planningContext(committee.partnershipId);
  return formCard(ctx, {
    kind: committee.kind,
    offsets: services.config.reminderOffsets,
    values: committeeCardValues(committee),
    committeeId: committee.id,
  });
};

/** Plan submit: the committee card with its reminders, or the form again with what is wrong. */
export const planCommittee: VerbHandler = async ({ caller, data, services }) => {
  const result = await services.committees.plan(caller, data);
  return submitted(result, undefined, services, t.ui.plannedHeadline);
};

/** Edit submit: moved committees get their reminders rescheduled. */
export const saveCommittee: VerbHandler = async ({ caller, data, services }) => {
  const result = await services.committees.edit(caller, data);
  return submitted(
    result,
    str(data.committeeId),
    services,
    result.ok && result.moved ? t.ui.movedHeadline : t.ui.editedHeadline,
  );
};

async function submitted(
  result: CommitteeSubmit,
  committeeId: string | undefined,
  services: BotServices,
  headline: string,
): Promise<Card> {
  const ctx = await services.committees.planningContext(result.partnershipId);
  if (!result.ok) {
    const message = result.refusal
      ? fr.errors[result.refusal]
      : result.unknownFields.length
        ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: result.unknownFields.join(', ') })
        : fr.errors.E_INVALID_INPUT;
    return formCard(ctx, {
      kind: asKind(result.values.kind),
      offsets: services.config.reminderOffsets,
      values: result.values,
      errors: result.fieldErrors,
      message,
      committeeId,
    });
  }
  return resultCard(
    result.committee,
    ctx,
    services,
    headline,
    result.reminders,
    result.channelBound,
  );
}

function resultCard(
  c: CommitteeRecord,
  ctx: PlanningContext,
  services: BotServices,
  headline: string,
  reminders: DueReminder[] | null,
  channelBound: boolean,
): Card {
  const planned =
    reminders === null
      ? ''
      : reminders.length
        ? t.ui.remindersPlanned(reminders.map((r) => formatParisFr(r.dueAt)).join(', '))
        : t.ui.noReminderLeft;
  return committeeCard(c, {
    title: `${headline}`,
    headline: planned,
    message: channelBound ? '' : t.ui.channelMissing,
    structures: ctx.structures,
    partnershipName: partnershipName(ctx.partnership, ctx.structures),
    icsUrl: icsUrl(services.config.publicUrl, c),
    showBack: true,
  });
}

/** "Annuler ce comité ?": admins only, nothing changes before the confirmation. */
export const confirmCancelCommittee: VerbHandler<CommitteeRef> = async ({
  caller,
  data,
  services,
}) => {
  const { committee } = await services.committees.get(caller, data.committeeId);
  await services.committees.requireAdmin(caller, committee.partnershipId);
  if (committee.status === 'cancelled')
    return list(caller, services, fr.errors.E_COMMITTEE_CANCELLED);
  return cancelConfirmCard(committee);
};

/** Cancels: the channel is told, pending reminders are dropped. */
export const cancelCommittee: VerbHandler<CommitteeRef> = async ({ caller, data, services }) => {
  const c = await services.committees.cancel(caller, data.committeeId);
  const ctx = await services.committees.planningContext(c.partnershipId);
  return resultCard(
    c,
    ctx,
    services,
    t.ui.cancelledHeadline,
    null,
    !!ctx.partnership.channelConversationId,
  );
};
