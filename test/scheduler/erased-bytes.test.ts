/**
 * Erased means gone (issue 16 §7): after the retention purge, a person's values cannot be found
 * in the SQLite database's bytes — neither in the file's free space nor in its write-ahead log.
 * The same scan before the purge finds them, so the scan itself is proven to look.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { invokeActivity, messageActivity, people, post, type Persona } from '../helpers/teams';

const NAME = 'Zquelarmonique';
const FIRST = 'Wojciechowskaïa';
const CIR = 'ZQX778899';
const DAY = 86_400_000;

/** Where the bytes of `text` appear in the database file or its write-ahead log. */
function foundIn(sqliteFile: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return [sqliteFile, `${sqliteFile}-wal`].filter(
    (f) => existsSync(f) && readFileSync(f).includes(needle),
  );
}

describe('the retention purge leaves no copy of the erased values in the SQLite files', () => {
  let bot: TestBot;
  let clock: TestClock;
  const act = async (p: Persona, verb: string, data: Record<string, unknown>, replyTo = 'c') =>
    post(bot.url, invokeActivity(p, bot.serviceUrl, verb, { cardVersion: 1, ...data }, replyTo));

  beforeEach(async () => {
    clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
    bot = await startTestBot({ clock });
    for (const p of [people.advisor, people.dt1])
      await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
  });
  afterEach(async () => {
    await bot.stop();
  });

  /** Opens, answers and closes one request; returns its id. */
  async function closedRequest(i: number): Promise<string> {
    await act(
      people.advisor,
      'demande.creer',
      {
        civilite: 'Mme',
        nom: `${NAME}${String.fromCharCode(97 + i)}`,
        prenom: FIRST,
        dateNaissance: birthDateForAge(22),
        numeroCir: `${CIR}${i}`,
        dtId: 'dt-lyon',
      },
      `form-${i}`,
    );
    const [request] = await bot.app.store.requests.findByCir(`${CIR}${i}`, 'ml-villeurbanne', 1);
    await act(people.dt1, 'demande.repondre', {
      requestId: request.id,
      positionnementLinguistique: 'INF_A2',
      prescriptionInitiale: 'FL_600',
      heuresFL: 120,
      journeesFC: 2,
    });
    await act(people.advisor, 'demande.prescrire', {
      requestId: request.id,
      prescriptionML: 'CEJ',
    });
    return request.id;
  }

  it('finds the values before the purge and nowhere after it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await closedRequest(i));
    await bot.app.dispatcher.idle();
    // The values reach the database file itself, and stay in the log's frames.
    const other = new Database(bot.sqliteFile);
    other.pragma('wal_checkpoint(PASSIVE)');
    other.close();
    for (const v of [NAME, FIRST, CIR])
      assert.ok(foundIn(bot.sqliteFile, v).length > 0, `the scan sees ${v} before the purge`);

    clock.advance(400 * DAY);
    await bot.app.scheduler.runDue();
    for (const id of ids)
      assert.equal((await bot.app.store.requests.get(id))?.identity, null, 'erased');
    for (const v of [NAME, FIRST, CIR])
      assert.deepEqual(foundIn(bot.sqliteFile, v), [], `${v} is gone from the files`);
  });
});
