/**
 * The tabs' actions (issue 15 §1): the same domain services as the cards, so the same stored
 * result, the same outbox messages, the same refusals and stale checks.
 */
import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { act, answer, figures, openRequest, people, stored } from '../helpers/request-life';
import { devToken, tabGet, tabPost } from '../helpers/tab';
import { drainOutbox } from '../helpers/committees';
import { sqlOf } from '../helpers/sql';

/** What `after` holds beyond `before` (as multisets). */
function minus(after: string[], before: string[]): string[] {
  const left = [...before];
  return after.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

const ANSWER_COLUMNS = [
  'status',
  'answered_by',
  'answered_by_name',
  'positionnement_linguistique',
  'prescription_initiale',
  'heures_fl',
  'journees_fc',
  'version',
  'changed_kind',
  'changed_by',
] as const;

for (const engine of engines())
  describe(`the tabs' actions, on ${engine.name}`, function () {
    this.timeout(60_000);
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
    });
    afterEach(async () => {
      await bot.stop();
    });

    const path = (id: string, action: string) =>
      `/api/tab/demandes/demande/${id}/actions/${action}`;
    /** The outbox rows a request caused, without ids and times: where and what kind. */
    const outboxOf = async (requestId: string) =>
      (await bot.app.store.listOutbox())
        .filter((r) => r.requestId === requestId)
        .map((r) => `${r.op} ${r.side ?? ''} ${r.conversationId}`)
        .sort();

    it('answers a request as the card does: same stored answer, same messages to the ML', async () => {
      const byCard = await openRequest(bot);
      const byTab = await openRequest(bot, { numeroCir: 'CIR-0069-5555' });
      // The DT's cards are sent first: an answer updates the cards already delivered.
      await drainOutbox(bot, 15_000);
      const outboxBefore = { card: await outboxOf(byCard), tab: await outboxOf(byTab) };
      await answer(bot, byCard);
      const token = await devToken(bot, people.dt1);
      const res = await tabPost(bot, path(byTab, 'repondre'), token, {
        values: figures(),
        version: 1,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'completee');
      assert.match(res.body.message, /Réponse envoyée/);
      assert.ok(res.body.actions.some((a: { id: string }) => a.id === 'mettre-a-jour'));
      const [a, b] = [await stored(bot, byCard), await stored(bot, byTab)];
      for (const c of ANSWER_COLUMNS) assert.equal(String(b[c]), String(a[c]), c);
      const cardMessages = minus(await outboxOf(byCard), outboxBefore.card);
      const tabMessages = minus(await outboxOf(byTab), outboxBefore.tab);
      assert.ok(tabMessages.length > 0, 'the ML is told');
      assert.deepEqual(tabMessages, cardMessages);
    });

    it("refuses a stale version with the card's line (409), a wrong value field by field (400), storing nothing", async () => {
      const id = await openRequest(bot);
      await answer(bot, id);
      const token = await devToken(bot, people.dt2);
      const before = await stored(bot, id);
      const stale = await tabPost(bot, path(id, 'mettre-a-jour'), token, {
        values: figures({ heuresFL: '200' }),
        version: 1,
      });
      assert.equal(stale.status, 409);
      assert.match(stale.body.error.message, /Déjà traitée par Camille Martin/);
      const invalid = await tabPost(bot, path(id, 'mettre-a-jour'), token, {
        values: figures({ heuresFL: '9999' }),
        version: before.version,
      });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.error.code, 'E_INVALID_INPUT');
      assert.equal(invalid.body.error.fields.heuresFL, 'Valeur hors des limites autorisées.');
      const unknown = await tabPost(bot, path(id, 'mettre-a-jour'), token, {
        values: { ...figures(), nationalite: 'x' },
        version: before.version,
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'E_FIELDS_NOT_ALLOWED');
      assert.deepEqual(await stored(bot, id), before);

      const done = await tabPost(bot, path(id, 'mettre-a-jour'), token, {
        values: figures({ heuresFL: '240' }),
        version: Number(before.version),
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.ok(
        done.body.fields.some(
          (f: { id: string; value: string }) => f.id === 'heuresFL' && f.value === '240',
        ),
      );
      assert.equal(Number((await stored(bot, id)).heures_fl), 240);
    });

    it("refuses what the role may not do (403), someone else's request (404), an unknown action", async () => {
      const id = await openRequest(bot);
      const admin = await tabPost(bot, path(id, 'repondre'), await devToken(bot, people.dtAdmin), {
        values: figures(),
      });
      assert.equal(admin.status, 403);
      assert.equal(admin.body.error.code, 'E_ROLE_FORBIDDEN');
      const advisor = await devToken(bot, people.advisor);
      const side = await tabPost(bot, path(id, 'repondre'), advisor, { values: figures() });
      assert.equal(side.status, 403, 'the advisor sees the request but does not answer it');
      const other = await tabPost(bot, path(id, 'repondre'), await devToken(bot, people.otherDt), {
        values: figures(),
      });
      assert.equal(other.status, 404);
      assert.equal(
        (await tabPost(bot, path(id, 'supprimer'), advisor, { values: {} })).status,
        404,
      );
      const noBody = await tabPost(bot, path(id, 'annuler'), advisor, { values: 'doublon' });
      assert.equal(noBody.status, 400);
      assert.equal((await stored(bot, id)).status, 'transmise');
    });

    it('lets the advisor prescribe and cancel through the tab, the DT told as by the card', async () => {
      const id = await openRequest(bot);
      await answer(bot, id);
      const advisor = await devToken(bot, people.advisor);
      const detail = await tabGet(bot, `/api/tab/demandes/demande/${id}`, advisor);
      const ids = detail.body.actions.map((a: { id: string }) => a.id);
      assert.deepEqual(ids, ['prescrire', 'annuler']);
      const prescribed = await tabPost(bot, path(id, 'prescrire'), advisor, {
        values: { prescriptionML: 'CEJ' },
        version: detail.body.version,
      });
      assert.equal(prescribed.status, 200, JSON.stringify(prescribed.body));
      assert.equal((await stored(bot, id)).prescription_ml, 'CEJ');
      const cancelled = await tabPost(bot, path(id, 'annuler'), advisor, {
        values: { motifAnnulation: 'doublon' },
        version: prescribed.body.version,
      });
      // Prescribed and answered: the request is closed, which the ML may not cancel (the card's rule).
      assert.equal(cancelled.status, 409);
      assert.match(cancelled.body.error.message, /ne peut pas être annulée/);

      const second = await openRequest(bot, { numeroCir: 'CIR-0069-4444' });
      const byCard = await openRequest(bot, { numeroCir: 'CIR-0069-3333' });
      await drainOutbox(bot, 15_000);
      const viaTab = await tabPost(bot, path(second, 'annuler'), advisor, {
        values: { motifAnnulation: 'doublon' },
        version: 1,
      });
      assert.equal(viaTab.status, 200, JSON.stringify(viaTab.body));
      assert.equal(viaTab.body.status, 'annulee');
      assert.deepEqual(viaTab.body.actions, []);
      await act(bot, people.advisor, 'demande.annuler', {
        requestId: byCard,
        cardVersion: 1,
        motifAnnulation: 'doublon',
      });
      await drainOutbox(bot, 15_000);
      assert.deepEqual(await outboxOf(second), await outboxOf(byCard));
    });

    it('lets the advisor correct before the answer and the DT ask for the rest of the pathway, each action audited', async () => {
      const id = await openRequest(bot);
      const advisor = await devToken(bot, people.advisor);
      const form = (await tabGet(bot, `/api/tab/demandes/demande/${id}`, advisor)).body;
      const correction = form.actions.find((a: { id: string }) => a.id === 'corriger');
      const values = Object.fromEntries(
        correction.inputs.map((i: { id: string; value?: string }) => [i.id, i.value ?? '']),
      );
      assert.equal(values.nom, 'Diallo', 'the form is pre-filled');
      const wrong = await tabPost(bot, path(id, 'corriger'), advisor, {
        values: { ...values, dateNaissance: '2999-01-01' },
        version: form.version,
      });
      assert.equal(wrong.status, 400);
      assert.ok(wrong.body.error.fields.dateNaissance);
      const corrected = await tabPost(bot, path(id, 'corriger'), advisor, {
        values: { ...values, nom: 'Diallo-Bah' },
        version: form.version,
      });
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
      assert.equal(corrected.body.person.lastName, 'Diallo-Bah');
      assert.equal((await stored(bot, id)).nom, 'Diallo-Bah');

      await answer(bot, id, people.dt1, { cardVersion: corrected.body.version });
      const dt = await devToken(bot, people.dt1);
      const asked = await tabPost(bot, path(id, 'demander-suite'), dt, { values: {} });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      assert.equal(asked.body.waitingOn, 'ml');
      assert.ok(
        asked.body.timeline.some((t: { label: string }) =>
          /Suite du parcours demandée/.test(t.label),
        ),
      );
      const audit = await sqlOf(bot.app.store).all<{ actor: string; detail: string }>(
        "SELECT actor, detail FROM audit_log WHERE action = 'tab.demande.action' AND request_id = ? ORDER BY id",
        [id],
      );
      assert.deepEqual(
        audit.map((a) => a.detail),
        ['corriger: refused E_INVALID_INPUT', 'corriger: done', 'demander-suite: done'],
      );
      assert.doesNotMatch(JSON.stringify(audit), /Diallo/);
    });
  });
