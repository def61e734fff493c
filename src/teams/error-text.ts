/**
 * A refusal's French text, its `{placeholders}` filled from the error's details (ids, dates and
 * counts only: details never carry personal data). A refusal with a more precise text for its
 * `action` or `searched` detail (fr.refusals) gets that one: it names who may, or what to look up.
 */
import type { DomainError } from '../domain/errors';
import { format, fr } from '../i18n/fr';

/** The French message for a DomainError, e.g. the accord-cadre's end date in E_PARTNERSHIP_ENDED. */
export function errorText(err: DomainError): string {
  // No prototype: a detail named `__proto__` or `constructor` stays a plain value.
  const values: Record<string, string | number> = Object.create(null) as Record<
    string,
    string | number
  >;
  for (const [key, value] of Object.entries(err.details)) {
    if (typeof value === 'string' || typeof value === 'number') values[key] = value;
  }
  return format(variantText(err) ?? fr.errors[err.code], values);
}

function variantText(err: DomainError): string | undefined {
  if (!Object.hasOwn(fr.refusals, err.code)) return undefined;
  const texts = fr.refusals[err.code as keyof typeof fr.refusals];
  const key = err.details.searched ?? err.details.action;
  return typeof key === 'string' && Object.hasOwn(texts, key) ? texts[key] : undefined;
}
