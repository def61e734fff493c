/**
 * The shared send times behind Teams' per-conversation pacing (outbox_send_pace). One row per
 * conversation; each write is a compare-and-set on its version, so a decision made on a stale
 * read never lands: no lock is held while the dispatcher decides or sends.
 */
import type { SendPace, SendPaceRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

export class SendPaceRepo implements SendPaceRepository {
  constructor(private readonly sql: SqlRunner) {}

  async read(conversationId: string): Promise<SendPace> {
    const [r] = await this.sql.all<{ version: number | string; sent: string }>(
      'SELECT version, sent FROM outbox_send_pace WHERE conversation_id = ?',
      [conversationId],
    );
    return r
      ? { version: Number(r.version), times: JSON.parse(r.sent) as number[] }
      : { version: 0, times: [] };
  }

  async write(
    conversationId: string,
    version: number,
    times: number[],
    at: string,
  ): Promise<boolean> {
    const sent = JSON.stringify(times);
    // Version 0: no row was read; the insert loses to one another instance made meanwhile.
    const changed =
      version === 0
        ? await this.sql.run(
            `INSERT INTO outbox_send_pace (conversation_id, version, sent, updated_at) VALUES (?, 1, ?, ?)
         ON CONFLICT (conversation_id) DO NOTHING`,
            [conversationId, sent, at],
          )
        : await this.sql.run(
            'UPDATE outbox_send_pace SET version = version + 1, sent = ?, updated_at = ? WHERE conversation_id = ? AND version = ?',
            [sent, at, conversationId, version],
          );
    return changed === 1;
  }
}
