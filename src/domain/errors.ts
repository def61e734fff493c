/** The error catalogue: stable codes, French text at the edge (i18n/fr.ts), ids in logs. */

export const ERROR_CODES = [
  'E_NOT_IN_DIRECTORY',
  'E_TENANT_NOT_ALLOWED',
  'E_TENANT_MISMATCH',
  'E_ROLE_FORBIDDEN',
  'E_NO_PARTNERSHIP',
  'E_NOT_ROUTED_DT',
  'E_NOT_OWN_ML',
  'E_REQUEST_NOT_FOUND',
  'E_REQUEST_ALREADY_ANSWERED',
  'E_REQUEST_NOT_ANSWERABLE',
  'E_REQUEST_ERASED',
  'E_FIELDS_NOT_ALLOWED',
  'E_INVALID_INPUT',
  'E_SUIVI_USAGE',
  'E_UNKNOWN_VERB',
  'E_UNKNOWN_COMMAND',
  'E_INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A refusal the user must be told about; `details` holds ids only, never personal data. */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly details: Record<string, string | number | boolean | undefined> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
