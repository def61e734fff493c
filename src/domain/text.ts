/** Text comparison as people expect it in French: accents and case do not matter. */

/** Lower-case without accents, for comparing what people type. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
