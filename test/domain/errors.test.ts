/** The one error catalogue: unique codes, each with its French text at the edge. */
import { strict as assert } from 'node:assert';
import { ERROR_CODES, FILE_ERROR_CODES } from '../../src/domain/errors';
import { fr } from '../../src/i18n/fr';
import { frFiles } from '../../src/i18n/fr-files';

describe('the error catalogue', () => {
  it('holds each code once, domain and files together', () => {
    const all = [...ERROR_CODES, ...FILE_ERROR_CODES];
    assert.equal(new Set(all).size, all.length);
    for (const code of all) assert.match(code, /^E_[A-Z0-9_]+$/);
  });

  it('has a French text for every code', () => {
    for (const code of ERROR_CODES) assert.ok(fr.errors[code]?.trim(), code);
    for (const code of FILE_ERROR_CODES) assert.ok(frFiles.errors[code]({}).trim(), code);
  });
});
