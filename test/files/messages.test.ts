import { strict as assert } from 'node:assert';
import { FILE_ERROR_CODES, FileError } from '../../src/domain/errors';
import { frFiles } from '../../src/i18n/fr-files';

describe('French messages of the national-table files', () => {
  it('has a French sentence for every refusal, without any English code in it', () => {
    for (const code of FILE_ERROR_CODES) {
      const text = frFiles.errors[code]({});
      assert.ok(text.length > 20, code);
      assert.doesNotMatch(text, /E_[A-Z_]+/, code);
    }
  });

  it('tells the advisor which columns are missing, unknown or doubled', () => {
    const error = new FileError('E_IMPORT_HEADERS', {
      missing: ['Prénom', 'N° CIR'],
      unexpected: [{ column: 'K', header: 'Nationalité' }],
      duplicated: ['Nom'],
    });
    assert.equal(
      frFiles.errors[error.code](error.details),
      [
        'Les colonnes de ce tableau ne sont pas celles du tableau national. Aucune ligne n’a été importée.',
        'Colonnes manquantes : Prénom, N° CIR.',
        'Colonnes inconnues : colonne K « Nationalité ».',
        'Colonnes en double : Nom.',
      ].join('\n'),
    );
  });

  it('states the limits in units a partner understands', () => {
    assert.match(frFiles.errors.E_IMPORT_TOO_LARGE({ maxBytes: 5 * 1024 * 1024 }), /limite : 5 Mo/);
    assert.match(frFiles.errors.E_IMPORT_TOO_MANY_ROWS({ maxRows: 5000 }), /limite : 5\u202f000/);
    assert.equal(frFiles.import.summary(1, 0), '1 ligne importée, 0 ligne refusée.');
    assert.equal(frFiles.import.summary(12, 3), '12 lignes importées, 3 lignes refusées.');
  });
});
