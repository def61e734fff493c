/**
 * Every refusal of a known person is an audit event (issue 16 §1), written here, where the bot
 * turns every refusal into its French card: one place, not one per handler. People the
 * directory does not know get the log line only (they have no structure or role to audit, and
 * an unknown sender must not be able to grow the table).
 */
import type { Logger } from 'pino';
import type { Caller, Clock } from '../../domain/model';
import type { AuditOutcome, Store } from '../../storage/store';

export interface RefusalEvent {
  /** The verb, or `command:<name>`. */
  action: string;
  code: string;
  outcome: Exclude<AuditOutcome, 'ok'>;
  /** The request the refused action named, when it named one (an opaque id, never a value). */
  requestId?: unknown;
}

/** Records the refusal; a failure to record is logged, never turned into the user's answer. */
export async function auditRefusal(
  deps: { store: Store; clock: Clock; logger: Logger },
  caller: Caller,
  e: RefusalEvent,
): Promise<void> {
  if (!caller.person && !caller.isGlobalAdmin) return;
  const requestId =
    typeof e.requestId === 'string' && e.requestId ? e.requestId.slice(0, 200) : undefined;
  try {
    await deps.store.audit.record({
      at: deps.clock.now().toISOString(),
      actor: caller.aadObjectId,
      actorStructureId: caller.person?.structureId ?? null,
      action: e.action.slice(0, 120),
      requestId,
      detail: `code=${e.code}`,
      outcome: e.outcome,
    });
  } catch (err) {
    deps.logger.error(
      { code: 'E_AUDIT_WRITE', action: e.action, err: (err as Error)?.message },
      'audit event not written',
    );
  }
}
