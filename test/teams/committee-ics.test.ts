import { strict as assert } from 'node:assert';
import { parisToInstant } from '../../src/domain/calendar/paris-time';
import { defaultAgenda } from '../../src/i18n/fr-committees';
import {
  buildIcs,
  committeeIcs,
  escapeIcsText,
  foldIcsLine,
  formatIcsUtc,
  type CommitteeForIcs,
} from '../../src/teams/committees/ics';

const now = new Date('2026-05-04T08:00:00Z');
const committee: CommitteeForIcs = {
  id: 'c42',
  kind: 'COPIL',
  startsAt: parisToInstant('2026-06-18T09:30'),
  place: 'DT OFII Strasbourg, salle 2; 1er étage',
  placeKind: 'place',
  agenda: defaultAgenda('COPIL'),
  sequence: 0,
  cancelled: false,
  partnershipName: 'Bas-Rhin',
};

/** Content lines after unfolding (RFC 5545 §3.1). */
function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

function prop(ics: string, name: string): string | undefined {
  return unfold(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
}

describe('Calendar invitation (.ics)', () => {
  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    assert.equal(escapeIcsText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('drops control characters that would corrupt the file', () => {
    assert.equal(escapeIcsText('a\u0000b\u0007c\td'), 'abc\td');
  });

  it('folds long lines at 75 octets without splitting an accented letter', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldIcsLine(line);
    const parts = folded.split('\r\n');
    assert.ok(parts.length > 1);
    for (const p of parts) assert.ok(Buffer.byteLength(p, 'utf8') <= 75, p);
    for (const p of parts.slice(1)) assert.equal(p[0], ' ');
    assert.equal(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join(''), line);
    assert.ok(!folded.includes('\uFFFD'));
  });

  it('leaves a short line as it is', () => {
    assert.equal(foldIcsLine('SUMMARY:Comité'), 'SUMMARY:Comité');
  });

  it('writes times in UTC', () => {
    assert.equal(formatIcsUtc(new Date('2026-06-18T07:30:00.123Z')), '20260618T073000Z');
  });

  it('produces a calendar with CRLF line endings, a stable UID and the committee in UTC', () => {
    const ics = committeeIcs(committee, { now, host: 'passerelle.example.fr' });
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.ok(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(ics), 'every newline is a CRLF');
    for (const l of ics.split('\r\n')) assert.ok(Buffer.byteLength(l, 'utf8') <= 75, l);
    assert.equal(prop(ics, 'METHOD'), 'METHOD:PUBLISH');
    assert.equal(prop(ics, 'UID'), 'UID:comite-c42@passerelle.example.fr');
    assert.equal(prop(ics, 'SEQUENCE'), 'SEQUENCE:0');
    assert.equal(prop(ics, 'DTSTAMP'), 'DTSTAMP:20260504T080000Z');
    assert.equal(prop(ics, 'DTSTART'), 'DTSTART:20260618T073000Z');
    assert.equal(prop(ics, 'DTEND'), 'DTEND:20260618T093000Z');
    assert.equal(prop(ics, 'SUMMARY'), 'SUMMARY:Comité de pilotage annuel — Bas-Rhin');
    assert.equal(prop(ics, 'LOCATION'), 'LOCATION:DT OFII Strasbourg\\, salle 2\\; 1er étage');
    assert.equal(prop(ics, 'STATUS'), 'STATUS:CONFIRMED');
    assert.match(
      prop(ics, 'DESCRIPTION') ?? '',
      /^DESCRIPTION:1\. Bilan de l’année passée.*\\n2\. Objectifs/,
    );
  });

  it('keeps the same UID and raises SEQUENCE when the committee is moved', () => {
    const first = committeeIcs(committee, { now, host: 'h.example.fr' });
    const moved = committeeIcs(
      { ...committee, startsAt: parisToInstant('2026-06-25T14:00'), sequence: 1 },
      { now, host: 'h.example.fr' },
    );
    assert.equal(prop(moved, 'UID'), prop(first, 'UID'));
    assert.equal(prop(moved, 'SEQUENCE'), 'SEQUENCE:1');
    assert.equal(prop(moved, 'DTSTART'), 'DTSTART:20260625T120000Z');
  });

  it('marks a cancelled committee with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const ics = committeeIcs(
      { ...committee, cancelled: true, sequence: 2 },
      {
        now,
        host: 'h.example.fr',
        organizer: { name: 'Passerelle CIR', email: 'noreply@h.example.fr' },
      },
    );
    assert.equal(prop(ics, 'METHOD'), 'METHOD:CANCEL');
    assert.equal(prop(ics, 'STATUS'), 'STATUS:CANCELLED');
    assert.equal(prop(ics, 'SEQUENCE'), 'SEQUENCE:2');
    assert.equal(
      prop(ics, 'ORGANIZER'),
      'ORGANIZER;CN="Passerelle CIR":mailto:noreply@h.example.fr',
    );
  });

  it('gives an online committee its link as location, URL and in the description', () => {
    const link =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d';
    const ics = committeeIcs(
      { ...committee, place: link, placeKind: 'link' },
      { now, host: 'h.example.fr' },
    );
    assert.equal(prop(ics, 'URL'), `URL:${link}`);
    assert.equal(prop(ics, 'LOCATION'), `LOCATION:${escapeIcsText(link)}`);
    assert.ok(prop(ics, 'DESCRIPTION')?.includes('Lien de la réunion :'));
  });

  it('omits the location when there is none and keeps the given end time', () => {
    const ics = buildIcs({
      uid: 'x@y',
      sequence: 0,
      dtstamp: now,
      start: new Date('2026-06-18T07:00:00Z'),
      end: new Date('2026-06-18T11:00:00Z'),
      summary: 'Immersion réciproque',
    });
    assert.equal(prop(ics, 'DTEND'), 'DTEND:20260618T110000Z');
    assert.equal(prop(ics, 'LOCATION'), undefined);
  });
});
