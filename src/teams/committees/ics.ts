/**
 * iCalendar invitations (RFC 5545) for committees, served by the bot as `.ics` files.
 *
 * Times are written in UTC (`DTSTART:20260710T070000Z`, RFC 5545 §3.3.5 form 2) rather than
 * with `TZID=Europe/Paris` and a VTIMEZONE block: a committee is a single event, never a
 * recurring one, so UTC loses nothing; the Paris → UTC conversion is already done and tested
 * in paris-time.ts; and we avoid shipping DST rules that would have to agree with every
 * client's own time-zone database. Clients show the event in the reader's local time.
 *
 * Active committees are published with METHOD:PUBLISH (a file to add, not an iTIP request
 * expecting replies); a cancelled one with METHOD:CANCEL and STATUS:CANCELLED. The UID is
 * stable per committee and SEQUENCE grows with each move, so that importing the new file
 * updates or removes the event already in the calendar instead of adding a second one.
 */
import { DEFAULT_DURATION_MINUTES, type CommitteeKind } from '../../domain/committees';
import { committeeLabel, frCommittees } from '../../i18n/fr-committees';

const CRLF = '\r\n';
const MAX_OCTETS = 75;
const PRODID = '-//Passerelle CIR//Comites OFII - Missions Locales//FR';

export interface IcsEvent {
  /** Globally unique and stable for the committee (see `committeeUid`). */
  uid: string;
  /** 0 when planned, incremented each time the committee is moved or edited. */
  sequence: number;
  /** When this file was produced (the injected clock). */
  dtstamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  /** An online meeting link, also given in LOCATION; written unescaped, as a URI. */
  url?: string;
  cancelled?: boolean;
  /** RFC 5546 wants an ORGANIZER in a CANCEL; given when the caller knows a mailbox. */
  organizer?: { name: string; email: string };
}

/** `20260710T070000Z`: an instant in the iCalendar UTC form. */
export function formatIcsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeIcsText(value: string): string {
  // Control characters have no place in an iCalendar text value (RFC 5545 §3.3.11).
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
  );
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with a space,
 * which counts in their 75, and a UTF-8 character is never split across lines.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** A parameter value is quoted, and may not contain a double quote or a control character. */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, '')}"`;
}

/** A URI value may not break the line; anything else in it is the caller's validated link. */
function uriValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Builds the whole `.ics` file: CRLF line endings, folded lines, one VEVENT. */
export function buildIcs(event: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${event.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(event.uid)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`,
    `DTSTAMP:${formatIcsUtc(event.dtstamp)}`,
    `DTSTART:${formatIcsUtc(event.start)}`,
    `DTEND:${formatIcsUtc(event.end)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeIcsText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeIcsText(event.description)}`);
  if (event.url) lines.push(`URL:${uriValue(event.url)}`);
  if (event.organizer) {
    lines.push(
      `ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${uriValue(event.organizer.email)}`,
    );
  }
  lines.push(
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}

/** The stable UID of a committee: its id at the bot's host name. */
export function committeeUid(committeeId: string, host: string): string {
  return `comite-${committeeId}@${host}`;
}

export interface CommitteeForIcs {
  id: string;
  kind: CommitteeKind;
  startsAt: Date;
  place: string;
  placeKind: 'place' | 'link';
  agenda: string;
  /** How many times the committee was moved or edited since it was planned. */
  sequence: number;
  cancelled: boolean;
  partnershipName?: string;
  durationMinutes?: number;
}

/** The invitation of a committee, ready to be served as `text/calendar`. */
export function committeeIcs(
  c: CommitteeForIcs,
  opts: { now: Date; host: string; organizer?: { name: string; email: string } },
): string {
  const minutes = c.durationMinutes ?? DEFAULT_DURATION_MINUTES[c.kind];
  const label = committeeLabel(c.kind);
  const link = c.placeKind === 'link' ? c.place : undefined;
  const description = link ? `${c.agenda}\n\n${frCommittees.ics.joinLink} ${link}` : c.agenda;
  return buildIcs({
    uid: committeeUid(c.id, opts.host),
    sequence: c.sequence,
    dtstamp: opts.now,
    start: c.startsAt,
    end: new Date(c.startsAt.getTime() + minutes * 60_000),
    summary: c.partnershipName ? `${label} — ${c.partnershipName}` : label,
    location: c.place,
    description,
    url: link,
    cancelled: c.cancelled,
    organizer: opts.organizer,
  });
}
