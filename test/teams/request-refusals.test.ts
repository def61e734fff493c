import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import {
  inPersonal,
  invokeActivity,
  messageActivity,
  people,
  personalChat,
  post,
  type Persona,
} from '../helpers/teams';

const valid = () => ({
  civilite: 'M.',
  nom: 'Nguyen',
  prenom: 'Minh',
  dateNaissance: birthDateForAge(19),
  numeroCir: 'CIR-2026/0042',
  dtId: 'dt-lyon',
  cardVersion: 1,
});

function countRows(bot: TestBot, sql: string): number {
  const db = new Database(bot.sqliteFile, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Sends a command and returns the card the bot answered with. */
async function command(bot: TestBot, p: Persona, text: string): Promise<string> {
  const before = bot.connector.recorded.length;
  await post(bot.url, messageActivity(p, bot.serviceUrl, text));
  return JSON.stringify(bot.connector.recorded.slice(before).map((r) => r.activity));
}

async function submit(
  bot: TestBot,
  p: Persona,
  data: Record<string, unknown>,
  replyToId = 'form-1',
) {
  const res = await post(
    bot.url,
    invokeActivity(p, bot.serviceUrl, 'demande.creer', data, replyToId),
  );
  assert.equal(res.status, 200);
  return JSON.stringify(res.body.value);
}

describe('flow 1 refusals and validation, through /api/messages', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('understands the command with or without slash, accents, case and the @mention', async () => {
    for (const text of [
      'demande CIR',
      '/DEMANDE cir',
      '<at>Passerelle CIR</at> demande CIR',
      '  /démande   cir ',
    ]) {
      assert.match(await command(bot, people.advisor, text), /Nouvelle demande CIR/, text);
    }
    assert.match(await command(bot, people.advisor, 'bonjour'), /Tapez « aide »/);
    assert.match(await command(bot, people.advisor, '/aide'), /tableau \[période\]/);
  });

  it('re-renders the form with the typed values and one French message per wrong field', async () => {
    const card = await submit(bot, people.advisor, {
      civilite: 'Mlle',
      nom: 'N1guyen',
      prenom: '',
      dateNaissance: '2031-02-30',
      numeroCir: 'a!',
      dtId: 'dt-lyon',
      cardVersion: 1,
    });
    assert.match(card, /Choisissez une valeur de la liste/);
    assert.match(card, /Lettres, espaces/);
    assert.match(card, /Champ obligatoire/);
    assert.match(card, /Date invalide/);
    assert.match(card, /Numéro CIR invalide/);
    assert.match(card, /"value":"N1guyen"/, 'what the user typed is kept');
    assert.equal(countRows(bot, 'SELECT COUNT(*) AS n FROM requests'), 0);
    const warnings = bot.logs.filter((l) => JSON.stringify(l).includes('N1guyen'));
    assert.equal(warnings.length, 0, 'typed values never reach the log');
  });

  it('refuses a birth date that makes the person younger than 15 or older than 30', async () => {
    assert.match(
      await submit(bot, people.advisor, { ...valid(), dateNaissance: birthDateForAge(14) }),
      /entre 15 et 30 ans/,
    );
    assert.match(
      await submit(bot, people.advisor, { ...valid(), dateNaissance: birthDateForAge(31) }),
      /entre 15 et 30 ans/,
    );
  });

  it('refuses a field the DPO did not allow, and stores it nowhere', async () => {
    const card = await submit(bot, people.advisor, {
      ...valid(),
      nationalite: 'Pays-secret',
      adresse: '1 rue Secrète',
    });
    assert.match(card, /champs non autorisés par le DPO \(nationalite, adresse\)/);
    assert.equal(countRows(bot, 'SELECT COUNT(*) AS n FROM requests'), 0);
    await bot.app.store.close().catch(() => undefined);
    const { readFileSync, existsSync } = await import('node:fs');
    for (const f of [bot.sqliteFile, `${bot.sqliteFile}-wal`]) {
      if (existsSync(f))
        assert.ok(!readFileSync(f).includes('Pays-secret'), `${f} holds the refused field`);
    }
  });

  it('turns a double submit of the same form into one request', async () => {
    const first = await submit(bot, people.advisor, valid(), 'same-form');
    const second = await submit(bot, people.advisor, valid(), 'same-form');
    assert.equal(countRows(bot, 'SELECT COUNT(*) AS n FROM requests'), 1);
    assert.equal(first.match(/n° (\d{4}-\d{6})/)?.[1], second.match(/n° (\d{4}-\d{6})/)?.[1]);
  });

  it('refuses people outside the directory, DT agents and other tenants, and logs without personal data', async () => {
    assert.match(
      await command(bot, people.stranger, 'demande CIR'),
      /ne figurez pas dans l'annuaire/,
    );
    assert.match(
      await command(bot, people.dt1, 'demande CIR'),
      /rôle dans l'annuaire ne permet pas/,
    );
    assert.match(await submit(bot, people.stranger, valid()), /ne figurez pas dans l'annuaire/);
    assert.match(await submit(bot, people.dt1, valid()), /rôle dans l'annuaire ne permet pas/);
    const wrongTenant = { ...people.advisor, tenantId: '44444444-4444-4444-8444-444444444444' };
    assert.match(await submit(bot, wrongTenant, valid()), /n'appartient pas à l'organisation/);
    assert.equal(countRows(bot, 'SELECT COUNT(*) AS n FROM requests'), 0);
    const refusals = bot.logs.filter((l) => l.msg === 'refused');
    assert.ok(refusals.length >= 5);
    assert.ok(
      refusals.every(
        (l) =>
          !JSON.stringify(l).includes('Nguyen') && !JSON.stringify(l).includes('CIR-2026/0042'),
      ),
    );
  });

  it('refuses a DT the advisor is not in partnership with', async () => {
    assert.match(
      await submit(bot, people.advisor, { ...valid(), dtId: 'dt-grenoble' }),
      /Choisissez une valeur de la liste/,
    );
    assert.equal(countRows(bot, 'SELECT COUNT(*) AS n FROM requests'), 0);
  });
});

describe('tenant allow-list', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { ALLOWED_TENANTS: '11111111-1111-4111-8111-111111111111' } });
  });
  after(async () => {
    await bot.stop();
  });

  it('refuses a tenant that is not on ALLOWED_TENANTS', async () => {
    assert.match(
      await command(bot, people.advisor, 'demande CIR'),
      /organisation n'est pas autorisée/,
    );
    assert.match(await submit(bot, people.advisor, valid()), /organisation n'est pas autorisée/);
    assert.ok(bot.logs.some((l) => l.code === 'E_TENANT_NOT_ALLOWED'));
  });
});

describe('flow 2 refusals and races', () => {
  let bot: TestBot;
  let requestId: string;
  const answer = (extra: Record<string, unknown> = {}) => ({
    requestId,
    positionnementLinguistique: 'A2_ATTEINT',
    prescriptionInitiale: 'DISPENSE',
    heuresFL: 0,
    journeesFC: 0,
    cardVersion: 1,
    ...extra,
  });

  beforeEach(async () => {
    bot = await startTestBot();
    await submit(bot, people.advisor, valid(), 'form-x');
    const db = new Database(bot.sqliteFile, { readonly: true });
    requestId = (db.prepare('SELECT id FROM requests').get() as { id: string }).id;
    db.close();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const answerAs = async (p: Persona, data: Record<string, unknown>) =>
    JSON.stringify(
      (
        await post(
          bot.url,
          invokeActivity(p, bot.serviceUrl, 'demande.repondre', data, 'dt-card', inPersonal(p)),
        )
      ).body.value,
    );

  it('refuses an answer from a DT the request was not routed to, and from an ML advisor', async () => {
    assert.match(
      await answerAs(people.otherDt, answer()),
      /pas adressée à votre direction territoriale/,
    );
    assert.match(
      await answerAs(people.advisor, answer()),
      /pas adressée à votre direction territoriale/,
    );
    assert.equal(
      countRows(bot, "SELECT COUNT(*) AS n FROM requests WHERE status = 'completee'"),
      0,
    );
  });

  it('re-renders the DT card with French messages for wrong values and refuses extra fields', async () => {
    const card = await answerAs(
      people.dt1,
      answer({ heuresFL: 661, journeesFC: 'deux', prescriptionInitiale: 'FL_999' }),
    );
    assert.match(card, /Valeur hors des limites/);
    assert.match(card, /Nombre entier attendu/);
    assert.match(card, /Choisissez une valeur de la liste/);
    assert.match(
      await answerAs(people.dt1, answer({ commentaire: 'texte libre' })),
      /non autorisés par le DPO \(commentaire\)/,
    );
    assert.equal(
      countRows(bot, "SELECT COUNT(*) AS n FROM requests WHERE status = 'completee'"),
      0,
    );
  });

  it('tells a second correspondent who answered first, and a double click changes nothing', async () => {
    await answerAs(people.dt1, answer());
    const again = await answerAs(people.dt1, answer({ heuresFL: 300 }));
    assert.ok(!again.includes('Déjà traitée'), 'the same person sees the summary');
    const second = await answerAs(people.dt2, answer({ heuresFL: 50 }));
    assert.match(second, /Déjà traitée par Camille Martin le/);
    const db = new Database(bot.sqliteFile, { readonly: true });
    const row = db.prepare('SELECT heures_fl, answered_by FROM requests').get() as {
      heures_fl: number;
      answered_by: string;
    };
    db.close();
    assert.deepEqual(row, { heures_fl: 0, answered_by: people.dt1.aadObjectId });
  });

  it('lets only one of two concurrent answers win', async () => {
    const [a, b] = await Promise.all([
      answerAs(people.dt1, answer({ heuresFL: 10 })),
      answerAs(people.dt2, answer({ heuresFL: 20 })),
    ]);
    assert.equal([a, b].filter((c) => c.includes('Déjà traitée')).length, 1);
    assert.equal(
      countRows(bot, "SELECT COUNT(*) AS n FROM request_events WHERE kind = 'answered'"),
      1,
    );
  });
});

describe('personal chats', () => {
  it('keeps the advisor chat reference for notifications', async () => {
    const bot = await startTestBot();
    try {
      await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'aide'));
      const ref = await bot.app.store.references.get('user', people.advisor.aadObjectId);
      assert.equal((ref?.conversation as { id: string }).id, personalChat(people.advisor));
    } finally {
      await bot.stop();
    }
  });
});

describe('/suivi', () => {
  it('finds a request by number or n° CIR for its two structures only', async () => {
    const bot = await startTestBot();
    try {
      const card = await submit(bot, people.advisor, valid(), 'form-suivi');
      const number = card.match(/n° (\d{4}-\d{6})/)![1];
      assert.match(
        await command(bot, people.advisor, `/suivi ${number}`),
        new RegExp(`Demande CIR n° ${number}`),
      );
      assert.match(
        await command(bot, people.dt1, `suivi cir-2026/0042`),
        new RegExp(`Demande CIR n° ${number}`),
      );
      const outsider = await command(bot, people.otherDt, `suivi ${number}`);
      assert.match(outsider, /Demande introuvable/);
      // Without an argument, `suivi` lists the structure's open items (issue 13 §7).
      assert.match(await command(bot, people.advisor, 'suivi'), /Dossiers en cours/);
      assert.ok(
        !(await command(bot, people.advisor, `/suivi ${number}`)).includes('Nguyen'),
        'the card stays neutral',
      );
    } finally {
      await bot.stop();
    }
  });
});
