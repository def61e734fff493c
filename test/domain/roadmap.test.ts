import { strict as assert } from 'node:assert';
import { DomainError } from '../../src/domain/errors';
import type { JobInput } from '../../src/domain/records';
import { assertPartnershipActive, effectiveEndDate } from '../../src/domain/roadmap';
import { armEndReminders } from '../../src/domain/roadmap-reminders';
import type { JobRepository } from '../../src/storage/repositories';

const reader = (endDate: string | null | undefined) => ({
  roadmaps: { get: async () => (endDate === undefined ? undefined : { endDate }) },
});

/** A job repository that only records what is scheduled, keeping the first of each key. */
function recordingJobs(): { jobs: JobRepository; scheduled: JobInput[] } {
  const scheduled: JobInput[] = [];
  const jobs = {
    scheduleOne: async (j: JobInput) => {
      if (scheduled.some((s) => s.dedupeKey === j.dedupeKey)) return false;
      scheduled.push(j);
      return true;
    },
  } as unknown as JobRepository;
  return { jobs, scheduled };
}

describe('the accord-cadre end date (issue 14 §3)', () => {
  it('accepts new requests up to the end date included, then refuses them naming the date', async () => {
    await assertPartnershipActive(reader(undefined), 'rhone', '2025-02-28', '2025-02-28');
    await assert.rejects(
      assertPartnershipActive(reader(undefined), 'rhone', '2025-03-01', '2025-02-28'),
      (e: unknown) =>
        e instanceof DomainError &&
        e.code === 'E_PARTNERSHIP_ENDED' &&
        e.details.endDate === '28/02/2025',
    );
  });

  it('lets a recorded renewal win over the configured default', async () => {
    await assertPartnershipActive(reader('2030-12-31'), 'rhone', '2026-12-06', '2025-02-28');
    assert.equal(effectiveEndDate({ endDate: null }, '2025-02-28'), '2025-02-28');
    assert.equal(effectiveEndDate({ endDate: '2030-12-31' }, '2025-02-28'), '2030-12-31');
  });

  it('arms the 90- and 30-day reminders at 09:00 Paris, once, and none after the end', async () => {
    const { jobs, scheduled } = recordingJobs();
    const now = new Date('2027-01-10T10:00:00Z');
    assert.equal(await armEndReminders(jobs, 'rhone', '2027-06-30', now), true);
    assert.equal(await armEndReminders(jobs, 'rhone', '2027-06-30', now), false);
    assert.deepEqual(
      scheduled.map((j) => [j.payload.days, j.dueAt.toISOString()]),
      [
        [90, '2027-04-01T07:00:00.000Z'],
        [30, '2027-05-31T07:00:00.000Z'],
      ],
    );
    assert.equal(
      await armEndReminders(jobs, 'rhone', '2025-02-28', new Date('2026-12-06T10:00:00Z')),
      false,
    );
  });
});
