/**
 * A refusal's French text, its `{placeholders}` filled from the error's details (ids, dates and
 * counts only: details never carry personal data).
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
  return format(fr.errors[err.code], values);
}
