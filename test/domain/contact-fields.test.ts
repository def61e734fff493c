import { strict as assert } from 'node:assert';
import {
  displayPhone,
  isEmail,
  normalizePhone,
  parseDepartements,
} from '../../src/domain/contact-fields';
import { parseDirectoryFile } from '../../src/domain/directory';

describe('contact details as the directory stores them', () => {
  it('writes French phone numbers in E.164 however they were typed', () => {
    for (const typed of [
      '04 72 11 22 33',
      '04.72.11.22.33',
      '04-72-11-22-33',
      '+33 4 72 11 22 33',
      '+33 (0)4 72 11 22 33',
      '0033472112233',
    ]) {
      assert.equal(normalizePhone(typed), '+33472112233', typed);
    }
    assert.equal(normalizePhone('06 12 34 56 78'), '+33612345678');
    assert.equal(normalizePhone('09 70 00 00 00'), '+33970000000');
  });

  it('gives overseas numbers their own country code, Mayotte sharing La Réunion’s', () => {
    const cases: [string, string][] = [
      ['0590 12 34 56', '+590590123456'], // Guadeloupe (971)
      ['0696 12 34 56', '+596696123456'], // Martinique (972)
      ['0594 12 34 56', '+594594123456'], // Guyane (973)
      ['0262 12 34 56', '+262262123456'], // La Réunion (974)
      ['0693 12 34 56', '+262693123456'],
      ['0269 61 23 45', '+262269612345'], // Mayotte (976)
      ['0639 12 34 56', '+262639123456'],
      ['+508 41 23 45', '+508412345'], // Saint-Pierre-et-Miquelon (975)
    ];
    for (const [typed, e164] of cases) assert.equal(normalizePhone(typed), e164, typed);
    assert.equal(displayPhone('+262693123456'), '+262 6 93 12 34 56');
  });

  it('refuses what is not a French number', () => {
    for (const typed of [
      '12 34',
      '4 72 11 22 33',
      '+44 20 7946 0000',
      '00 00 00 00 00',
      'zéro quatre',
      '',
    ])
      assert.equal(normalizePhone(typed), null, typed);
  });

  it('reads département codes including Corsica and overseas, and nothing else', () => {
    assert.deepEqual(parseDepartements('69, 1 ; 2a 2B 971 976 69'), [
      '69',
      '01',
      '2A',
      '2B',
      '971',
      '976',
    ]);
    for (const bad of ['20', '96', '977', '00', '', 'Rhône'])
      assert.equal(parseDepartements(bad), null, bad);
  });

  it('checks e-mail addresses', () => {
    assert.ok(isEmail('camille.martin@ofii.gouv.fr'));
    for (const bad of ['camille@', '@ofii.fr', 'camille martin@ofii.fr', 'camille@ofii'])
      assert.ok(!isEmail(bad), bad);
  });

  it('normalises phones and e-mails of the directory file, and names a bad phone', () => {
    const file = {
      structures: [{ id: 'dt-lyon', kind: 'DT', name: 'DT', departements: ['69'] }],
      correspondents: [
        {
          aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000001',
          structureId: 'dt-lyon',
          role: 'correspondant',
          name: 'C',
          email: 'C.Martin@OFII.fr',
          phone: '04 00 00 00 00',
        },
      ],
    };
    const parsed = parseDirectoryFile(file);
    assert.ok(parsed.ok);
    assert.deepEqual(
      [parsed.value.correspondents[0].phone, parsed.value.correspondents[0].email],
      ['+33400000000', 'c.martin@ofii.fr'],
    );
    const bad = parseDirectoryFile({
      ...file,
      correspondents: [{ ...file.correspondents[0], phone: '123' }],
    });
    assert.deepEqual(bad.ok ? [] : bad.problems, [
      'correspondents.0.phone: expected a French phone number',
    ]);
  });
});
