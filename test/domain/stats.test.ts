import { strict as assert } from 'node:assert';
import { parisToInstant } from '../../src/domain/calendar/paris-time';
import {
  calendarYear,
  median,
  partnershipFigures,
  yearBefore,
  type RequestFact,
} from '../../src/domain/stats';

const at = (local: string): Date => parisToInstant(local);

describe('Figures of the past year for the comité de pilotage', () => {
  const facts: RequestFact[] = [
    // Friday evening, answered Monday morning: 1 working day, 62.5 hours.
    { createdAt: at('2026-07-10T18:00'), answeredAt: at('2026-07-13T08:30'), status: 'completee' },
    // Same day: 0 working days, 3 hours.
    { createdAt: at('2026-07-15T09:00'), answeredAt: at('2026-07-15T12:00'), status: 'cloturee' },
    // Across 14 July: 13 → 16 is 2 working days (15, 16), 72 hours.
    { createdAt: at('2026-07-13T10:00'), answeredAt: at('2026-07-16T10:00'), status: 'completee' },
    { createdAt: at('2026-08-03T10:00'), answeredAt: null, status: 'transmise' },
    { createdAt: at('2026-08-04T10:00'), answeredAt: null, status: 'annulee' },
    // Before the period: not counted.
    { createdAt: at('2025-06-01T10:00'), answeredAt: at('2025-06-02T10:00'), status: 'completee' },
  ];

  it('counts the requests, the answered ones and the cancelled ones apart', () => {
    const f = partnershipFigures(facts, calendarYear(2026));
    assert.equal(f.requests, 4);
    assert.equal(f.answered, 3);
    assert.equal(f.unanswered, 1);
    assert.equal(f.cancelled, 1);
  });

  it('gives the median answer delay in working days and in elapsed hours', () => {
    const f = partnershipFigures(facts, calendarYear(2026));
    assert.equal(f.medianWorkingDays, 1);
    assert.equal(f.medianHours, 62.5);
  });

  it('takes the mean of the two middle values for an even count', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });

  it('gives no median when nothing was answered', () => {
    const f = partnershipFigures(
      [{ createdAt: at('2026-03-02T10:00'), answeredAt: null, status: 'transmise' }],
      calendarYear(2026),
    );
    assert.deepEqual(f, {
      requests: 1,
      answered: 0,
      unanswered: 1,
      cancelled: 0,
      medianWorkingDays: null,
      medianHours: null,
    });
  });

  it('counts a request answered after the end of the period as unanswered in that period’s bilan', () => {
    const late = [
      {
        createdAt: at('2026-12-30T10:00'),
        answeredAt: at('2027-01-04T10:00'),
        status: 'completee',
      },
    ];
    assert.equal(partnershipFigures(late, calendarYear(2026)).answered, 0);
    assert.equal(partnershipFigures(late, yearBefore(at('2027-02-01T10:00'))).answered, 1);
  });

  it('does not count Good Friday in the answer delay of a Strasbourg DT', () => {
    const easter = [
      {
        createdAt: at('2026-04-02T10:00'),
        answeredAt: at('2026-04-07T10:00'),
        status: 'completee',
      },
    ];
    assert.equal(partnershipFigures(easter, calendarYear(2026)).medianWorkingDays, 2);
    assert.equal(partnershipFigures(easter, calendarYear(2026), '67').medianWorkingDays, 1);
  });

  it('defines the calendar year and the past twelve months in Paris time', () => {
    const y = calendarYear(2026);
    assert.equal(y.from.toISOString(), '2025-12-31T23:00:00.000Z');
    assert.equal(y.to.toISOString(), '2026-12-31T23:00:00.000Z');
    const p = yearBefore(at('2026-06-18T09:30'));
    assert.equal(p.from.toISOString(), at('2025-06-18T09:30').toISOString());
    assert.equal(
      yearBefore(at('2028-02-29T09:30')).from.toISOString(),
      at('2027-03-01T09:30').toISOString(),
    );
  });
});
