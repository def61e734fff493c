import { strict as assert } from 'node:assert';
import { parisToInstant } from '../../src/domain/calendar/paris-time';
import {
  COMMITTEE_KINDS,
  committeeCardValues,
  validateCommitteePlan,
  type CommitteeContext,
} from '../../src/domain/committees';
import { committeeLabel, defaultAgenda, frCommittees } from '../../src/i18n/fr-committees';

const ctx: CommitteeContext = {
  now: parisToInstant('2026-03-10T11:00'),
  structureIds: ['dt-67', 'ml-strasbourg', 'ml-colmar'],
};

function card(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'COPIL',
    date: '2026-06-18',
    time: '09:30',
    place: 'DT OFII, salle du 2e étage',
    agenda: defaultAgenda('COPIL'),
    participants: 'dt-67,ml-strasbourg',
    ...overrides,
  };
}

function errors(input: Record<string, unknown>, c: CommitteeContext = ctx): Record<string, string> {
  const r = validateCommitteePlan(input, c);
  return r.ok ? {} : r.fieldErrors;
}

describe('Planning a committee', () => {
  it('names the four kinds in French and gives each a default agenda', () => {
    assert.equal(committeeLabel('COPIL'), 'Comité de pilotage annuel');
    assert.equal(committeeLabel('VISITE'), 'Visite des locaux');
    for (const kind of COMMITTEE_KINDS) assert.ok(defaultAgenda(kind).length > 20, kind);
  });

  it('pre-fills the comité de pilotage with last year’s review, next year’s objectives and the correspondents lists', () => {
    const agenda = defaultAgenda('COPIL');
    assert.match(
      agenda,
      /Bilan de l’année passée.*difficultés, bonnes pratiques, évolution des programmes locaux/,
    );
    assert.match(agenda, /Objectifs de l’année suivante.*formation réciproque, immersion/);
    assert.match(agenda, /Échange des listes de correspondants avec coordonnées/);
  });

  it('accepts a complete card and gives the start as an instant in Paris time', () => {
    const r = validateCommitteePlan(card(), ctx);
    assert.ok(r.ok);
    assert.equal(r.value.startsAt.toISOString(), '2026-06-18T07:30:00.000Z');
    assert.deepEqual(r.value.participants, ['dt-67', 'ml-strasbourg']);
    assert.equal(r.value.placeKind, 'place');
  });

  it('refuses a date already past, on the date field', () => {
    assert.deepEqual(errors(card({ date: '2026-03-09' })), { date: 'E_DATE_PAST' });
  });

  it('refuses an hour already past today, on the time field', () => {
    assert.deepEqual(errors(card({ date: '2026-03-10', time: '10:59' })), { time: 'E_TIME_PAST' });
    assert.deepEqual(errors(card({ date: '2026-03-10', time: '11:00' })), { time: 'E_TIME_PAST' });
    assert.deepEqual(errors(card({ date: '2026-03-10', time: '11:01' })), {});
  });

  it('refuses 02:30 on the night the clocks go forward (29 March 2026)', () => {
    assert.deepEqual(errors(card({ date: '2026-03-29', time: '02:30' })), {
      time: 'E_TIME_NONEXISTENT',
    });
  });

  it('accepts 02:30 on the night the clocks go back, as the first 02:30', () => {
    const r = validateCommitteePlan(card({ date: '2026-10-25', time: '02:30' }), ctx);
    assert.ok(r.ok);
    assert.equal(r.value.startsAt.toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('reports every missing field at once, with the typed values untouched', () => {
    const input = { kind: '', date: '', time: '', place: '  ', agenda: '', participants: '' };
    assert.deepEqual(errors(input), {
      kind: 'E_FIELD_REQUIRED',
      date: 'E_FIELD_REQUIRED',
      time: 'E_FIELD_REQUIRED',
      place: 'E_FIELD_REQUIRED',
      agenda: 'E_FIELD_REQUIRED',
      participants: 'E_FIELD_REQUIRED',
    });
    assert.deepEqual(errors({}), errors(input));
  });

  it('reports a past date together with another field’s error', () => {
    assert.deepEqual(errors(card({ date: '2025-12-01', place: '' })), {
      date: 'E_DATE_PAST',
      place: 'E_FIELD_REQUIRED',
    });
  });

  it('refuses an unknown kind, a malformed date or time, and a date more than three years ahead', () => {
    assert.deepEqual(errors(card({ kind: 'APERO' })), { kind: 'E_CHOICE_INVALID' });
    assert.deepEqual(errors(card({ date: '2026-02-30' })), { date: 'E_DATE_INVALID' });
    assert.deepEqual(errors(card({ time: '25:00' })), { time: 'E_TIME_INVALID' });
    assert.deepEqual(errors(card({ date: '2029-03-11' })), { date: 'E_DATE_TOO_FAR' });
  });

  it('accepts a date typed as JJ/MM/AAAA and a time typed as 9h30', () => {
    const r = validateCommitteePlan(card({ date: '18/06/2026', time: '9h30' }), ctx);
    assert.ok(r.ok);
    assert.equal(r.value.date, '2026-06-18');
    assert.equal(r.value.time, '09:30');
  });

  it('accepts an https meeting link and refuses a plain http one or a malformed one', () => {
    const link =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d';
    const r = validateCommitteePlan(card({ place: link }), ctx);
    assert.ok(r.ok);
    assert.equal(r.value.placeKind, 'link');
    assert.deepEqual(errors(card({ place: 'http://visio.example.fr/abc' })), {
      place: 'E_LINK_INVALID',
    });
    assert.deepEqual(errors(card({ place: 'https://' })), { place: 'E_LINK_INVALID' });
  });

  it('refuses a place over 200 characters and a link over 2000', () => {
    assert.deepEqual(errors(card({ place: 'S'.repeat(201) })), { place: 'E_PLACE_TOO_LONG' });
    assert.deepEqual(errors(card({ place: 'S'.repeat(200) })), {});
    assert.deepEqual(errors(card({ place: `https://visio.example.fr/${'a'.repeat(2000)}` })), {
      place: 'E_LINK_TOO_LONG',
    });
  });

  it('keeps a multi-line agenda, normalises its line endings, and refuses one over 2000 characters', () => {
    const r = validateCommitteePlan(card({ agenda: 'Point 1\r\nPoint 2  \r\n' }), ctx);
    assert.ok(r.ok);
    assert.equal(r.value.agenda, 'Point 1\nPoint 2');
    assert.deepEqual(errors(card({ agenda: 'é'.repeat(2001) })), { agenda: 'E_AGENDA_TOO_LONG' });
    assert.deepEqual(errors(card({ agenda: 'é'.repeat(2000) })), {});
  });

  it('reads the participants as the multi-select sends them and refuses a structure outside the partnership', () => {
    const r = validateCommitteePlan(card({ participants: 'ml-colmar, dt-67,,ml-colmar' }), ctx);
    assert.ok(r.ok);
    assert.deepEqual(r.value.participants, ['ml-colmar', 'dt-67']);
    assert.deepEqual(errors(card({ participants: 'dt-67,ml-lyon' })), {
      participants: 'E_CHOICE_INVALID',
    });
    assert.deepEqual(errors(card({ participants: ['dt-67'] })), {
      participants: 'E_FIELD_INVALID',
    });
  });

  it('refuses a field the card does not have, and keeps the technical ids it does', () => {
    const r = validateCommitteePlan(card({ nationalite: 'x' }), ctx);
    assert.ok(!r.ok);
    assert.deepEqual(r.unknownFields, ['nationalite']);
    const ok = validateCommitteePlan(card({ committeeId: 'c_123', cardVersion: 2 }), ctx);
    assert.ok(ok.ok);
    assert.equal(ok.value.committeeId, 'c_123');
    assert.deepEqual(errors(card({ committeeId: '../x' })), { committeeId: 'E_FIELD_INVALID' });
  });

  it('answers with field errors, never a crash, when the data is not an object or has wrong types', () => {
    for (const input of ['abc', 42, null, [], { date: 20260618, time: 930, kind: 1 }]) {
      const r = validateCommitteePlan(input, ctx);
      assert.equal(r.ok, false);
    }
    assert.deepEqual(errors({ ...card(), date: 20260618 }), { date: 'E_FIELD_INVALID' });
  });

  it('has a French message for every new error code', () => {
    for (const code of [
      'E_DATE_PAST',
      'E_TIME_PAST',
      'E_TIME_NONEXISTENT',
      'E_TIME_INVALID',
      'E_DATE_TOO_FAR',
      'E_PLACE_TOO_LONG',
      'E_LINK_INVALID',
      'E_LINK_TOO_LONG',
      'E_AGENDA_TOO_LONG',
    ] as const) {
      assert.ok(frCommittees.fields[code].length > 10, code);
    }
  });

  it('gives back the card values of a planned committee for editing, in Paris time', () => {
    const values = committeeCardValues({
      kind: 'COTECH',
      startsAt: new Date('2026-10-25T00:30:00Z'),
      place: 'Mission Locale',
      agenda: 'x',
      participants: ['dt-67', 'ml-colmar'],
    });
    assert.deepEqual(values, {
      kind: 'COTECH',
      date: '2026-10-25',
      time: '02:30',
      place: 'Mission Locale',
      agenda: 'x',
      participants: 'dt-67,ml-colmar',
    });
  });
});
