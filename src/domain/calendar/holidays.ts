/**
 * French public holidays (jours fériés), computed for any Gregorian year, so that no yearly
 * list has to be maintained. They decide which days are working days for the
 * unanswered-request reminders (issue 5), where the DT's département matters.
 *
 * National list: Code du travail, art. L3133-1. Whit Monday is counted as a holiday even
 * though it may be the "journée de solidarité" (art. L3133-7): whether a given DT works that
 * day is not knowable here, and one more day of patience before a reminder harms no one.
 */
import { addDays, isIsoDate, isoDate } from './iso-date';

/** Stable codes of the holidays; the French names are in i18n/fr-committees.ts. */
export type HolidayCode =
  | 'JOUR_DE_L_AN'
  | 'VENDREDI_SAINT'
  | 'LUNDI_DE_PAQUES'
  | 'FETE_DU_TRAVAIL'
  | 'VICTOIRE_1945'
  | 'ASCENSION'
  | 'LUNDI_DE_PENTECOTE'
  | 'FETE_NATIONALE'
  | 'ASSOMPTION'
  | 'TOUSSAINT'
  | 'ARMISTICE_1918'
  | 'NOEL'
  | 'SAINT_ETIENNE'
  | 'ABOLITION_ESCLAVAGE';

export interface Holiday {
  /** ISO local date. */
  date: string;
  code: HolidayCode;
}

/**
 * Alsace-Moselle (Moselle, Bas-Rhin, Haut-Rhin): Good Friday and 26 December, from the local
 * law kept in force after 1918 (Code du travail, art. L3134-13). Good Friday is legally a
 * holiday only in communes with a Protestant temple or a mixed church; in practice public
 * services of the three départements close everywhere, so we apply it département-wide.
 */
const ALSACE_MOSELLE = new Set(['57', '67', '68']);

/**
 * Commemoration of the abolition of slavery: loi n° 83-550 du 30 juin 1983 makes it a public
 * holiday in Guadeloupe, Guyane, Martinique, La Réunion and Mayotte, on the dates fixed by
 * décret n° 83-1003 du 23 novembre 1983 (as amended by décret n° 2012-553 du 23 avril 2012).
 * That décret also lists Saint-Barthélemy and Saint-Martin, which are collectivités with no
 * département code in the directory, so they are not handled here.
 */
const ABOLITION_DAYS: ReadonlyMap<string, readonly [month: number, day: number]> = new Map([
  ['971', [5, 27]], // Guadeloupe
  ['972', [5, 22]], // Martinique
  ['973', [6, 10]], // Guyane
  ['974', [12, 20]], // La Réunion
  ['976', [4, 27]], // Mayotte
]);

/** Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** Trims a département code and drops the leading zero of INSEE's padded form (067, 0972). */
function normalizeDepartement(departement: string | undefined): string | undefined {
  if (departement === undefined) return undefined;
  const d = departement.trim().toUpperCase();
  return /^0(\d{2}|\d{3}|2[AB])$/.test(d) ? d.slice(1) : d;
}

/** The public holidays of a year, in date order, for a département (national list if none). */
export function publicHolidays(year: number, departement?: string): Holiday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year out of the Gregorian range handled: ${year}`);
  }
  const dep = normalizeDepartement(departement);
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { date: isoDate(year, 1, 1), code: 'JOUR_DE_L_AN' },
    { date: addDays(easter, 1), code: 'LUNDI_DE_PAQUES' },
    { date: isoDate(year, 5, 1), code: 'FETE_DU_TRAVAIL' },
    { date: isoDate(year, 5, 8), code: 'VICTOIRE_1945' },
    { date: addDays(easter, 39), code: 'ASCENSION' },
    { date: addDays(easter, 50), code: 'LUNDI_DE_PENTECOTE' },
    { date: isoDate(year, 7, 14), code: 'FETE_NATIONALE' },
    { date: isoDate(year, 8, 15), code: 'ASSOMPTION' },
    { date: isoDate(year, 11, 1), code: 'TOUSSAINT' },
    { date: isoDate(year, 11, 11), code: 'ARMISTICE_1918' },
    { date: isoDate(year, 12, 25), code: 'NOEL' },
  ];
  if (dep !== undefined && ALSACE_MOSELLE.has(dep)) {
    list.push({ date: addDays(easter, -2), code: 'VENDREDI_SAINT' });
    list.push({ date: isoDate(year, 12, 26), code: 'SAINT_ETIENNE' });
  }
  const abolition = dep === undefined ? undefined : ABOLITION_DAYS.get(dep);
  if (abolition)
    list.push({ date: isoDate(year, abolition[0], abolition[1]), code: 'ABOLITION_ESCLAVAGE' });
  // Two holidays can share a date (Ascension fell on 1 May in 2008): keep the first one.
  const seen = new Set<string>();
  return list
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
    .filter((h) => (seen.has(h.date) ? false : (seen.add(h.date), true)));
}

// A pure memo (the calendar of a year never changes): working-day arithmetic asks for the
// same year hundreds of times per request. Bounded by years × départements in use.
const BY_DATE = new Map<string, Map<string, Holiday>>();

function holidaysByDate(year: number, departement?: string): Map<string, Holiday> {
  const key = `${year}|${normalizeDepartement(departement) ?? ''}`;
  let map = BY_DATE.get(key);
  if (!map) {
    map = new Map(publicHolidays(year, departement).map((h) => [h.date, h]));
    if (BY_DATE.size > 2_000) BY_DATE.clear();
    BY_DATE.set(key, map);
  }
  return map;
}

/** The holiday falling on an ISO date in a département, or null. */
export function holidayOn(isoDateValue: string, departement?: string): Holiday | null {
  if (!isIsoDate(isoDateValue)) throw new RangeError(`not an ISO date: ${isoDateValue}`);
  const year = Number(isoDateValue.slice(0, 4));
  return holidaysByDate(year, departement).get(isoDateValue) ?? null;
}

/** True when the ISO date is a public holiday in the département (national list if none). */
export function isPublicHoliday(isoDateValue: string, departement?: string): boolean {
  return holidayOn(isoDateValue, departement) !== null;
}
