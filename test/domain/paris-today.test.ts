import { strict as assert } from 'node:assert';
import { parisToday } from '../../src/domain/requests';

describe("today's date in Paris", () => {
  it('turns at midnight in Paris, winter and summer, even when asked within the same minute before', () => {
    const cases: [string, string][] = [
      ['2026-03-28T22:59:00.000Z', '2026-03-28'],
      ['2026-03-28T22:59:59.999Z', '2026-03-28'],
      ['2026-03-28T23:00:00.000Z', '2026-03-29'],
      ['2026-07-01T21:59:30.000Z', '2026-07-01'],
      ['2026-07-01T22:00:00.000Z', '2026-07-02'],
      ['2026-07-01T21:59:59.000Z', '2026-07-01'],
    ];
    for (const [instant, day] of cases) assert.equal(parisToday(new Date(instant)), day, instant);
  });
});
