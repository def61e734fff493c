import { strict as assert } from 'node:assert';
import { ConfigError, DEFAULT_ACCORD_CADRE_END, loadConfig } from '../src/config';

const local = { PASSERELLE_LOCAL: '1' };

describe('ACCORD_CADRE_END_DATE (issue 14 §3)', () => {
  it('defaults to the end of the accord-cadre the roadmap names (February 2025)', () => {
    assert.equal(DEFAULT_ACCORD_CADRE_END, '2025-02-28');
    assert.equal(loadConfig(local).accordCadreEndDate, '2025-02-28');
    assert.equal(
      loadConfig({ ...local, ACCORD_CADRE_END_DATE: ' 2029-02-28 ' }).accordCadreEndDate,
      '2029-02-28',
    );
  });

  it('refuses a value that is not a real date, by name', () => {
    for (const bad of ['28/02/2025', '2025-02-30', 'demain']) {
      assert.throws(
        () => loadConfig({ ...local, ACCORD_CADRE_END_DATE: bad }),
        (e: unknown) =>
          e instanceof ConfigError &&
          e.problems.some((p) => p.startsWith('ACCORD_CADRE_END_DATE: expected a date')),
      );
    }
  });
});
