import { cardNodes } from '../helpers/cards';
import { strict as assert } from 'node:assert';
import type { DirectoryHit } from '../../src/domain/directory-search';
import type { CorrespondentRecord, StructureRecord } from '../../src/domain/model';
import {
  adminCard,
  listCard,
  partnershipCard,
  personCard,
  resultsCard,
  structureCard,
} from '../../src/teams/directory/views';

const dt: StructureRecord = {
  id: 'dt-lyon',
  kind: 'DT',
  name: 'DT OFII de Lyon',
  departements: ['69'],
  tenantId: null,
  inboxConversationId: null,
};
const ml: StructureRecord = { ...dt, id: 'ml-a', kind: 'ML', name: 'ML A' };
const camille: CorrespondentRecord = {
  aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000001',
  structureId: 'dt-lyon',
  role: 'correspondant',
  name: 'Camille',
  email: 'c@ofii.fr',
  phone: '+33400000000',
  teamsUserId: null,
  active: true,
};

describe('the directory card templates', () => {
  const hits: DirectoryHit[] = [
    { type: 'structure', structure: dt },
    { type: 'person', person: camille, structure: dt },
  ];
  const cards = {
    results: resultsCard('lyon', hits, 1, {
      all: true,
      structureIds: new Set(),
      partnershipIds: new Set(),
      ownStructureId: null,
    }),
    resultsEmpty: resultsCard('', [], 1, null),
    person: personCard({ aadObjectId: camille.aadObjectId, isNew: true }, [dt, ml], {
      values: { name: 'Camille' },
      errors: { email: 'E_EMAIL_INVALID' },
      message: 'x',
    }),
    structureNew: structureCard(true),
    structureEdit: structureCard(false, { values: { ...dt } }),
    partnership: partnershipCard(false, [dt, ml], {
      values: { id: 'rhone', dtId: 'dt-lyon', mlIds: ['ml-a'] },
    }),
    admin: adminCard(
      [dt, ml],
      [{ id: 'rhone', dtId: 'dt-lyon', mlIds: ['ml-a'], name: null, channelConversationId: null }],
    ),
    list: listCard('Titre', {
      lines: [{ heading: 'a', detail: 'b' }],
      url: 'https://example.org',
      urlTitle: 'Lien',
    }),
  };

  for (const [name, card] of Object.entries(cards)) {
    it(`expands "${name}" into an Adaptive Card 1.5 with nothing left to fill`, () => {
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.ok(!JSON.stringify(card).includes('${'), 'an unresolved ${…}');
      for (const n of cardNodes(card)) {
        if (n.type === 'Action.Execute') {
          assert.match(String(n.verb), /^annuaire\.[a-zA-Z.]+$/, 'a namespaced verb');
          assert.equal(typeof n.data, 'object', 'data is an object of ids');
        }
        if (n.type === 'Action.OpenUrl') assert.match(String(n.url), /^https:\/\//);
      }
    });
  }

  it('puts nothing but ids and technical fields in the data of an action', () => {
    for (const card of Object.values(cards)) {
      for (const n of cardNodes(card).filter((x) => x.type === 'Action.Execute')) {
        for (const key of Object.keys(n.data as object))
          assert.ok(
            [
              'aadObjectId',
              'teamsUserId',
              'id',
              'kind',
              'q',
              'page',
              'offset',
              'cardVersion',
            ].includes(key),
            key,
          );
      }
    }
  });
});
