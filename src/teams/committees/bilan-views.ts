/**
 * The partnership's figures (roadmap §1 "bilan de l'année passée"): `/bilan [année]` and the
 * comité de pilotage's reminders. Counts and delays only, never a person.
 */
import { parisDate } from '../../domain/calendar/paris-time';
import { toFrDate } from '../../domain/fields';
import type { PartnershipRecord, StructureRecord } from '../../domain/model';
import {
  calendarYear,
  partnershipFigures,
  yearBefore,
  type PartnershipFigures,
  type Period,
} from '../../domain/stats';
import { fr } from '../../i18n/fr';
import type { Repo } from '../../storage/store';

const s = fr.committees.stats;

export interface FiguresBlock {
  title: string;
  facts: { title: string; value: string }[];
  note: string;
}

/** The period of a bilan: a calendar year, or the twelve months before `now`. */
export function bilanPeriod(now: Date, year?: number): { period: Period; label: string } {
  if (year !== undefined)
    return { period: calendarYear(year), label: fr.committees.bilan.year(year) };
  const period = yearBefore(now);
  return {
    period,
    label: fr.committees.bilan.lastTwelveMonths(
      toFrDate(parisDate(period.from)),
      toFrDate(parisDate(period.to)),
    ),
  };
}

/** The DT's seat (first département): its holidays count for the working days. */
export function seatOf(dt: StructureRecord | undefined): string | undefined {
  return dt?.departements[0];
}

/** A partnership's figures over a period. */
export async function figuresOf(
  repo: Repo,
  p: PartnershipRecord,
  dt: StructureRecord | undefined,
  period: Period,
): Promise<PartnershipFigures> {
  const facts = await repo.committees.requestFacts(p.id, period.from, period.to);
  return partnershipFigures(facts, period, seatOf(dt));
}

/** The figures as card facts, in French. */
export function figuresBlock(
  f: PartnershipFigures,
  periodLabel: string,
  dt: StructureRecord | undefined,
): FiguresBlock {
  const delay =
    f.medianWorkingDays === null || f.medianHours === null
      ? s.none
      : `${s.workingDays(f.medianWorkingDays)} (${s.hours(f.medianHours)})`;
  const seat = seatOf(dt);
  return {
    title: s.title(periodLabel),
    facts: [
      { title: s.requests, value: String(f.requests) },
      { title: s.answered, value: String(f.answered) },
      { title: s.unanswered, value: String(f.unanswered) },
      { title: fr.committees.bilan.cancelled, value: String(f.cancelled) },
      { title: s.medianDelay, value: delay },
    ],
    note: seat ? fr.committees.bilan.departementNote(seat) : '',
  };
}
