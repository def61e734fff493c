/**
 * Migration 008 (issue 14 §1) upgrades a populated database of version 7 on both engines: the
 * structures table accepts the DDETS, every row and column is intact, the references still hold,
 * and the upgraded bot serves the DDETS through /api/messages.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migrations } from '../../src/storage/migrations';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import type { Store } from '../../src/storage/store';
import { startTestBot } from '../helpers/app';
import { command } from '../helpers/directory';
import { postgresUrl } from '../helpers/engines';
import { sqlOf } from '../helpers/sql';
import { people } from '../helpers/teams';

const AT = '2026-01-05T10:00:00.000Z';
const DDETS_DIRECTORY = join(__dirname, '..', 'fixtures', 'directory-ddets.json');

/** Rows of a version-7 database: the Rhône partnership, its people, an inbox, a request. */
const SEED: [string, unknown[]][] = [
  [
    `INSERT INTO structures (id, kind, name, departements, tenant_id, inbox_conversation_id, updated_at, inbox_team_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ['dt-lyon', 'DT', 'DT OFII de Lyon', '["69","01"]', null, '19:inbox-dt', AT, '19:team-dt'],
  ],
  [
    `INSERT INTO structures (id, kind, name, departements, tenant_id, inbox_conversation_id, updated_at, inbox_team_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ['ml-villeurbanne', 'ML', 'Mission Locale de Villeurbanne', '["69"]', null, null, AT, null],
  ],
  [
    `INSERT INTO correspondents (aad_object_id, structure_id, role, name, email, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [people.dtAdmin.aadObjectId, 'dt-lyon', 'admin', 'Admin DT', 'admin@dt.example.org', AT],
  ],
  [
    'INSERT INTO partnerships (id, dt_id, name, updated_at) VALUES (?, ?, ?, ?)',
    ['rhone', 'dt-lyon', 'Rhône', AT],
  ],
  [
    'INSERT INTO partnership_mls (partnership_id, ml_id) VALUES (?, ?)',
    ['rhone', 'ml-villeurbanne'],
  ],
  [
    `INSERT INTO requests (id, number, status, ml_id, dt_id, partnership_id, created_by, created_at, updated_at, nom)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      'r1',
      '2026-000001',
      'transmise',
      'ml-villeurbanne',
      'dt-lyon',
      'rhone',
      'x',
      AT,
      AT,
      'Nguyen',
    ],
  ],
];

const v7 = migrations.filter((m) => m.version <= 7);

function buildSqliteV7(file: string): void {
  const db = new Database(file);
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const m of v7) {
    db.exec(
      m.sql
        .replaceAll('{{id}}', 'INTEGER PRIMARY KEY AUTOINCREMENT')
        .replaceAll('{{bytes}}', 'BLOB'),
    );
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, AT);
  }
  for (const [sql, params] of SEED) db.prepare(sql).run(...params);
  db.close();
}

async function buildPostgresV7(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const m of v7) {
    await client.query(
      m.sql.replaceAll('{{id}}', 'BIGSERIAL PRIMARY KEY').replaceAll('{{bytes}}', 'BYTEA'),
    );
    await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [
      m.version,
      m.name,
      AT,
    ]);
  }
  for (const [sql, params] of SEED) {
    let i = 0;
    await client.query(
      sql.replace(/\?/g, () => `$${++i}`),
      params,
    );
  }
  await client.end();
}

/** What must survive the upgrade, and what it must now allow and still refuse. */
async function checkUpgraded(store: Store): Promise<void> {
  const sql = sqlOf(store);
  const [dt] = await sql.all<Record<string, unknown>>(
    "SELECT * FROM structures WHERE id = 'dt-lyon'",
  );
  assert.equal(dt.kind, 'DT');
  assert.equal(dt.name, 'DT OFII de Lyon');
  assert.equal(dt.departements, '["69","01"]');
  assert.equal(dt.inbox_conversation_id, '19:inbox-dt');
  assert.equal(dt.inbox_team_id, '19:team-dt');
  assert.equal(dt.updated_at, AT);
  assert.equal((await store.requests.get('r1'))?.identity?.nom, 'Nguyen');
  assert.equal((await store.directory.getCorrespondent(people.dtAdmin.aadObjectId))?.role, 'admin');
  assert.deepEqual((await store.directory.getPartnership('rhone'))?.mlIds, ['ml-villeurbanne']);
  await store.transaction(async (tx) => {
    await tx.directory.upsertStructure(
      {
        id: 'ddets-rhone',
        kind: 'DDETS',
        name: 'DDETS du Rhône',
        departements: ['69'],
        tenantId: null,
      },
      AT,
    );
  });
  assert.equal((await store.directory.getStructure('ddets-rhone'))?.kind, 'DDETS');
  await assert.rejects(
    store.transaction((tx) =>
      tx.directory.upsertStructure(
        { id: 'x', kind: 'ZZ' as 'DT', name: 'X', departements: ['69'], tenantId: null },
        AT,
      ),
    ),
    'the kind is still checked',
  );
  await assert.rejects(
    store.transaction((tx) =>
      tx.directory.upsertCorrespondent(
        {
          aadObjectId: '12345678-0000-4000-8000-000000000000',
          structureId: 'nowhere',
          role: 'admin',
          name: 'X',
          email: null,
          phone: null,
        },
        AT,
      ),
    ),
    'references are still enforced',
  );
}

describe('migration 008: the DDETS kind on a populated database of version 7', () => {
  it('upgrades SQLite (table rebuilt, foreign keys back on) and serves the DDETS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-m008-'));
    try {
      const file = join(dir, 'test.sqlite');
      buildSqliteV7(file);
      const store = openSqliteStore(file);
      await checkUpgraded(store);
      await store.close();
      const db = new Database(file, { readonly: true });
      assert.equal((db.pragma('foreign_key_check') as unknown[]).length, 0);
      db.close();
      // The upgraded database, reopened by the bot, loads a directory file with a DDETS.
      const bot = await startTestBot({ dir, env: { DIRECTORY_FILE: DDETS_DIRECTORY } });
      try {
        const answer = await command(bot, people.dtAdmin, 'annuaire admin');
        assert.match(answer.text, /DDETS du Rhône/);
      } finally {
        await bot.stop({ keepFiles: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  (postgresUrl ? it : it.skip)(
    'upgrades PostgreSQL (constraint replaced) and serves the DDETS',
    async () => {
      const url = postgresUrl as string;
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await buildPostgresV7(url, schema);
      try {
        const store = await openPostgresStore(url, { schema });
        await checkUpgraded(store);
        const bot = await startTestBot({
          env: { DIRECTORY_FILE: DDETS_DIRECTORY },
          overrides: { store },
        });
        try {
          const answer = await command(bot, people.dtAdmin, 'annuaire admin');
          assert.match(answer.text, /DDETS du Rhône/);
        } finally {
          await bot.stop();
          await store.close().catch(() => undefined);
        }
      } finally {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    },
  );
});
