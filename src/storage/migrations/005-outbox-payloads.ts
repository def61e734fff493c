import type { Migration } from './migration';

/**
 * An outbox row's card is kilobytes of JSON; claiming, deferring and marking a row rewrote it
 * all each time (SQLite rewrites a whole row, overflow pages included). The payload moves to a
 * table of its own, written once and read once.
 */
export const outboxPayloadsMigration: Migration = {
  version: 5,
  name: 'outbox payloads apart from the hot outbox rows',
  sql: `
CREATE TABLE outbox_payloads (
  outbox_id BIGINT PRIMARY KEY REFERENCES outbox(id),
  reference TEXT NOT NULL,
  activity TEXT NOT NULL
);
INSERT INTO outbox_payloads (outbox_id, reference, activity) SELECT id, reference, activity FROM outbox;
ALTER TABLE outbox DROP COLUMN reference;
ALTER TABLE outbox DROP COLUMN activity;
`,
};
