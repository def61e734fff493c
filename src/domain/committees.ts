/**
 * Committees of a partnership (DESIGN.md §8, roadmap §1–2): the annual comité de pilotage,
 * the comités techniques, reciprocal immersions and visits. This module holds their kinds,
 * default agendas and the planning card's strict schema; storage and Teams live elsewhere.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar/iso-date';
import { isLocalTime, parisDate, parisTime, resolveParisLocal } from './calendar/paris-time';
import { parseDate } from './fields';
import { validate, type Validation } from './schemas';

export const COMMITTEE_KINDS = ['COPIL', 'COTECH', 'IMMERSION', 'VISITE'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

/** Input ids of the planning card, in display order. */
export const COMMITTEE_FIELDS = [
  'kind',
  'date',
  'time',
  'place',
  'agenda',
  'participants',
] as const;

export const AGENDA_MAX = 2000;
export const PLACE_MAX = 200;
/** Teams and Visio meeting links run to several hundred characters; 2000 is the usual URL cap. */
export const LINK_MAX = 2000;
/** A guard against typos such as 2062 for 2026, not a business rule. */
export const MAX_YEARS_AHEAD = 3;

/**
 * Duration used only for the calendar invitation, since the card asks for a start time only:
 * a meeting for the committees, a half day for an immersion.
 */
export const DEFAULT_DURATION_MINUTES: Readonly<Record<CommitteeKind, number>> = {
  COPIL: 120,
  COTECH: 120,
  IMMERSION: 240,
  VISITE: 90,
};

export interface CommitteeContext {
  /** The injected clock's current instant. */
  now: Date;
  /** Structures that may take part (the partnership's); any directory id if omitted. */
  structureIds?: readonly string[];
}

const text = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string({ error: 'E_FIELD_INVALID' }),
);
const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'E_FIELD_INVALID' });
const STRUCTURE_ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LINK_RE = /^(https?:\/\/|www\.)/i;

const charCount = (s: string): number => [...s].length;

function kindField() {
  return text.transform((v, ctx) => {
    const value = v.trim();
    if (value === '') ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
    else if (!(COMMITTEE_KINDS as readonly string[]).includes(value)) {
      ctx.addIssue({ code: 'custom', message: 'E_CHOICE_INVALID' });
    }
    return value as CommitteeKind;
  });
}

/** Input.Date sends AAAA-MM-JJ; JJ/MM/AAAA is accepted from clients that show a text box. */
function dateField() {
  return text.transform((v, ctx) => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
      return '';
    }
    const iso = parseDate(v);
    if (iso === null) ctx.addIssue({ code: 'custom', message: 'E_DATE_INVALID' });
    return iso ?? '';
  });
}

/** Input.Time sends HH:mm; 9:30 and 9h30 are what people type elsewhere. */
function timeField() {
  return text.transform((v, ctx) => {
    const value = v.trim();
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
      return '';
    }
    const m = /^(\d{1,2})[:hH](\d{2})$/.exec(value);
    const time = m ? `${m[1].padStart(2, '0')}:${m[2]}` : '';
    if (!isLocalTime(time)) {
      ctx.addIssue({ code: 'custom', message: 'E_TIME_INVALID' });
      return '';
    }
    return time;
  });
}

/** A place (one line) or an online meeting link, which must be a full https address. */
function placeField() {
  return text.transform((v, ctx) => {
    const value = v.trim().replace(/\s+/gu, ' ');
    if (value === '') ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
    else if (LINK_RE.test(value)) {
      if (charCount(value) > LINK_MAX) ctx.addIssue({ code: 'custom', message: 'E_LINK_TOO_LONG' });
      else if (!isHttpsUrl(value)) ctx.addIssue({ code: 'custom', message: 'E_LINK_INVALID' });
    } else if (charCount(value) > PLACE_MAX) {
      ctx.addIssue({ code: 'custom', message: 'E_PLACE_TOO_LONG' });
    }
    return value;
  });
}

function agendaField() {
  return text.transform((v, ctx) => {
    const value = v
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+$/gm, '')
      .trim();
    if (value === '') ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
    else if (charCount(value) > AGENDA_MAX)
      ctx.addIssue({ code: 'custom', message: 'E_AGENDA_TOO_LONG' });
    return value;
  });
}

/** Input.ChoiceSet with isMultiSelect sends the chosen values joined by commas. */
function participantsField(allowed: readonly string[] | undefined) {
  return text.transform((v, ctx) => {
    const ids = [
      ...new Set(
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
    ];
    if (ids.length === 0) ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
    else if (
      ids.some(
        (id) => !STRUCTURE_ID_RE.test(id) || (allowed !== undefined && !allowed.includes(id)),
      )
    ) {
      ctx.addIssue({ code: 'custom', message: 'E_CHOICE_INVALID' });
    }
    return ids;
  });
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The planning card's strict schema; the date-time checks need the injected clock. */
export function committeePlanSchema(ctx: CommitteeContext) {
  const today = parisDate(ctx.now);
  const latest = `${Number(today.slice(0, 4)) + MAX_YEARS_AHEAD}${today.slice(4)}`;
  return z
    .strictObject({
      kind: kindField(),
      date: dateField(),
      time: timeField(),
      place: placeField(),
      agenda: agendaField(),
      participants: participantsField(ctx.structureIds),
      committeeId: opaqueId.optional(),
      // Routing and technical fields of the card (which partnership, which rendered form).
      partnershipId: opaqueId.optional(),
      formId: opaqueId.optional(),
      cardVersion: z.unknown().optional(),
    })
    .superRefine(
      (v: { date?: unknown; time?: unknown }, rc) => {
        // Forced to run when other fields failed, so that a past date and a missing place are
        // reported together; hence the defensive reading of `v`, which may then be anything.
        if (typeof v !== 'object' || v === null) return;
        const { date, time } = v;
        if (typeof date !== 'string' || typeof time !== 'string') return;
        if (!isIsoDate(date) || !isLocalTime(time)) return;
        const r = resolveParisLocal(`${date}T${time}`);
        if (!r.ok) {
          rc.addIssue({ code: 'custom', path: ['time'], message: r.code });
        } else if (r.instant.getTime() <= ctx.now.getTime()) {
          // Same day: the time is what is wrong; an earlier day: the date is.
          if (date < today) rc.addIssue({ code: 'custom', path: ['date'], message: 'E_DATE_PAST' });
          else rc.addIssue({ code: 'custom', path: ['time'], message: 'E_TIME_PAST' });
        } else if (date > latest) {
          rc.addIssue({ code: 'custom', path: ['date'], message: 'E_DATE_TOO_FAR' });
        }
      },
      { when: () => true },
    )
    .transform((v) => {
      const r = resolveParisLocal(`${v.date}T${v.time}`);
      return {
        ...v,
        startsAt: r.ok ? r.instant : new Date(Number.NaN),
        placeKind: LINK_RE.test(v.place) ? ('link' as const) : ('place' as const),
      };
    });
}

export type CommitteePlan = z.output<ReturnType<typeof committeePlanSchema>>;

/** Validates the planning card's data: one stable error code per field, like the flows. */
export function validateCommitteePlan(
  input: unknown,
  ctx: CommitteeContext,
): Validation<CommitteePlan> {
  return validate(committeePlanSchema(ctx), input);
}

/** The values to pre-fill the card with when an existing committee is edited. */
export function committeeCardValues(c: {
  kind: CommitteeKind;
  startsAt: Date;
  place: string;
  agenda: string;
  participants: readonly string[];
}): Record<(typeof COMMITTEE_FIELDS)[number], string> {
  return {
    kind: c.kind,
    date: parisDate(c.startsAt),
    time: parisTime(c.startsAt),
    place: c.place,
    agenda: c.agenda,
    participants: c.participants.join(','),
  };
}
