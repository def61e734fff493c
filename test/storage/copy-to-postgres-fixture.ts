/**
 * A real Passerelle SQLite file for the copy tests, written by the real app through
 * /api/messages (directory, two requests, one answered, their cards, events, outbox and jobs),
 * plus what only raw SQL can set up: a stored national-table file (binary content, accented
 * name), text keys that sort differently byte-wise and in French, and a purged last outbox row, so
 * that SQLite's id high-water mark is above the highest id.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import type { ConnectorStandIn, Recorded } from '../helpers/connector-stand-in';
import { invokeActivity, messageActivity, people, personalChat, post } from '../helpers/teams';

export const NAMES = ['Diallo', 'Nguyễn'] as const;
export const TRICKY_KEYS = ['B', 'a', 'é', 'e-f', 'ef', 'E', 'Z', 'z'];

async function submitRequest(bot: TestBot, nom: string): Promise<string> {
  const before = bot.connector.recorded.length;
  await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, '/Demande cir'));
  const form = await requestForm(bot, before);
  const submit = await post(
    bot.url,
    invokeActivity(
      people.advisor,
      bot.serviceUrl,
      'demande.creer',
      {
        civilite: 'Mme',
        nom,
        prenom: 'Aïssatou',
        dateNaissance: birthDateForAge(22),
        numeroCir: '0069 1234 5678',
        dtId: 'dt-lyon',
        cardVersion: 1,
      },
      form.activityId,
    ),
  );
  assert.equal(submit.status, 200);
  const number = /Demande CIR n° (\d{4}-\d{6})/.exec(JSON.stringify(submit.body.value));
  assert.ok(number, 'the submit answers with the request number');
  return number[1];
}

/**
 * The request form the bot posted to the advisor after `before`. Picked by its content: the
 * outbox may deliver earlier cards in between (on the copy, what the SQLite bot left pending).
 */
export async function requestForm(bot: TestBot, before: number): Promise<Recorded> {
  const isForm = (r: Recorded) =>
    r.method === 'POST' &&
    r.conversationId === personalChat(people.advisor) &&
    JSON.stringify(r.activity).includes('"id":"numeroCir"');
  await bot.connector.waitFor(() => bot.connector.recorded.slice(before).some(isForm));
  return bot.connector.recorded.slice(before).find(isForm)!;
}

/** The DT card of the latest request sent to `dt1`: its request id and activity id. */
function lastDtCard(bot: TestBot): { requestId: string; activityId: string } {
  const sent = bot.connector
    .sentTo(personalChat(people.dt1))
    .filter((r) => r.method === 'POST')
    .at(-1)!;
  const card = (
    sent.activity.attachments as {
      content: { refresh: { action: { data: { requestId: string } } } };
    }[]
  )[0].content;
  return { requestId: card.refresh.action.data.requestId, activityId: sent.activityId! };
}

/**
 * Writes the fixture database into `dir` and returns its path. `connector` is the caller's,
 * started: the bot on the copy must keep it, since Teams never reuses an activity id and the
 * copied request messages remember theirs.
 */
export async function buildSourceDatabase(
  dir: string,
  connector: ConnectorStandIn,
): Promise<string> {
  const bot = await startTestBot({ dir, connector });
  try {
    for (const p of [people.dt1, people.dt2])
      await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    await submitRequest(bot, NAMES[0]);
    await bot.connector.waitFor(
      () =>
        bot.connector.sentTo(personalChat(people.dt1)).filter((r) => r.method === 'POST').length >=
        2,
    );
    const first = lastDtCard(bot);
    const answer = await post(
      bot.url,
      invokeActivity(
        people.dt1,
        bot.serviceUrl,
        'demande.repondre',
        {
          requestId: first.requestId,
          positionnementLinguistique: 'INF_A2',
          prescriptionInitiale: 'FL_600',
          heuresFL: '120',
          journeesFC: '2',
          cardVersion: 1,
        },
        first.activityId,
      ),
    );
    assert.equal(answer.status, 200);
    await submitRequest(bot, NAMES[1]);
    await bot.connector.waitFor(
      () =>
        bot.connector.sentTo(personalChat(people.dt1)).filter((r) => r.method === 'POST').length >=
        3,
    );
    await bot.connector.waitFor(() =>
      bot.connector
        .sentTo(personalChat(people.advisor))
        .some((r) => /Réponse reçue/.test(JSON.stringify(r.activity))),
    );
  } finally {
    await bot.stop();
  }
  const db = new Database(bot.sqliteFile);
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO table_files (id, owner, structure_id, conversation_id, file_name, content, created_at, expires_at, uses, max_uses)
              VALUES ('file-1', ?, 'dt-lyon', 'a:conv', 'Tableau national – été.xlsx', ?, ?, '2999-01-01T00:00:00.000Z', 0, 3)`,
  ).run(people.dt1.aadObjectId, Buffer.from(Array.from({ length: 256 }, (_, i) => i)), now);
  // Text keys whose byte order differs from a French collation's order (case, accents, hyphen).
  const load = db.prepare('INSERT INTO directory_file_loads (hash, applied_at) VALUES (?, ?)');
  for (const key of TRICKY_KEYS) load.run(key, now);
  const last = db.prepare('SELECT max(id) AS id FROM outbox').get() as { id: number };
  db.prepare('DELETE FROM outbox_payloads WHERE outbox_id = ?').run(last.id);
  db.prepare('DELETE FROM outbox WHERE id = ?').run(last.id);
  db.close();
  return bot.sqliteFile;
}

/**
 * An empty PostgreSQL schema of its own, and the URL that selects it (as an operator's DATABASE_URL
 * would).
 */
export async function freshSchema(base: string): Promise<{
  schema: string;
  url: string;
  query: <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>;
  drop: () => Promise<void>;
}> {
  const schema = `m_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const url = u.toString();
  return {
    schema,
    url,
    async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query<T>(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Rows of a query on a SQLite file, opened read-only for the time of the query. */
export function sqliteRows<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
