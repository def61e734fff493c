/**
 * Tables that come back (issue 13 §5), through /api/messages on both engines: an ML's rows create
 * requests or set prescriptionML on its own, a DT correspondent's rows answer or update the DT's,
 * refusals row by row, and one transaction for the whole file.
 */
import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { cardOf, fileMessage, seedRequest, text } from '../helpers/tableau';
import { inPersonal, messageActivity, people, post, type Persona } from '../helpers/teams';
import type { Recorded } from '../helpers/connector-stand-in';
import { handMadeTable, nationalHeaders, type CellInput } from '../files/fixtures';
import { sqlOf } from '../helpers/sql';
import type { Repo } from '../../src/storage/store';

const born = new Date(`${birthDateForAge(22)}T00:00:00Z`);
const NUMBER = 'N° de demande';

/** A row of the national table, then the optional request number. */
function row(cir: string, o: { ml?: string; dt?: CellInput[]; number?: string } = {}): CellInput[] {
  const dt = o.dt ?? [null, null, null, null];
  return ['Mme', 'Nguyen', 'Thị Hương', born, cir, ...dt, o.ml ?? null, o.number ?? null];
}

/** Sends the table as `who` in their personal chat; resolves with the final report card's text. */
async function send(bot: TestBot, who: Persona, rows: CellInput[][]): Promise<string> {
  const name = `tableau-${Math.random().toString(36).slice(2)}.xlsx`;
  bot.connector.files.set(name, await handMadeTable([...nationalHeaders(), NUMBER], rows));
  const before = bot.connector.recorded.length;
  const url = `${bot.serviceUrl}files/${encodeURIComponent(name)}`;
  const res = await post(bot.url, fileMessage(who, bot.serviceUrl, name, url, inPersonal(who)));
  assert.equal(res.status, 200);
  const progress = bot.connector.recorded[before];
  const isFinal = (r: Recorded) =>
    r.method === 'PUT' &&
    r.activityId === progress.activityId &&
    !/Vérification des lignes|Lecture du fichier/.test(text(r.activity));
  await bot.connector.waitFor(() => bot.connector.recorded.some(isFinal), 15_000);
  return text(cardOf(bot.connector.recorded.find(isFinal) as Recorded));
}

async function one<T>(bot: TestBot, sql: string, params: unknown[] = []): Promise<T> {
  const [r] = await sqlOf(bot.app.store).all<T>(sql, params);
  return r;
}

const statusOf = async (bot: TestBot, id: string) =>
  one<{
    status: string;
    prescription_ml: string | null;
    heures_fl: number | null;
    version: number;
  }>(bot, 'SELECT status, prescription_ml, heures_fl, version FROM requests WHERE id = ?', [id]);

const versionsOf = async (bot: TestBot, id: string): Promise<number> =>
  Number(
    (
      await one<{ n: number | string }>(
        bot,
        'SELECT COUNT(*) AS n FROM request_answer_versions WHERE request_id = ?',
        [id],
      )
    ).n,
  );

for (const engine of engines())
  describe(`a national table that comes back, on ${engine.name}`, function () {
    this.timeout(60_000);
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
      for (const p of [people.advisor, people.dt1, people.otherDt, people.otherMl])
        await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('an ML’s rows: created, updated (prescriptionML), unchanged, and refused with their reasons', async () => {
      const own = await seedRequest(bot.app.store, { nom: 'Diallo', numeroCir: '00691111' });
      const kept = await seedRequest(bot.app.store, { nom: 'Traoré', numeroCir: '00692222' });
      const cancelled = await seedRequest(bot.app.store, {
        nom: 'Ba',
        numeroCir: '00693333',
        status: 'annulee',
      });
      const others = await seedRequest(bot.app.store, {
        nom: 'Sow',
        numeroCir: '00385555',
        mlId: 'ml-grenoble',
        dtId: 'dt-grenoble',
      });
      const closed = await seedRequest(bot.app.store, {
        nom: 'Kane',
        numeroCir: '00698888',
        status: 'cloturee',
      });
      const card = await send(bot, people.advisor, [
        row('00694444'),
        row('0069 1111', { ml: 'Contrat d’engagement jeune' }),
        row('00692222'),
        row('00385555', { ml: 'CEJ', number: others.number }),
        row('00693333', { ml: 'CEJ', number: cancelled.number }),
        row('00696666', { ml: 'Inconnue' }),
        row('00698888', { ml: 'PACEA' }),
      ]);
      assert.match(card, /Créées : 1 · mises à jour : 2 · inchangées : 1 · refusées : 3/);
      assert.match(card, /Ligne 5.*suivie par une autre Mission Locale/);
      assert.match(card, new RegExp(`Ligne 6.*La demande n° ${cancelled.number} est annulée`));
      assert.match(card, /Ligne 7.*Prescription Mission Locale/);
      assert.ok(!card.includes(others.number), 'another ML’s request number is not echoed');
      assert.ok(!/Nguyen|Diallo|00694444/.test(card), 'no person’s value in the report');
      assert.equal((await statusOf(bot, own.id)).prescription_ml, 'CEJ');
      assert.equal((await statusOf(bot, kept.id)).prescription_ml, null);
      // A closed request is found by its n° CIR too: updated, not opened again.
      assert.equal((await statusOf(bot, closed.id)).prescription_ml, 'PACEA');
      assert.equal((await statusOf(bot, others.id)).prescription_ml, null);
      assert.equal((await statusOf(bot, cancelled.id)).prescription_ml, null);
      const created = await one<{ n: number | string }>(
        bot,
        "SELECT COUNT(*) AS n FROM requests WHERE numero_cir = '00694444' AND ml_id = 'ml-villeurbanne'",
      );
      assert.equal(Number(created.n), 1);
      const total = await one<{ n: number | string }>(bot, 'SELECT COUNT(*) AS n FROM requests');
      assert.equal(Number(total.n), 6);
      const events = await one<{ n: number | string }>(
        bot,
        "SELECT COUNT(*) AS n FROM request_events WHERE request_id = ? AND kind = 'prescribed'",
        [own.id],
      );
      assert.equal(Number(events.n), 1);
    });

    it('a DT’s rows answer a transmise request, then update it as a new version; refusals per row', async () => {
      const mine = await seedRequest(bot.app.store, { nom: 'Diallo', numeroCir: '00691111' });
      const cancelled = await seedRequest(bot.app.store, {
        nom: 'Ba',
        numeroCir: '00693333',
        status: 'annulee',
      });
      const others = await seedRequest(bot.app.store, {
        nom: 'Sow',
        numeroCir: '00385555',
        mlId: 'ml-grenoble',
        dtId: 'dt-grenoble',
      });
      const first = await send(bot, people.dt1, [
        row('00691111', { dt: ['INF_A2', '600 h en présentiel', 120, 1] }),
        row('00385555', { dt: ['INF_A2', 'FL_600', 10, 0], number: others.number }),
        row('00693333', { dt: ['INF_A2', 'FL_600', 10, 0] }),
        row('00697777', { dt: ['INF_A2', 'FL_600', 10, 0] }),
        row('00698888', { dt: ['B2 atteint', 'FL_600', 700, 0] }),
      ]);
      assert.match(first, /Créées : 0 · mises à jour : 1 · inchangées : 0 · refusées : 4/);
      assert.match(first, /Ligne 3.*adressée à une autre DT/);
      assert.match(first, new RegExp(`Ligne 4.*La demande n° ${cancelled.number} est annulée`));
      assert.match(first, /Ligne 5.*Aucune demande de votre structure/);
      assert.match(first, /Ligne 6.*Positionnement linguistique.*Total des heures FL/);
      assert.ok(!first.includes(others.number));
      let now = await statusOf(bot, mine.id);
      assert.equal(now.status, 'completee');
      assert.equal(Number(now.heures_fl), 120);
      assert.equal(await versionsOf(bot, mine.id), 1);
      assert.equal((await statusOf(bot, others.id)).status, 'transmise');
      assert.equal((await statusOf(bot, cancelled.id)).status, 'annulee');

      const again = await send(bot, people.dt1, [
        row('00691111', { dt: ['INF_A2', 'FL_600', 240, 2] }),
      ]);
      assert.match(again, /Créées : 0 · mises à jour : 1 · inchangées : 0 · refusées : 0/);
      now = await statusOf(bot, mine.id);
      assert.equal(Number(now.heures_fl), 240);
      assert.equal(await versionsOf(bot, mine.id), 2);
      const updated = await one<{ n: number | string }>(
        bot,
        "SELECT COUNT(*) AS n FROM request_events WHERE request_id = ? AND kind = 'updated'",
        [mine.id],
      );
      assert.equal(Number(updated.n), 1);

      const same = await send(bot, people.dt1, [
        row('00691111', { dt: ['INF_A2', 'FL_600', 240, 2] }),
      ]);
      assert.match(same, /Créées : 0 · mises à jour : 0 · inchangées : 1 · refusées : 0/);
      assert.equal(await versionsOf(bot, mine.id), 2);
    });

    it('a DT cannot update another DT’s request, nor an ML another ML’s, even by its n° CIR', async () => {
      const lyon = await seedRequest(bot.app.store, { nom: 'Diallo', numeroCir: '00691111' });
      const card = await send(bot, people.otherDt, [
        row('00691111', { dt: ['INF_A2', 'FL_600', 10, 0] }),
        row('00691111', { dt: ['INF_A2', 'FL_600', 10, 0], number: lyon.number }).map((c, i) =>
          i === 4 ? '00691112' : c,
        ),
      ]);
      assert.match(card, /Ligne 2.*Aucune demande de votre structure/);
      assert.match(card, /Ligne 3.*adressée à une autre DT/);
      assert.equal((await statusOf(bot, lyon.id)).status, 'transmise');
      assert.equal(await versionsOf(bot, lyon.id), 0);

      const ml = await send(bot, people.otherMl, [
        row('00691111', { ml: 'CEJ', number: lyon.number }),
      ]);
      assert.match(ml, /Ligne 2.*suivie par une autre Mission Locale/);
      assert.equal((await statusOf(bot, lyon.id)).prescription_ml, null);
    });

    it('applies nothing when the file fails midway', async () => {
      const a = await seedRequest(bot.app.store, { nom: 'Diallo', numeroCir: '00691111' });
      const b = await seedRequest(bot.app.store, { nom: 'Traoré', numeroCir: '00692222' });
      // The second row's event write fails: the first row's answer must not stay.
      const store = bot.app.store;
      const transaction = store.transaction.bind(store);
      let events = 0;
      store.transaction = <T>(fn: (tx: Repo) => Promise<T>) =>
        transaction((tx) => {
          const requests = tx.requests as { addEvent: Repo['requests']['addEvent'] } & {
            failing?: boolean;
          };
          if (!requests.failing) {
            const addEvent = requests.addEvent.bind(requests);
            requests.addEvent = async (e) => {
              if (++events === 2) throw new Error('disk full');
              return addEvent(e);
            };
            requests.failing = true;
          }
          return fn(tx);
        });
      const card = await send(bot, people.dt1, [
        row('00691111', { dt: ['INF_A2', 'FL_600', 120, 1] }),
        row('00692222', { dt: ['INF_A2', 'FL_600', 60, 0] }),
      ]);
      assert.match(card, /refusé en entier : aucune demande n’a été modifiée/);
      for (const r of [a, b]) {
        const now = await statusOf(bot, r.id);
        assert.equal(now.status, 'transmise');
        assert.equal(now.heures_fl, null);
        assert.equal(Number(now.version), 1);
        assert.equal(await versionsOf(bot, r.id), 0);
      }
      const answered = await one<{ n: number | string }>(
        bot,
        "SELECT COUNT(*) AS n FROM request_events WHERE kind = 'answered'",
      );
      assert.equal(Number(answered.n), 0);
    });
  });
