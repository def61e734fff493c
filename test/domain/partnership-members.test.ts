import { strict as assert } from 'node:assert';
import { parseDirectoryFile } from '../../src/domain/directory';
import {
  mayReadPartnershipRecords,
  partnershipStructureIds,
} from '../../src/domain/partnership-members';
import type { Caller, PartnershipRecord } from '../../src/domain/model';

const rhone: PartnershipRecord = {
  id: 'rhone',
  dtId: 'dt-lyon',
  mlIds: ['ml-a', 'ml-b'],
  name: null,
  channelConversationId: null,
  ddetsId: 'ddets-69',
};

const caller = (structureId: string | null, isGlobalAdmin = false): Caller => ({
  aadObjectId: 'x',
  tenantId: 't',
  teamsUserId: 'u',
  name: 'n',
  isGlobalAdmin,
  structureTenantId: 't',
  person: structureId
    ? {
        aadObjectId: 'x',
        structureId,
        role: 'correspondant',
        name: 'n',
        email: null,
        phone: null,
        teamsUserId: null,
        active: true,
      }
    : null,
});

describe('the members of a partnership (issue 14 §1)', () => {
  it('lists the DT, the MLs, then the DDETS', () => {
    assert.deepEqual(partnershipStructureIds(rhone), ['dt-lyon', 'ml-a', 'ml-b', 'ddets-69']);
    assert.deepEqual(partnershipStructureIds({ ...rhone, ddetsId: null }), [
      'dt-lyon',
      'ml-a',
      'ml-b',
    ]);
  });

  it('lets the DDETS and the partners read the records, no one else', () => {
    assert.equal(mayReadPartnershipRecords(caller('ddets-69'), rhone), true);
    assert.equal(mayReadPartnershipRecords(caller('ml-b'), rhone), true);
    assert.equal(mayReadPartnershipRecords(caller('ml-elsewhere'), rhone), false);
    assert.equal(mayReadPartnershipRecords(caller(null), rhone), false);
    assert.equal(mayReadPartnershipRecords(caller(null, true), rhone), true);
  });

  it('accepts a DDETS in the directory file and refuses a ddetsId that is not one', () => {
    const file = {
      structures: [
        { id: 'dt-lyon', kind: 'DT', name: 'DT', departements: ['69'] },
        { id: 'ml-a', kind: 'ML', name: 'ML', departements: ['69'] },
        { id: 'ddets-69', kind: 'DDETS', name: 'DDETS du Rhône', departements: ['69'] },
      ],
      correspondents: [
        {
          aadObjectId: 'abcdef00-0000-4000-8000-000000000001',
          structureId: 'ddets-69',
          role: 'correspondant',
          name: 'Agent',
        },
      ],
      partnerships: [{ id: 'rhone', dtId: 'dt-lyon', mlIds: ['ml-a'], ddetsId: 'ddets-69' }],
    };
    assert.equal(parseDirectoryFile(file).ok, true);
    const bad = parseDirectoryFile({
      ...file,
      partnerships: [{ id: 'rhone', dtId: 'dt-lyon', mlIds: ['ml-a'], ddetsId: 'ml-a' }],
    });
    assert.deepEqual(bad.ok ? [] : bad.problems, [
      'partnerships.0.ddetsId: "ml-a" is not a DDETS of this file',
    ]);
    const advisor = parseDirectoryFile({
      ...file,
      correspondents: [{ ...file.correspondents[0], role: 'conseiller' }],
    });
    assert.equal(advisor.ok, false);
  });
});
