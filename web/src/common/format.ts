/** French formats for dates, ages and numbers. */
const dateFmt = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const dateTimeFmt = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});
const numberFmt = new Intl.NumberFormat('fr-FR');
const percentFmt = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

function parse(iso: string): Date | null {
  // A bare date (AAAA-MM-JJ) is a calendar day: noon UTC keeps it on that day in Paris.
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function frDate(iso: string | null | undefined): string {
  const d = iso ? parse(iso) : null;
  return d ? dateFmt.format(d) : (iso ?? '');
}

export function frDateTime(iso: string | null | undefined): string {
  const d = iso ? parse(iso) : null;
  return d ? dateTimeFmt.format(d) : (iso ?? '');
}

export function frAge(days: number | null | undefined): string {
  if (days === null || days === undefined) return '';
  if (days === 0) return "aujourd'hui";
  return days === 1 ? '1 jour' : `${numberFmt.format(days)} jours`;
}

export function frNumber(value: unknown): string {
  return typeof value === 'number' ? numberFmt.format(value) : String(value ?? '');
}

/** A share as the API gives it: a fraction (0.25) or already a percentage (25). */
export function frShare(share: unknown): string {
  if (typeof share !== 'number') return share === null || share === undefined ? '' : String(share);
  return percentFmt.format(share > 1 ? share / 100 : share);
}
