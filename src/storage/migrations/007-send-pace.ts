import type { Migration } from './migration';

/**
 * Teams' per-conversation limits count every instance's sends: each conversation's recent send
 * times (JSON array of epoch milliseconds, the last 30 s) live here, so that every instance
 * reads them before it sends. `version` makes each write a compare-and-set: two instances
 * cannot both take the last place in a window.
 */
export const sendPaceMigration: Migration = {
  version: 7,
  name: 'outbox send pace per conversation',
  sql: `
CREATE TABLE outbox_send_pace (
  conversation_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  sent TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};
