/** Text comparison as people expect it in French: accents and case do not matter. */

/** Lower-case without accents, for comparing what people type. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * What a user sent, as text to show back: strings as they are, numbers and booleans written out,
 * a list of those joined by commas; anything else (an object, whatever its `toString`) is empty.
 */
export function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))
      .join(',');
  return '';
}
