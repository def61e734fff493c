import { strict as assert } from 'node:assert';
import { nextCopilSlot, validateMinutes } from '../../src/domain/committee-minutes';
import type { CommitteeMinutes } from '../../src/domain/committee-minutes';
import type { MinutesContext } from '../../src/domain/minutes-service';
import type { PartnershipRecord, StructureRecord } from '../../src/domain/model';
import type { CommitteeRecord } from '../../src/domain/records';
import { loadFiguresForms, validateFigures } from '../../src/domain/shared-figures';
import { committeeCard } from '../../src/teams/committees/views';
import {
  lastYearBlock,
  minutesCard,
  minutesFormCard,
  minutesListCard,
} from '../../src/teams/records/minutes-views';
import { verbs } from '../../src/teams/verbs';
import { cardNodes } from '../helpers/cards';

const dt: StructureRecord = {
  id: 'dt-lyon',
  kind: 'DT',
  name: 'DT OFII de Lyon',
  departements: ['69'],
  tenantId: null,
  inboxConversationId: null,
};
const ml: StructureRecord = { ...dt, id: 'ml-a', kind: 'ML', name: 'ML A' };
const partnership: PartnershipRecord = {
  id: 'rhone',
  dtId: 'dt-lyon',
  mlIds: ['ml-a'],
  name: null,
  channelConversationId: null,
};
const committee: CommitteeRecord = {
  id: 'c1',
  partnershipId: 'rhone',
  kind: 'COPIL',
  startsAt: new Date('2027-02-18T08:30:00Z'),
  place: 'DT OFII de Lyon',
  placeKind: 'place',
  agenda: 'Point 1',
  participants: ['dt-lyon', 'ml-a'],
  status: 'planned',
  sequence: 0,
  icsToken: 't',
  createdBy: 'x',
  createdAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-01T00:00:00Z',
};
const minutes: CommitteeMinutes = {
  committeeId: 'c1',
  partnershipId: 'rhone',
  kind: 'COPIL',
  startsAt: committee.startsAt,
  held: true,
  present: ['dt-lyon'],
  decisions: 'Décision 1\nDécision 2',
  objectives: ['Objectif A'],
  met: ['Ancien 1'],
  outcome: '',
  recordedBy: 'x',
  recordedAt: '2027-02-18T12:00:00Z',
  updatedBy: 'y',
  updatedAt: '2027-02-19T12:00:00Z',
  edits: 2,
};
const ctx: MinutesContext = {
  committee,
  partnership,
  structures: [dt, ml],
  minutes: undefined,
  previousObjectives: ['Ancien 1', 'Ancien 2'],
  mayRecord: true,
};
const counts = {
  period: { from: new Date('2026-02-18T08:30:00Z'), to: new Date('2027-02-18T08:30:00Z') },
  counts: [
    { status: 'transmise', count: 12 },
    { status: 'annulee', count: 0 },
  ],
};

describe('the minutes cards', () => {
  const cards = {
    formBlank: minutesFormCard(ctx),
    formRefused: minutesFormCard(
      { ...ctx, committee: { ...committee, kind: 'IMMERSION' } },
      {
        values: { held: 'true', outcome: 'x' },
        errors: { present: 'E_FIELD_REQUIRED' },
        message: 'm',
      },
    ),
    viewRecorded: minutesCard(
      { ...ctx, minutes },
      { proposal: nextCopilSlot(committee.startsAt), names: { recordedBy: 'A', updatedBy: 'B' } },
    ),
    viewReader: minutesCard({ ...ctx, mayRecord: false }),
    list: minutesListCard('Comptes rendus', 'rhone', [committee], [minutes]),
    announcement: committeeCard(committee, {
      title: 'Nouveau',
      structures: [dt, ml],
      partnershipName: 'Rhône',
      icsUrl: 'https://bot.example.org/ics/c1.ics?sig=t',
      lastYear: lastYearBlock(minutes, counts),
    }),
  };

  for (const [name, card] of Object.entries(cards)) {
    it(`expands "${name}" into an Adaptive Card 1.5 with nothing left to fill, and only known verbs`, () => {
      assert.equal(card.version, '1.5');
      assert.ok(!JSON.stringify(card).includes('${'), 'an unresolved ${…}');
      for (const n of cardNodes(card)) {
        if (n.type === 'Action.Execute') {
          assert.ok(verbs.has(String(n.verb)), `verb ${String(n.verb)} is in the verb table`);
          assert.equal(typeof n.data, 'object');
        }
        if (String(n.type).startsWith('Input.'))
          assert.ok(String(n.label ?? '').trim(), `input ${String(n.id)} has a French label`);
      }
    });
  }

  it('asks each kind for its own fields only', () => {
    const ids = (card: Record<string, unknown>) =>
      cardNodes(card)
        .filter((n) => String(n.type).startsWith('Input.'))
        .map((n) => n.id);
    assert.deepEqual(ids(cards.formBlank), ['held', 'present', 'decisions', 'objectives', 'met']);
    assert.deepEqual(ids(cards.formRefused), ['held', 'present', 'outcome']);
    assert.match(JSON.stringify(cards.formRefused), /Champ obligatoire/);
    assert.ok(!JSON.stringify(cards.viewReader).includes('comite.compteRendu.saisir'));
  });

  it('shows counts under five as "< 5" and marks last year’s objectives met', () => {
    const text = JSON.stringify(cards.announcement);
    assert.match(text, /\{"title":"Transmise à la DT","value":"12"\}/);
    assert.match(text, /\{"title":"Annulée","value":"< 5"\}/);
    assert.match(text, /"text":"• Objectif A"/);
    assert.match(JSON.stringify(cards.viewRecorded), /Modifié 2 fois, en dernier par B/);
  });
});

describe('the minutes and figures rules', () => {
  it('proposes the next comité de pilotage a year on, a weekend moved to the Monday after', () => {
    // 18/02/2027 is a Thursday: 18/02/2028 is a Friday.
    assert.deepEqual(nextCopilSlot(committee.startsAt), { date: '2028-02-18', time: '09:30' });
    // Saturday 19/02/2028 → Monday 21/02/2028.
    assert.equal(nextCopilSlot(new Date('2027-02-19T08:30:00Z')).date, '2028-02-21');
    assert.equal(nextCopilSlot(new Date('2028-02-29T08:30:00Z')).date, '2029-03-01');
  });

  it('picks met objectives by index from last year’s list only', () => {
    const c = { kind: 'COPIL' as const, structureIds: ['dt-lyon'], previousObjectives: ['A', 'B'] };
    const ok = validateMinutes(
      { committeeId: 'c1', held: 'true', present: 'dt-lyon', met: '1' },
      c,
    );
    assert.ok(ok.ok && ok.value.met?.[0] === 'B');
    const bad = validateMinutes({ committeeId: 'c1', held: 'true', present: 'ml-x', met: '2' }, c);
    assert.ok(!bad.ok);
    assert.deepEqual(bad.fieldErrors, { present: 'E_CHOICE_INVALID', met: 'E_CHOICE_INVALID' });
  });

  it('takes only whole numbers from 0 on the figures form, and no field it does not have', () => {
    const form = loadFiguresForms().forms.DT;
    assert.deepEqual(validateFigures(form, { cirSignes: ' 42 ', cirSignes16a25: '' }), {
      ok: true,
      figures: { cirSignes: 42 },
    });
    const bad = validateFigures(form, { cirSignes: '4.5', remarque: 'texte libre' });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.fieldErrors, { cirSignes: 'E_INTEGER_INVALID' });
    assert.deepEqual(bad.unknownFields, ['remarque']);
  });
});
