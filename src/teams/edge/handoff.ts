/**
 * An invoke must be answered quickly, yet an import may take longer. `answerWithin` answers with
 * the work's own card when it ends within the budget; otherwise it answers with a progress card
 * and the work, now "late", posts its card through the outbox. The work calls `settle()` just
 * before committing its outcome: from then on the invoke waits for it, so the card is delivered
 * exactly one way.
 */
import type { Card } from '../cards/render';

export interface Handoff {
  /** True once the invoke has answered without the work's card. */
  readonly late: boolean;
  /**
   * Fixes who delivers the outcome; returns true when the work must post it itself. With
   * `preferLate` (much work left), the invoke answers now with the progress card.
   */
  settle(preferLate?: boolean): boolean;
}

/**
 * For work started from a message: the progress card is already posted, the work always posts its
 * result.
 */
export const ALWAYS_LATE: Handoff = { late: true, settle: () => true };

/**
 * Runs `work`; answers with its card if it ends (or settles) within `budgetMs`, else with
 * `pending`.
 */
export async function answerWithin(
  budgetMs: number,
  pending: Card,
  work: (handoff: Handoff) => Promise<Card>,
  onLateFailure: (err: unknown) => void,
): Promise<Card> {
  // An object, not a local: the compiler cannot see the work change it across the await.
  const s: { state: 'waiting' | 'settled' | 'late' } = { state: 'waiting' };
  let answerNow: () => void = () => undefined;
  const handoff: Handoff = {
    get late() {
      return s.state === 'late';
    },
    settle(preferLate = false) {
      if (s.state === 'waiting') s.state = preferLate ? 'late' : 'settled';
      if (s.state === 'late') answerNow();
      return s.state === 'late';
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    answerNow = () => resolve(null);
    timer = setTimeout(() => resolve(null), budgetMs);
  });
  const job = work(handoff);
  try {
    const first = await Promise.race([job, timeout]);
    if (first !== null) return first;
  } finally {
    clearTimeout(timer);
  }
  if (s.state === 'settled') return job;
  s.state = 'late';
  job.catch(onLateFailure);
  return pending;
}
