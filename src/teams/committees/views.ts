/**
 * What each committee card shows: the `/comite` list, the planning form, the committee card
 * (announcement, reminder, result of an action) and the cancel confirmation. Committees carry
 * no personal data: these cards may be stored in Teams as they are.
 */
import { randomUUID } from 'node:crypto';
import { formatParisFr } from '../../domain/calendar/paris-time';
import { COMMITTEE_FIELDS, COMMITTEE_KINDS, type CommitteeKind } from '../../domain/committees';
import { committeeLabel } from '../../i18n/fr-committees';
import type { PartnershipRecord, StructureRecord } from '../../domain/model';
import type { ReminderOffset } from '../../domain/reminders';
import type { FieldErrors } from '../../domain/schemas';
import type { PlanningContext } from '../../domain/committee-service';
import type { PartnershipAccess } from '../../domain/partnership-access';
import { fr } from '../../i18n/fr';
import type { CommitteeRecord } from '../../domain/records';
import { renderCard, type Card } from '../cards/render';
import { ownValue } from '../../domain/lookup';
import { plainText } from '../../domain/text';
import { OFFERS_PAGE_VERB } from '../offers/wiring';
import { frOffers } from '../../i18n/fr-offers';

const t = fr.committees;

/** A partnership's display name: its own, else its DT's. */
export function partnershipName(
  p: PartnershipRecord,
  structures: readonly StructureRecord[] = [],
): string {
  return p.name ?? structures.find((s) => s.id === p.dtId)?.name ?? p.id;
}

/** `Comité technique — 18/06/2026 à 09:30`. */
export function committeeTitle(c: Pick<CommitteeRecord, 'kind' | 'startsAt'>): string {
  return `${committeeLabel(c.kind)} — ${formatParisFr(c.startsAt)}`;
}

/** The offsets as people say them: "14 jours avant, la veille, le jour même à 08 h 30". */
export function describeOffsets(offsets: readonly ReminderOffset[]): string {
  return offsets
    .map((o) =>
      o.kind === 'days'
        ? t.ui.offsetDays(o.days)
        : o.kind === 'hours'
          ? t.ui.offsetHours(o.hours)
          : t.ui.offsetSameDay(o.time),
    )
    .join(', ');
}

export interface ListEntry {
  access: PartnershipAccess;
  name: string;
  committees: CommitteeRecord[];
}

/** `/comite`: each partnership's coming and past committees; admins get the buttons. */
export function listCard(entries: ListEntry[], now: Date, message = ''): Card {
  const partnerships = entries.map(({ access, name, committees }) => {
    const coming = committees.filter(
      (c) => c.status === 'planned' && c.startsAt.getTime() > now.getTime(),
    );
    // The last few past or cancelled ones are enough to remember; the list stays short.
    const past = committees
      .filter((c) => !coming.includes(c))
      .slice(-5)
      .reverse();
    return {
      heading: t.ui.partnership(name),
      channelText: access.partnership.channelConversationId
        ? t.ui.channelBound
        : t.ui.channelMissing,
      channelColor: access.partnership.channelConversationId ? 'Default' : 'Attention',
      admin: access.admin,
      coming: coming.map((c) => ({
        title: committeeTitle(c),
        place: c.place,
        committeeId: c.id,
        admin: access.admin,
      })),
      past: past.map((c) => ({
        title:
          c.status === 'cancelled' ? `${committeeTitle(c)} (${t.ui.cancelled})` : committeeTitle(c),
      })),
      partnershipId: access.partnership.id,
      planActions: COMMITTEE_KINDS.map((kind) => ({
        title: committeeLabel(kind),
        kind,
        partnershipId: access.partnership.id,
      })),
    };
  });
  return renderCard('comite-liste', {
    title: t.ui.listTitle,
    message,
    labels: {
      coming: t.ui.coming,
      past: t.ui.past,
      none: t.ui.none,
      plan: t.ui.planHeading,
      edit: t.ui.editButton,
      cancel: t.ui.cancelButton,
      minutes: fr.records.listButtons.minutes,
      figures: fr.records.listButtons.figures,
    },
    partnerships,
  });
}

export interface FormOptions {
  kind: CommitteeKind;
  offsets: readonly ReminderOffset[];
  values: Record<string, unknown>;
  errors?: FieldErrors;
  message?: string;
  committeeId?: string;
  formId?: string;
}

/** The planning (or editing) form, blank or re-rendered with what was typed and what is wrong. */
export function formCard(ctx: PlanningContext, o: FormOptions): Card {
  const values = Object.fromEntries(COMMITTEE_FIELDS.map((f) => [f, plainText(o.values[f])]));
  const errors = Object.fromEntries(
    COMMITTEE_FIELDS.map((f) => [
      f,
      o.errors && ownValue(o.errors, f)
        ? (ownValue(fr.fields, o.errors[f]) ?? fr.fields.E_FIELD_INVALID)
        : '',
    ]),
  );
  const name = partnershipName(ctx.partnership, ctx.structures);
  return renderCard('comite-formulaire', {
    title: o.committeeId
      ? t.ui.editTitle(committeeLabel(o.kind))
      : t.ui.planTitle(committeeLabel(o.kind)),
    intro: t.ui.formIntro(name, describeOffsets(o.offsets)),
    message: o.message ?? '',
    labels: t.labels,
    placePlaceholder: t.ui.placePlaceholder,
    kindChoices: COMMITTEE_KINDS.map((k) => ({ title: committeeLabel(k), value: k })),
    participantChoices: ctx.structures.map((s) => ({ title: s.name, value: s.id })),
    values,
    errors,
    submit: o.committeeId ? t.ui.submitEdit : t.ui.submitPlan,
    backLabel: t.ui.backButton,
    partnershipId: ctx.partnership.id,
    committeeId: o.committeeId ?? '',
    // A new form gets a new id; a re-rendered one keeps its own, so a retry plans once.
    formId:
      typeof o.values.formId === 'string' && o.values.formId
        ? o.values.formId
        : (o.formId ?? randomUUID()),
  });
}

export interface CommitteeCardOptions {
  title: string;
  headline?: string;
  message?: string;
  structures: readonly StructureRecord[];
  partnershipName: string;
  icsUrl: string;
  figures?: { title: string; facts: { title: string; value: string }[]; note: string };
  /** The verb of the correspondent-list export, when that export exists. */
  exportVerb?: string;
  showBack?: boolean;
  /** What opens a comité de pilotage: last year's objectives and request counts (issue 14). */
  lastYear?: LastYearBlock;
}

export interface LastYearBlock {
  objectivesTitle: string;
  objectives: { line: string }[];
  countsTitle: string;
  counts: { title: string; value: string }[];
  countsNote: string;
}

const NO_LAST_YEAR: LastYearBlock = {
  objectivesTitle: '',
  objectives: [],
  countsTitle: '',
  counts: [],
  countsNote: '',
};

/** The committee as announced, reminded, or shown after an action. */
export function committeeCard(c: CommitteeRecord, o: CommitteeCardOptions): Card {
  const names = c.participants.map((id) => o.structures.find((s) => s.id === id)?.name ?? id);
  const cancelled = c.status === 'cancelled';
  const facts = [
    {
      title: t.ui.labelKind,
      value: `${committeeLabel(c.kind)} — ${t.ui.partnership(o.partnershipName)}`,
    },
    { title: t.ui.labelDate, value: formatParisFr(c.startsAt) },
    { title: c.placeKind === 'link' ? t.ui.labelLink : t.ui.labelPlace, value: c.place },
    { title: t.ui.labelParticipants, value: names.join(', ') },
  ];
  return renderCard('comite-annonce', {
    title: o.title,
    headline: o.headline ?? '',
    message: o.message ?? '',
    facts,
    agenda: cancelled
      ? []
      : c.agenda
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((line) => ({ line })),
    figures: o.figures?.facts ?? [],
    figuresTitle: o.figures?.title ?? '',
    figuresNote: o.figures?.note ?? '',
    lastYear: cancelled ? NO_LAST_YEAR : (o.lastYear ?? NO_LAST_YEAR),
    labels: {
      agenda: t.ui.labelAgenda,
      ics: t.reminders.addToCalendar,
      join: t.ui.joinButton,
      export: t.reminders.exportCorrespondents,
      back: t.ui.backButton,
    },
    icsUrl: o.icsUrl,
    joinUrl: !cancelled && c.placeKind === 'link' ? c.place : '',
    exportVerb: o.exportVerb ?? '',
    // A comité technique presents the partners' offers of service (issue 14 §4).
    offersVerb: c.kind === 'COTECH' && !cancelled ? OFFERS_PAGE_VERB : '',
    offersLabel: frOffers.ui.offersButton,
    partnershipId: c.partnershipId,
    committeeId: c.id,
    showBack: o.showBack ?? false,
  });
}

/** "Annuler ce comité ?" with the two buttons. */
export function cancelConfirmCard(c: CommitteeRecord): Card {
  return renderCard('comite-annuler', {
    title: t.ui.cancelConfirmTitle,
    text: t.ui.cancelConfirmText(committeeTitle(c)),
    confirm: t.ui.cancelConfirmButton,
    keep: t.ui.keepButton,
    committeeId: c.id,
  });
}
