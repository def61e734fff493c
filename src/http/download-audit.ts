/**
 * A protected file fetched through its link is a read of what it holds (issue 16 §1): one audit
 * event, in the name of the person the link was made for (whoever holds a link acts for them;
 * the file stays encrypted with a password only they received).
 */
import type { Logger } from 'pino';
import type { Clock } from '../domain/model';
import type { Store } from '../storage/store';

export async function auditDownload(
  o: { store: Store; clock: Clock; logger: Logger },
  action: string,
  fileId: string,
  file: { owner: string },
): Promise<void> {
  try {
    await o.store.audit.record({
      at: o.clock.now().toISOString(),
      actor: file.owner,
      action,
      detail: `file=${fileId}`,
    });
  } catch (err) {
    o.logger.error(
      { code: 'E_AUDIT_WRITE', action, err: (err as Error)?.message },
      'audit event not written',
    );
  }
}
