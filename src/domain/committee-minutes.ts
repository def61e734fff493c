/**
 * What a committee leaves once held (DESIGN.md §8, issue 14 §2): held or not, the structures
 * present, decisions, the objectives set for the next year and which of last year's were met; an
 * immersion or a visit records its outcome. This module holds the record's shape, the card's
 * strict schema per kind and the timing rules; storage and Teams live elsewhere.
 */
import { z } from 'zod';
import { addDays, dayOfWeek } from './calendar/iso-date';
import { parisDate, parisTime } from './calendar/paris-time';
import type { CommitteeKind } from './committees';
import { validate, type Validation } from './schemas';

/** The minutes of one committee; recording again edits them, first and last author kept. */
export interface CommitteeMinutes {
  committeeId: string;
  partnershipId: string;
  kind: CommitteeKind;
  startsAt: Date;
  held: boolean;
  /** Structure ids of the partnership that were there. */
  present: string[];
  decisions: string;
  /** Objectives set for the next year (comité de pilotage only). */
  objectives: string[];
  /** Which of the previous comité de pilotage's objectives were met, as their text. */
  met: string[];
  /** An immersion's or a visit's outcome. */
  outcome: string;
  recordedBy: string;
  recordedAt: string;
  updatedBy: string;
  updatedAt: string;
  /** How many times the minutes were edited after the first record. */
  edits: number;
}

export const DECISIONS_MAX = 2000;
export const OUTCOME_MAX = 2000;
export const OBJECTIVE_MAX = 200;
/** "A short list": a comité de pilotage sets a handful of objectives, not a plan. */
export const OBJECTIVES_MAX = 8;

/** The planner is asked the day after the committee, the admins a few days later. */
export const ASK_PLANNER_AFTER_DAYS = 1;
export const ASK_ADMINS_AFTER_DAYS = 7;

/** Which parts of the minutes a kind records. */
export function minutesFields(kind: CommitteeKind): readonly string[] {
  if (kind === 'COPIL') return ['held', 'present', 'decisions', 'objectives', 'met'];
  if (kind === 'COTECH') return ['held', 'present', 'decisions'];
  return ['held', 'present', 'outcome'];
}

const text = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string({ error: 'E_FIELD_INVALID' }),
);
const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'E_FIELD_INVALID' });
const charCount = (s: string): number => [...s].length;

/** Multi-line text as typed: line ends unified, trailing spaces dropped. */
function longText(max: number) {
  return text.transform((v, ctx) => {
    const value = v
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+$/gm, '')
      .trim();
    if (charCount(value) > max) ctx.addIssue({ code: 'custom', message: 'E_TEXT_TOO_LONG' });
    return value;
  });
}

/** Input.ChoiceSet with isMultiSelect sends the chosen values joined by commas. */
function commaList() {
  return text.transform((v) => [
    ...new Set(
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ]);
}

export interface MinutesContext {
  kind: CommitteeKind;
  /** The partnership's structures: the only ones that can be present. */
  structureIds: readonly string[];
  /** The previous comité de pilotage's objectives, which `met` picks from by index. */
  previousObjectives: readonly string[];
}

/** The minutes card's strict schema for a kind: a field another kind records is refused. */
export function minutesSchema(ctx: MinutesContext) {
  const shape = {
    committeeId: opaqueId,
    cardVersion: z.unknown().optional(),
    held: text.transform((v, c) => {
      if (v !== 'true' && v !== 'false')
        c.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
      return v === 'true';
    }),
    present: commaList().superRefine((ids, c) => {
      if (ids.some((id) => !ctx.structureIds.includes(id)))
        c.addIssue({ code: 'custom', message: 'E_CHOICE_INVALID' });
    }),
    decisions: longText(DECISIONS_MAX).optional(),
    outcome: longText(OUTCOME_MAX).optional(),
    objectives: text
      .transform((v, c) => {
        const lines = v
          .replace(/\r\n?/g, '\n')
          .split('\n')
          .map((l) => l.replace(/^\s*[-•*]\s*/, '').trim())
          .filter((l) => l !== '');
        if (lines.length > OBJECTIVES_MAX)
          c.addIssue({ code: 'custom', message: 'E_OBJECTIVES_TOO_MANY' });
        else if (lines.some((l) => charCount(l) > OBJECTIVE_MAX))
          c.addIssue({ code: 'custom', message: 'E_OBJECTIVE_TOO_LONG' });
        return lines;
      })
      .optional(),
    met: commaList()
      .transform((ids, c) => {
        const picked: string[] = [];
        for (const id of ids) {
          const i = /^\d{1,2}$/.test(id) ? Number(id) : -1;
          if (i < 0 || i >= ctx.previousObjectives.length) {
            c.addIssue({ code: 'custom', message: 'E_CHOICE_INVALID' });
            return [];
          }
          picked.push(ctx.previousObjectives[i]);
        }
        return picked;
      })
      .optional(),
  };
  const allowed = new Set(['committeeId', 'cardVersion', ...minutesFields(ctx.kind)]);
  const kept = Object.fromEntries(Object.entries(shape).filter(([k]) => allowed.has(k)));
  return z.strictObject(kept as typeof shape).superRefine(
    (v: { held?: unknown; present?: unknown; outcome?: unknown }, rc) => {
      // Forced to run when other fields failed, so that every wrong field is reported at once;
      // hence the defensive reading of `v`. A committee held names who came, and an immersion or
      // a visit says how it went.
      if (typeof v !== 'object' || v === null || (v.held !== true && v.held !== 'true')) return;
      const present = v.present;
      if (
        (Array.isArray(present) && present.length === 0) ||
        present === '' ||
        present === undefined
      )
        rc.addIssue({ code: 'custom', path: ['present'], message: 'E_FIELD_REQUIRED' });
      if (allowed.has('outcome') && (v.outcome === '' || v.outcome === undefined))
        rc.addIssue({ code: 'custom', path: ['outcome'], message: 'E_FIELD_REQUIRED' });
    },
    { when: () => true },
  );
}

export type MinutesInput = z.output<ReturnType<typeof minutesSchema>>;

/** Validates the minutes card: one stable error code per field. */
export function validateMinutes(input: unknown, ctx: MinutesContext): Validation<MinutesInput> {
  return validate(minutesSchema(ctx), input);
}

/** The card's values for existing minutes (to edit them), `met` as indexes of last year's list. */
export function minutesCardValues(
  m: CommitteeMinutes | undefined,
  previousObjectives: readonly string[],
): Record<string, string> {
  if (!m) return { held: 'true', present: '', decisions: '', objectives: '', met: '', outcome: '' };
  return {
    held: m.held ? 'true' : 'false',
    present: m.present.join(','),
    decisions: m.decisions,
    objectives: m.objectives.join('\n'),
    met: previousObjectives
      .map((o, i) => (m.met.includes(o) ? String(i) : ''))
      .filter((i) => i !== '')
      .join(','),
    outcome: m.outcome,
  };
}

/**
 * The proposed date of the next comité de pilotage: a year later, moved to the Monday after when
 * that falls on a weekend; the same Paris time.
 */
export function nextCopilSlot(startsAt: Date): { date: string; time: string } {
  const d = parisDate(startsAt);
  const y = Number(d.slice(0, 4)) + 1;
  let next = d.slice(5) === '02-29' ? `${y}-03-01` : `${y}${d.slice(4)}`;
  const dow = dayOfWeek(next);
  if (dow === 6) next = addDays(next, 2);
  else if (dow === 0) next = addDays(next, 1);
  return { date: next, time: parisTime(startsAt) };
}
