/** The request life service's contract with its edges: its notifier, deps and results. */
import type { RequestRecord } from './model';
import type { RequestServiceDeps } from './request-effects';
import type { FieldErrors } from './schemas';
import type { Repo } from '../storage/store';

/** The outbound side of a request's life, written into the outbox by the Teams edge. */
export interface RequestLifeNotifier {
  corrected(tx: Repo, r: RequestRecord): Promise<void>;
  cancelled(tx: Repo, r: RequestRecord, by: 'ml' | 'dt'): Promise<void>;
  updated(tx: Repo, r: RequestRecord): Promise<void>;
}

export interface RequestLifeDeps extends RequestServiceDeps {
  lifeNotifier: RequestLifeNotifier;
}

/** What a submit came to: done (or already done: a double click), refused field by field, or stale. */
export type LifeResult =
  | { kind: 'done'; request: RequestRecord; duplicate: boolean; unchanged?: boolean }
  | {
      kind: 'invalid';
      request: RequestRecord;
      fieldErrors: FieldErrors;
      unknownFields: string[];
      values: Record<string, unknown>;
    }
  | { kind: 'stale'; request: RequestRecord; values: Record<string, unknown> };
