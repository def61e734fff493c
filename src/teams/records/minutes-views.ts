/**
 * The minutes cards (issue 14 §2): the form, the minutes as recorded (with the proposal to plan
 * the next comité de pilotage), the partnership's past committees, and the block that opens a
 * comité de pilotage's announcement. Minutes name structures, never a person they are about.
 */
import { formatParisFr, parisDate } from '../../domain/calendar/paris-time';
import { minutesCardValues, minutesFields } from '../../domain/committee-minutes';
import type { CommitteeMinutes } from '../../domain/committee-minutes';
import { toFrDate } from '../../domain/fields';
import { ownValue } from '../../domain/lookup';
import type { CommitteeRecord } from '../../domain/records';
import type { MinutesContext, StatusCounts } from '../../domain/minutes-service';
import type { FieldErrors } from '../../domain/schemas';
import { plainText } from '../../domain/text';
import { fr } from '../../i18n/fr';
import { smallCount } from '../../i18n/fr-records';
import { renderCard, type Card } from '../cards/render';
import { committeeTitle, partnershipName, type LastYearBlock } from '../committees/views';

const t = fr.records.minutes;
const FORM_FIELDS = ['held', 'present', 'decisions', 'objectives', 'met', 'outcome'] as const;

function committeeFacts(ctx: Pick<MinutesContext, 'committee' | 'partnership' | 'structures'>) {
  return [
    { title: t.partnershipLabel, value: partnershipName(ctx.partnership, ctx.structures) },
    { title: fr.committees.ui.labelDate, value: formatParisFr(ctx.committee.startsAt) },
    { title: fr.committees.ui.labelPlace, value: ctx.committee.place },
  ];
}

export interface MinutesFormOptions {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  message?: string;
}

/** The minutes form, blank, pre-filled with the stored minutes, or re-rendered after a refusal. */
export function minutesFormCard(ctx: MinutesContext, o: MinutesFormOptions = {}): Card {
  const kind = ctx.committee.kind;
  const stored = minutesCardValues(ctx.minutes, ctx.previousObjectives);
  // A first record starts from the structures invited: usually those who came.
  if (!ctx.minutes) stored.present = ctx.committee.participants.join(',');
  const values = Object.fromEntries(
    FORM_FIELDS.map((f) => [f, o.values ? plainText(o.values[f]) : stored[f]]),
  );
  // A refused submit without the toggle (a client that omits it) shows it on, as it was.
  if (values.held === '') values.held = 'true';
  const errors = Object.fromEntries(
    FORM_FIELDS.map((f) => [
      f,
      o.errors && ownValue(o.errors, f)
        ? (ownValue(fr.fields, o.errors[f]) ?? fr.fields.E_FIELD_INVALID)
        : '',
    ]),
  );
  const fields = minutesFields(kind);
  return renderCard('compte-rendu-formulaire', {
    title: t.formTitle(committeeTitle(ctx.committee)),
    intro: t.formIntro,
    message: o.message ?? '',
    facts: committeeFacts(ctx),
    labels: t.labels,
    values,
    errors,
    presentChoices: ctx.structures.map((s) => ({ title: s.name, value: s.id })),
    metChoices: ctx.previousObjectives.map((line, i) => ({ title: line, value: String(i) })),
    noPrevious: t.noPrevious,
    objectivesPlaceholder: t.objectivesPlaceholder,
    show: {
      decisions: fields.includes('decisions'),
      objectives: fields.includes('objectives'),
      outcome: fields.includes('outcome'),
    },
    submit: t.submit,
    back: t.back,
    committeeId: ctx.committee.id,
    partnershipId: ctx.committee.partnershipId,
  });
}

export interface MinutesViewOptions {
  title?: string;
  headline?: string;
  message?: string;
  proposal?: { date: string; time: string } | null;
  /** Names of the people who recorded and edited, when known to the directory. */
  names?: { recordedBy: string; updatedBy: string };
  showBack?: boolean;
}

/** The committee and its minutes as recorded (or "to record"), for any reader of the partnership. */
export function minutesCard(ctx: MinutesContext, o: MinutesViewOptions = {}): Card {
  const m = ctx.minutes;
  const names = (ids: readonly string[]) =>
    ids.length
      ? ids.map((id) => ctx.structures.find((s) => s.id === id)?.name ?? id).join(', ')
      : t.none;
  const facts = committeeFacts(ctx);
  const sections: { title: string; lines: { line: string }[] }[] = [];
  const lines = (text: string) =>
    text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((line) => ({ line }));
  let footer = '';
  if (m) {
    facts.push({ title: t.labelHeld, value: m.held ? t.heldYes : t.heldNo });
    if (m.held) facts.push({ title: t.labelPresent, value: names(m.present) });
    if (m.decisions) sections.push({ title: t.labelDecisions, lines: lines(m.decisions) });
    if (m.outcome) sections.push({ title: t.labelOutcome, lines: lines(m.outcome) });
    if (m.objectives.length)
      sections.push({ title: t.labelObjectives, lines: m.objectives.map((line) => ({ line })) });
    if (ctx.previousObjectives.length)
      sections.push({
        title: t.labelMet,
        lines: m.met.length ? m.met.map((line) => ({ line: `✔ ${line}` })) : [{ line: t.none }],
      });
    const who = o.names ?? { recordedBy: m.recordedBy, updatedBy: m.updatedBy };
    footer = t.recordedBy(who.recordedBy, formatParisFr(new Date(m.recordedAt)));
    if (m.edits > 0)
      footer += ` ${t.editedBy(who.updatedBy, formatParisFr(new Date(m.updatedAt)), m.edits)}`;
  }
  const proposal = o.proposal
    ? {
        title: t.proposalTitle,
        text: t.proposalText(`${toFrDate(o.proposal.date)} à ${o.proposal.time}`),
        button: t.proposalButton,
      }
    : { title: '', text: '', button: '' };
  return renderCard('compte-rendu', {
    title: o.title ?? t.viewTitle(committeeTitle(ctx.committee)),
    headline: o.headline ?? (m ? '' : t.notRecorded),
    message: o.message ?? '',
    facts,
    sections,
    footer,
    proposal,
    recordLabel: ctx.mayRecord && ctx.committee.status === 'planned' ? (m ? t.edit : t.open) : '',
    back: t.back,
    showBack: o.showBack ?? true,
    committeeId: ctx.committee.id,
    partnershipId: ctx.committee.partnershipId,
  });
}

/** The partnership's committees whose time has come, newest first, with their minutes' state. */
export function minutesListCard(
  title: string,
  partnershipId: string,
  committees: CommitteeRecord[],
  minutes: CommitteeMinutes[],
  message = '',
): Card {
  return renderCard('compte-rendu-liste', {
    title,
    message,
    none: t.listNone,
    committees: committees.map((c) => {
      const m = minutes.find((x) => x.committeeId === c.id);
      return {
        title: committeeTitle(c),
        state: m ? (m.held ? t.listRecorded : t.listNotHeld) : t.listMissing,
        button: t.view,
        committeeId: c.id,
      };
    }),
    figuresLabel: fr.records.listButtons.figures,
    back: fr.committees.ui.backButton,
    partnershipId,
  });
}

/** The card block that opens a comité de pilotage: last year's objectives, then request counts. */
export function lastYearBlock(
  previous: CommitteeMinutes | undefined,
  counts: StatusCounts,
): LastYearBlock {
  const l = fr.records.lastYear;
  const objectives = (previous?.objectives ?? []).map((o) => ({
    line: previous?.met.includes(o) ? l.objectiveMet(o) : l.objectiveOpen(o),
  }));
  const statusLabel = (s: string) => ownValue<string>(fr.status, s) ?? s;
  return {
    objectivesTitle: l.objectivesTitle,
    objectives,
    countsTitle: l.countsTitle(
      toFrDate(parisDate(counts.period.from)),
      toFrDate(parisDate(counts.period.to)),
    ),
    counts: counts.counts.map((c) => ({
      title: statusLabel(c.status),
      value: smallCount(c.count),
    })),
    countsNote: l.countsNote,
  };
}

/** The agenda of the next comité de pilotage: last year's objectives first, then the roadmap's. */
export function nextCopilAgenda(objectives: readonly string[], roadmapAgenda: string): string {
  if (!objectives.length) return roadmapAgenda;
  const head = [fr.records.lastYear.agendaHeading, ...objectives.map((o) => `- ${o}`)];
  return `${head.join('\n')}\n\n${roadmapAgenda}`;
}
