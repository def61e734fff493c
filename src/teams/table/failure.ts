/** A file job that failed (the national table, the correspondent list): one log line, one text. */
import type { Logger } from 'pino';
import { DomainError, isFileError } from '../../domain/errors';
import { fr } from '../../i18n/fr';
import { fileErrorText } from './views';

/** Logs the failure with its code (never a person's values) and returns the French reason. */
export function fileJobFailure(
  logger: Logger,
  log: Record<string, unknown>,
  err: unknown,
  message: string,
): string {
  logger.error(
    {
      ...log,
      ...(isFileError(err)
        ? err.toLog()
        : {
            code: err instanceof DomainError ? err.code : 'E_INTERNAL',
            err: (err as Error)?.name,
          }),
    },
    message,
  );
  if (isFileError(err)) return fileErrorText(err);
  return err instanceof DomainError ? fr.errors[err.code] : fr.errors.E_INTERNAL;
}
