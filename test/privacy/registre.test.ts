/**
 * The DPO's record (issue 16 §8) is generated from the code: it fails when docs/registre-rgpd.md
 * and the code disagree (run `npm run registre` after changing the dictionary, the referentials
 * or a retention default).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { NATIONAL_FIELDS, NATIONAL_LABELS } from '../../src/domain/fields';
import { loadReferentials } from '../../src/domain/referentials';
import { buildRegistre } from '../../src/privacy/registre';

const FILE = join(__dirname, '..', '..', 'docs', 'registre-rgpd.md');

describe('the record of processing (docs/registre-rgpd.md)', () => {
  it('is exactly what the code generates', () => {
    assert.equal(
      readFileSync(FILE, 'utf8'),
      buildRegistre(),
      'docs/registre-rgpd.md is stale: run `npm run registre`',
    );
  });

  it('names every field of the dictionary, every referential code and the retention default', () => {
    const text = buildRegistre();
    for (const f of NATIONAL_FIELDS) {
      assert.ok(text.includes(`\`${f}\``), f);
      assert.ok(text.includes(NATIONAL_LABELS[f]), NATIONAL_LABELS[f]);
    }
    const refs = loadReferentials();
    for (const name of [
      'positionnementLinguistique',
      'prescriptionInitiale',
      'prescriptionML',
    ] as const)
      for (const e of refs[name]) assert.ok(text.includes(`\`${e.code}\``), e.code);
    const days = loadConfig({ PASSERELLE_LOCAL: '1' }).retentionDays;
    assert.match(text, new RegExp(`${days} jours après sa dernière modification`));
  });
});
