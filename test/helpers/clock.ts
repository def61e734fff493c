/**
 * A clock for tests: time flows as usual (so that Retry-After and back-off still work), and a
 * test jumps it days ahead to reach a reminder without waiting.
 */
import type { Clock } from '../../src/domain/model';

export class TestClock implements Clock {
  private offset = 0;

  constructor(start?: Date) {
    if (start) this.set(start);
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  /** From now on, the clock reads `at` (and flows from there). */
  set(at: Date): void {
    this.offset = at.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}

/** A clock that only moves when told: for pure scheduler tests. */
export class FixedClock implements Clock {
  constructor(private at: Date) {}

  now(): Date {
    return new Date(this.at.getTime());
  }

  set(at: Date): void {
    this.at = new Date(at.getTime());
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
