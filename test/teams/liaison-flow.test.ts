import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import {
  act,
  cast,
  fiche,
  ficheIdOf,
  greetAll,
  LIAISON_DIRECTORY,
  say,
  submitFiche,
  text,
} from '../helpers/liaison';
import { sqlOf } from '../helpers/sql';
import { inPersonal, invokeActivity, personalChat, post, type Persona } from '../helpers/teams';

const IDENTITY_VALUES = ['Nguyễn', 'Thị Ánh', '006977771234', '0069 7777 1234'];

function posts(bot: TestBot, p: Persona) {
  return bot.connector.sentTo(personalChat(p)).filter((r) => r.method === 'POST');
}

async function count(bot: TestBot, table: string): Promise<number> {
  const [r] = await sqlOf(bot.app.store).all<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM ${table}`,
  );
  return Number(r.n);
}

for (const engine of engines())
  describe(`the fiche de liaison (flow 5), through /api/messages, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine, env: { DIRECTORY_FILE: LIAISON_DIRECTORY } });
      await greetAll(bot);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('routes a fiche by postal code to the only ML serving the département, with a neutral card and no personal data stored in messages or events', async () => {
      const before = posts(bot, cast.bourg).length;
      const { form, card } = await submitFiche(bot, fiche());
      assert.match(text(card), /Fiche de liaison n° L\d{4}-000001/);
      assert.match(text(card), /Nguyễn/);
      assert.match(text(card), /Mission Locale de Bourg-en-Bresse/);
      const ficheId = ficheIdOf(card);

      await bot.connector.waitFor(() => posts(bot, cast.bourg).length > before);
      const inbox = posts(bot, cast.bourg).at(-1)!;
      const stored = JSON.stringify(inbox.activity);
      for (const v of IDENTITY_VALUES) assert.ok(!stored.includes(v), `ML card leaks ${v}`);
      const neutral = (inbox.activity.attachments as { content: Record<string, unknown> }[])[0]
        .content;
      assert.equal(ficheIdOf(neutral), ficheId);
      assert.ok(text(neutral).includes(cast.bourg.teamsId));
      assert.ok(!text(neutral).includes(cast.advisor.teamsId), 'other MLs are not viewers');
      // The auditor's form became the fiche's neutral card, in place.
      await bot.connector.waitFor(() =>
        bot.connector.recorded.some((r) => r.method === 'PUT' && r.activityId === form.activityId),
      );
      const put = bot.connector.recorded.find((r) => r.activityId === form.activityId)!;
      for (const v of IDENTITY_VALUES) assert.ok(!JSON.stringify(put.activity).includes(v));

      const sql = sqlOf(bot.app.store);
      const [row] = await sql.all<Record<string, unknown>>('SELECT * FROM fiches');
      assert.equal(row.departement, '01');
      assert.equal(row.ml_id, 'ml-bourg');
      assert.equal(row.status, 'proposee');
      assert.ok(!JSON.stringify(row).includes('01000'), 'the commune is not stored');
      const events = JSON.stringify(await sql.all('SELECT * FROM fiche_events'));
      for (const v of IDENTITY_VALUES) assert.ok(!events.includes(v), `event leaks ${v}`);
      const logs = JSON.stringify(bot.logs);
      for (const v of IDENTITY_VALUES) assert.ok(!logs.includes(v), `log leaks ${v}`);

      // A double click on the same form makes no second fiche.
      await act(bot, cast.auditor, 'liaison.creer', fiche(), form.activityId);
      assert.equal(await count(bot, 'fiches'), 1);
    });

    it('asks the auditor to choose when several MLs serve the département, keeping what was typed', async () => {
      const { form, card } = await submitFiche(bot, fiche({ residence: '69100' }));
      const shown = text(card);
      assert.match(shown, /Plusieurs Missions Locales/);
      assert.match(shown, /"id":"mlId"/);
      assert.match(shown, /ml-villeurbanne/);
      assert.match(shown, /ml-lyon/);
      assert.ok(!shown.includes('ml-bourg'), 'only the MLs serving the 69 are offered');
      assert.match(shown, /Nguyễn/, 'typed values are kept');
      assert.equal(await count(bot, 'fiches'), 0);
      const outsider = await act(
        bot,
        cast.auditor,
        'liaison.creer',
        fiche({ residence: '69100', mlId: 'ml-bourg' }),
        form.activityId,
      );
      assert.match(text(outsider), /Choisissez une valeur de la liste/);
      assert.equal(await count(bot, 'fiches'), 0);
      const chosen = await act(
        bot,
        cast.auditor,
        'liaison.creer',
        fiche({ residence: '69100', mlId: 'ml-lyon' }),
        form.activityId,
      );
      assert.match(text(chosen), /Fiche transmise — Mission Locale de Lyon/);
    });

    it('refuses a residence no ML of the partnership serves, bad identity fields and extra fields, storing nothing', async () => {
      const none = await submitFiche(bot, fiche({ residence: '38000' }));
      assert.match(text(none.card), /Aucune Mission Locale de votre partenariat/);
      const bad = await submitFiche(bot, fiche({ residence: 'Lyon', numeroCir: '12', nom: '' }));
      assert.match(text(bad.card), /code postal de la commune/);
      assert.match(text(bad.card), /Numéro CIR invalide/);
      assert.match(text(bad.card), /Champ obligatoire/);
      const extra = await submitFiche(bot, fiche({ nationalite: 'x' }));
      assert.match(text(extra.card), /champs non autorisés par le DPO \(nationalite\)/);
      assert.equal(await count(bot, 'fiches'), 0);
      const lines = bot.logs.filter((l) => l.msg === 'fiche de liaison input refused');
      assert.deepEqual(
        lines.map((l) => l.fields),
        [
          ['residence:E_RESIDENCE_NO_ML'],
          ['nom:E_FIELD_REQUIRED', 'numeroCir:E_CIR_INVALID', 'residence:E_RESIDENCE_INVALID'],
          [],
        ],
      );
      assert.equal(lines[2].code, 'E_FIELDS_NOT_ALLOWED');
      assert.ok(!JSON.stringify(lines).includes('Nguyễn'));
    });

    it('offers /liaison to DT correspondents only', async () => {
      const [ok] = await say(bot, cast.auditor, 'Liaison');
      assert.match(text(ok.activity), /"id":"residence"/);
      for (const p of [cast.advisor, cast.mlAdmin, cast.stranger]) {
        const [refusal] = await say(bot, p, '/liaison');
        assert.ok(!text(refusal.activity).includes('"id":"residence"'), p.name);
      }
      const [advisor] = await say(bot, cast.advisor, 'liaison');
      assert.match(text(advisor.activity), /Votre rôle dans l'annuaire ne permet pas cette action/);
      assert.ok(bot.logs.some((l) => l.code === 'E_ROLE_FORBIDDEN' && l.msg === 'refused'));
      const [stranger] = await say(bot, cast.stranger, 'liaison');
      assert.match(text(stranger.activity), /Vous ne figurez pas dans l'annuaire/);
    });

    it('lets an advisor of the ML accept: a request opens with the identity, once, and the DT is told', async () => {
      const { card } = await submitFiche(bot, fiche());
      const ficheId = ficheIdOf(card);
      const view = await act(bot, cast.bourg, 'liaison.voir', { ficheId });
      assert.match(text(view), /Nguyễn/);
      assert.match(text(view), /liaison.accepter/);
      const auditorBefore = posts(bot, cast.auditor).length;
      const accepted = await act(bot, cast.bourg, 'liaison.accepter', {
        ficheId,
        reason: '',
        cardVersion: 1,
      });
      assert.match(text(accepted), /Acceptée par Paul Conseiller Bourg/);
      assert.match(text(accepted), /demande n° \d{4}-\d{6} ouverte/);
      const sql = sqlOf(bot.app.store);
      const [request] = await sql.all<Record<string, unknown>>('SELECT * FROM requests');
      assert.equal(request.nom, 'Nguyễn');
      assert.equal(request.numero_cir, '006977771234');
      assert.equal(request.ml_id, 'ml-bourg');
      assert.equal(request.dt_id, 'dt-lyon');
      assert.equal(request.status, 'transmise');
      const [row] = await sql.all<Record<string, unknown>>('SELECT * FROM fiches');
      assert.equal(row.status, 'acceptee');
      assert.equal(row.request_id, request.id);
      // The DT is told, neutrally; the request's card reaches the DT as any request does.
      await bot.connector.waitFor(() => posts(bot, cast.auditor).length >= auditorBefore + 2);
      const toDt = JSON.stringify(posts(bot, cast.auditor).slice(auditorBefore));
      assert.match(toDt, /Fiche de liaison acceptée — Mission Locale de Bourg-en-Bresse/);
      for (const v of IDENTITY_VALUES) assert.ok(!toDt.includes(v), `DT message leaks ${v}`);

      // Double click: the same card again changes nothing and opens no second request.
      const again = await act(bot, cast.bourg, 'liaison.accepter', { ficheId, cardVersion: 1 });
      assert.match(text(again), /Acceptée par Paul Conseiller Bourg/);
      assert.equal(await count(bot, 'requests'), 1);
      // Wrong status: closing an accepted fiche is refused with what happened.
      const late = await act(bot, cast.bourg, 'liaison.classer', { ficheId, reason: 'refus' });
      assert.equal(await count(bot, 'requests'), 1);
      assert.match(text(late), /Acceptée par/);
      const [still] = await sql.all<Record<string, unknown>>('SELECT status FROM fiches');
      assert.equal(still.status, 'acceptee');
    });

    it('refuses decisions from the DT, another ML, an ML admin and outsiders, who see no identity', async () => {
      const { card } = await submitFiche(bot, fiche({ residence: '69', mlId: 'ml-villeurbanne' }));
      const ficheId = ficheIdOf(card);
      const cases: [Persona, RegExp][] = [
        [cast.auditor, /n'est pas adressée à votre Mission Locale/],
        [cast.lyon, /n'est pas adressée à votre Mission Locale/],
        [cast.otherMl, /n'est pas adressée à votre Mission Locale/],
        [cast.mlAdmin, /Votre rôle dans l'annuaire ne permet pas cette action/],
        [cast.stranger, /Vous ne figurez pas dans l'annuaire/],
      ];
      for (const [p, message] of cases) {
        const refused = await act(bot, p, 'liaison.accepter', { ficheId });
        assert.match(text(refused), message, p.name);
        assert.ok(!text(refused).includes('Nguyễn'), p.name);
      }
      for (const p of [cast.lyon, cast.otherMl, cast.otherDt]) {
        const outsider = await act(bot, p, 'liaison.voir', { ficheId });
        assert.match(text(outsider), /réservé aux structures concernées/, p.name);
        assert.ok(!text(outsider).includes('Nguyễn'), p.name);
      }
      assert.equal(await count(bot, 'requests'), 0);
      const [row] = await sqlOf(bot.app.store).all<Record<string, unknown>>(
        'SELECT status FROM fiches',
      );
      assert.equal(row.status, 'proposee');
      assert.ok(bot.logs.some((l) => l.code === 'E_FICHE_NOT_YOUR_ML' && l.msg === 'refused'));
      const unknown = await act(bot, cast.advisor, 'liaison.accepter', { ficheId: 'nope' });
      assert.match(text(unknown), /Fiche de liaison introuvable/);
    });

    it('redirects to another ML of the partnership, whose inbox gets the card; the first ML loses the detail', async () => {
      const { card } = await submitFiche(bot, fiche({ residence: '69', mlId: 'ml-villeurbanne' }));
      const ficheId = ficheIdOf(card);
      const bad = await act(bot, cast.advisor, 'liaison.rediriger', {
        ficheId,
        targetMlId: 'ml-grenoble',
      });
      assert.match(text(bad), /Choisissez une valeur de la liste/);
      const missing = await act(bot, cast.advisor, 'liaison.rediriger', { ficheId });
      assert.match(text(missing), /Champ obligatoire/);
      const lyonBefore = posts(bot, cast.lyon).length;
      const moved = await act(bot, cast.advisor, 'liaison.rediriger', {
        ficheId,
        targetMlId: 'ml-lyon',
        reason: '',
      });
      assert.match(text(moved), /Redirigée vers Mission Locale de Lyon par Léa Conseillère/);
      assert.ok(!text(moved).includes('Nguyễn'), 'the first ML no longer sees the identity');
      await bot.connector.waitFor(() => posts(bot, cast.lyon).length > lyonBefore);
      const inbox = JSON.stringify(posts(bot, cast.lyon).at(-1)!.activity);
      for (const v of IDENTITY_VALUES) assert.ok(!inbox.includes(v));
      await bot.connector.waitFor(() =>
        JSON.stringify(posts(bot, cast.auditor)).includes('redirigée vers Mission Locale de Lyon'),
      );
      // The first ML can no longer decide; the new one can.
      const late = await act(bot, cast.advisor2, 'liaison.accepter', { ficheId });
      assert.match(text(late), /Redirigée vers Mission Locale de Lyon/);
      const outsider = await act(bot, cast.otherMl, 'liaison.accepter', { ficheId });
      assert.match(text(outsider), /n'est pas adressée à votre Mission Locale/);
      assert.ok(!text(outsider).includes('Lyon'), 'an outsider is not told where it went');
      assert.equal(await count(bot, 'requests'), 0);
      const view = await act(bot, cast.lyon, 'liaison.voir', { ficheId });
      assert.match(text(view), /Nguyễn/);
      const accepted = await act(bot, cast.lyon, 'liaison.accepter', { ficheId });
      assert.match(text(accepted), /Acceptée par Inès Conseillère Lyon/);
      const events = await sqlOf(bot.app.store).all<{ kind: string }>(
        'SELECT kind FROM fiche_events ORDER BY id',
      );
      assert.deepEqual(
        events.map((e) => e.kind),
        ['created', 'redirigee', 'acceptee'],
      );
    });

    it('lets only one of two advisors clicking at once accept, opening one request; the refresh shows who did', async () => {
      const { card } = await submitFiche(bot, fiche({ residence: '69', mlId: 'ml-villeurbanne' }));
      const ficheId = ficheIdOf(card);
      const [a, b] = await Promise.all([
        act(bot, cast.advisor, 'liaison.accepter', { ficheId }),
        act(bot, cast.advisor2, 'liaison.accepter', { ficheId }),
      ]);
      assert.equal(await count(bot, 'requests'), 1);
      const both = [text(a), text(b)];
      assert.equal(both.filter((t) => /déjà été traitée/.test(t)).length, 1, both.join('\n'));
      const res = await post(
        bot.url,
        invokeActivity(
          cast.advisor2,
          bot.serviceUrl,
          'liaison.voir',
          { ficheId },
          undefined,
          inPersonal(cast.advisor2),
          'automatic',
        ),
      );
      assert.match(text(res.body.value), /Acceptée par (Léa Conseillère|Hugo Conseiller)/);
      const [request] = await sqlOf(bot.app.store).all<{ created_by: string }>(
        'SELECT created_by FROM requests',
      );
      const [row] = await sqlOf(bot.app.store).all<{ decided_by: string }>(
        'SELECT decided_by FROM fiches',
      );
      assert.equal(request.created_by, row.decided_by, 'the request is the accepting advisor’s');
    });

    it('closes a fiche sans suite with a reason from the closed list, and tells the DT', async () => {
      const { card } = await submitFiche(bot, fiche());
      const ficheId = ficheIdOf(card);
      const none = await act(bot, cast.bourg, 'liaison.classer', { ficheId, reason: '' });
      assert.match(text(none), /Champ obligatoire/);
      const free = await act(bot, cast.bourg, 'liaison.classer', { ficheId, reason: 'parti' });
      assert.match(text(free), /Choisissez une valeur de la liste/);
      const before = posts(bot, cast.auditor).length;
      const closed = await act(bot, cast.bourg, 'liaison.classer', {
        ficheId,
        reason: 'injoignable',
        targetMlId: '',
      });
      assert.match(
        text(closed),
        /Classée sans suite par Paul Conseiller Bourg .*Jeune non joignable/,
      );
      await bot.connector.waitFor(() => posts(bot, cast.auditor).length > before);
      assert.match(
        JSON.stringify(posts(bot, cast.auditor).at(-1)!.activity),
        /classée sans suite — Mission Locale de Bourg-en-Bresse/,
      );
      const [row] = await sqlOf(bot.app.store).all<Record<string, unknown>>('SELECT * FROM fiches');
      assert.equal(row.status, 'sans_suite');
      assert.equal(row.reason, 'injoignable');
      const again = await act(bot, cast.bourg, 'liaison.accepter', { ficheId });
      assert.match(text(again), /Classée sans suite/);
      assert.equal(await count(bot, 'requests'), 0);
    });
  });
