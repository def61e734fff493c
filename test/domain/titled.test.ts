import { strict as assert } from 'node:assert';
import { frCommittees, titled } from '../../src/i18n/fr-committees';

describe('names that already carry their title word (issue 18 §2)', () => {
  it('never repeats the word a partnership’s name starts with', () => {
    assert.equal(frCommittees.ui.partnership('Partenariat Rhône'), 'Partenariat Rhône');
    assert.equal(frCommittees.ui.partnership('partenariat de l’Ain'), 'partenariat de l’Ain');
    assert.equal(frCommittees.ui.partnership('DT OFII de Lyon'), 'Partenariat DT OFII de Lyon');
    assert.equal(titled('Partenariat', 'Partenariats croisés'), 'Partenariat Partenariats croisés');
    assert.match(frCommittees.ui.noChannelTitle('Partenariat Rhône'), /^Partenariat Rhône : /);
  });
});
