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
  'E_CARD_DATA_INVALID',
  'E_DIRECTORY_ADMIN_ONLY',
  'E_DIRECTORY_OUT_OF_SCOPE',
  'E_DIRECTORY_NOT_FOUND',
  'E_DIRECTORY_AMBIGUOUS',
  'E_DIRECTORY_CHANNEL_ONLY',
  'E_DIRECTORY_PERSONAL_ONLY',
  'E_DIRECTORY_MENTION_NEEDED',
  'E_DIRECTORY_MEMBER_LOOKUP',
  'E_DIRECTORY_FILE_UNREADABLE',
  'E_DIRECTORY_LINK_INVALID',
  'E_COMMITTEE_NOT_FOUND',
  'E_COMMITTEE_CANCELLED',
  'E_BILAN_USAGE',
  'E_TABLEAU_PERIOD',
  'E_TABLEAU_PERSONAL_CHAT_NEEDED',
  'E_TABLEAU_IMPORT_PERSONAL_ONLY',
  'E_TABLEAU_FILE_UNREADABLE',
  'E_TABLEAU_IMPORT_GONE',
  'E_TABLEAU_IMPORT_RUNNING',
  'E_TABLEAU_PASSWORD_NOT_YOURS',
  'E_TABLEAU_PASSWORD_ERASED',
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
