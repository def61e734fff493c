/**
 * How the directory stores contact details: phones in E.164, département codes upper-case and
 * two digits, e-mails checked. Shared by the directory file and the admin cards.
 */

/** Metropolitan 01–95 (Corsica is 2A and 2B, no longer 20) and the overseas 971–976. */
export const DEPARTEMENT_CODE = /^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;
const EMAIL =
  /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * French overseas numbering (ARCEP): the national prefix decides the country code. Mayotte
 * shares +262 with La Réunion (+269 is the Comoros).
 */
const OVERSEAS: [RegExp, string][] = [
  [/^(590|690|691)/, '590'], // Guadeloupe, Saint-Martin, Saint-Barthélemy
  [/^(594|694)/, '594'], // Guyane
  [/^(596|696|697)/, '596'], // Martinique
  [/^(262|263|692|693|269|639)/, '262'], // La Réunion, Mayotte
];

/** A French phone number as typed (spaces, dots, dashes, 0 or +33 or 0033) → E.164, or null. */
export function normalizePhone(raw: string): string | null {
  let v = raw
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s.\-()/]/g, '');
  if (v.startsWith('00')) v = `+${v.slice(2)}`;
  if (/^0[1-9]\d{8}$/.test(v)) {
    const national = v.slice(1);
    const overseas = OVERSEAS.find(([prefix]) => prefix.test(national));
    return `+${overseas ? overseas[1] : '33'}${national}`;
  }
  if (/^\+33[1-9]\d{8}$/.test(v)) return v;
  if (/^\+(262|590|594|596)[1-9]\d{8}$/.test(v)) return v;
  if (/^\+508\d{6}$/.test(v)) return v; // Saint-Pierre-et-Miquelon
  // Nouvelle-Calédonie, Polynésie, Wallis-et-Futuna
  if (/^\+(687|689|681)\d{6,8}$/.test(v)) return v;
  return null;
}

/** E.164 shown the French way: "+33 4 12 34 56 78". */
export function displayPhone(e164: string): string {
  const m = /^\+(33|262|590|594|596)(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+${m[1]} ${m.slice(2).join(' ')}` : e164;
}

/** "69, 01 ; 2a" → ['69', '01', '2A'], or null when one code is not a département. */
export function parseDepartements(raw: string): string[] | null {
  const codes = raw
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean)
    .map((c) => (/^\d$/.test(c) ? `0${c}` : c));
  if (!codes.length || codes.some((c) => !DEPARTEMENT_CODE.test(c))) return null;
  return [...new Set(codes)];
}

/** True for an e-mail address a person could have. */
export function isEmail(v: string): boolean {
  return v.length <= 254 && EMAIL.test(v);
}
