import { cardNodes } from '../helpers/cards';
import { strict as assert } from 'node:assert';
import { parseReminderOffsets } from '../../src/domain/reminders';
import type { PartnershipRecord, StructureRecord } from '../../src/domain/model';
import type { CommitteeRecord } from '../../src/domain/records';
import { figuresBlock } from '../../src/teams/committees/bilan-views';
import {
  cancelConfirmCard,
  committeeCard,
  formCard,
  listCard,
} from '../../src/teams/committees/views';
import { verbs } from '../../src/teams/verbs';

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
  place: 'https://teams.microsoft.com/l/meetup-join/x',
  placeKind: 'link',
  agenda: 'Point 1\nPoint 2',
  participants: ['dt-lyon', 'ml-a'],
  status: 'planned',
  sequence: 0,
  icsToken: 't',
  createdBy: 'x',
  createdAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-01T00:00:00Z',
};
const offsets = (parseReminderOffsets('14d,1d,08:30') as { ok: true; offsets: never[] }).offsets;
const figures = figuresBlock(
  {
    requests: 3,
    answered: 2,
    unanswered: 1,
    cancelled: 0,
    medianWorkingDays: 1.5,
    medianHours: 56,
  },
  'année 2026',
  dt,
);

describe('the committee card templates', () => {
  const now = new Date('2027-01-11T08:00:00Z');
  const cards = {
    listAdmin: listCard(
      [
        {
          access: { partnership, admin: true },
          name: 'Rhône',
          committees: [committee, { ...committee, id: 'c0', status: 'cancelled' }],
        },
      ],
      now,
    ),
    listReader: listCard(
      [{ access: { partnership, admin: false }, name: 'Rhône', committees: [] }],
      now,
      'message',
    ),
    formNew: formCard(
      { partnership, structures: [dt, ml] },
      { kind: 'COTECH', offsets, values: { kind: 'COTECH' } },
    ),
    formEdit: formCard(
      { partnership, structures: [dt, ml] },
      {
        kind: 'COPIL',
        offsets,
        values: { date: 'x' },
        errors: { date: 'E_DATE_PAST' },
        committeeId: 'c1',
        message: 'm',
      },
    ),
    reminder: committeeCard(committee, {
      title: 'Rappel',
      structures: [dt, ml],
      partnershipName: 'Rhône',
      icsUrl: 'https://bot.example.org/ics/c1.ics?sig=t',
      figures,
      exportVerb: 'comite.correspondants',
    }),
    cancelled: committeeCard(
      { ...committee, status: 'cancelled' },
      {
        title: 'Annulé',
        structures: [dt],
        partnershipName: 'Rhône',
        icsUrl: 'https://bot.example.org/ics/c1.ics?sig=t',
        showBack: true,
      },
    ),
    confirm: cancelConfirmCard(committee),
  };

  for (const [name, card] of Object.entries(cards)) {
    it(`expands "${name}" into an Adaptive Card 1.5 with nothing left to fill, and only known verbs`, () => {
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.ok(!JSON.stringify(card).includes('${'), 'an unresolved ${…}');
      for (const n of cardNodes(card)) {
        if (n.type === 'Action.Execute') {
          assert.ok(verbs.has(String(n.verb)), `verb ${String(n.verb)} is in the verb table`);
          assert.equal(typeof n.data, 'object');
        }
        if (n.type === 'Action.OpenUrl') assert.match(String(n.url), /^https:\/\//);
      }
    });
  }

  it('gives the planning form the data dictionary of committees as input ids', () => {
    const ids = cardNodes(cards.formNew)
      .filter((n) => String(n.type).startsWith('Input.'))
      .map((n) => n.id);
    assert.deepEqual(ids, ['kind', 'date', 'time', 'place', 'agenda', 'participants']);
    assert.match(JSON.stringify(cards.formEdit), /Cette date est déjà passée/);
    assert.match(JSON.stringify(cards.formEdit), /comite\.enregistrer/);
  });

  it('shows the join link of an online committee, and no agenda nor link once it is cancelled', () => {
    assert.match(JSON.stringify(cards.reminder), /Rejoindre la réunion/);
    assert.ok(!JSON.stringify(cards.cancelled).includes('Rejoindre la réunion'));
    assert.ok(!JSON.stringify(cards.cancelled).includes('Point 1'));
    assert.ok(!JSON.stringify(cards.listReader).includes('comite.nouveau'));
  });
});
