/**
 * Property-based probes of everything a client can send (issue 11): verbs, commands and
 * sub-commands named after Object.prototype's properties or drawn at random, card data of any
 * shape, and raw HTTP with odd headers and encodings. Whatever is sent: never a 5xx (but
 * botbuilder's 501 for an invoke it does not implement), the process stays up, no answer, sent
 * activity or log line carries a configured secret, and a refused input stores nothing.
 *
 * PROPERTY_RUNS scales the run (default 1: about 10,000 cases); PROPERTY_RUNS=10 for the long run.
 */
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import fc from 'fast-check';
import { startTestBot, type TestBot } from '../helpers/app';
import { invokeActivity, messageActivity, people, type Persona } from '../helpers/teams';
import { verbs } from '../../src/teams/verbs';
import { parseActivity } from '../../src/http/activity-shape';
import { parseCommand } from '../../src/teams/commands';
import { leakedSecrets, sentinelEnv } from './sentinels';
import { rowCounts } from './row-counts';

const SCALE = Math.max(1, Number(process.env.PROPERTY_RUNS ?? 1));
const PROTO = Object.getOwnPropertyNames(Object.prototype);
const OUTSIDE_TENANT = '44444444-4444-4444-8444-444444444444';
const outsider: Persona = {
  ...people.stranger,
  tenantId: OUTSIDE_TENANT,
  aadObjectId: '99999999-0000-4000-8000-0000000000ee',
};
/** People whose input is always refused: nothing they send may be stored. */
const refusedPeople = [people.stranger, outsider, { ...people.advisor, tenantId: OUTSIDE_TENANT }];
const COMMAND_WORDS = [
  'demande',
  'suivi',
  'tableau',
  'annuaire',
  'comite',
  'bilan',
  'aide',
  'liaison',
  'offres',
  'partenariat',
];
const SUBS = [
  'ajouter',
  'admin',
  'boite',
  'canal',
  'detacher',
  'export',
  'import',
  'journal',
  'CIR',
];

let cases = 0;

/** A name a user could send where the bot expects a verb, command, sub-command or key. */
const hostileName = fc.oneof(
  fc.constantFrom(...PROTO, '__proto__', 'prototype', 'constructor.prototype', 'hasOwnProperty'),
  fc.constantFrom(...verbs.keys()),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** Card data of any shape: prototype names as keys, deep nesting, wrong types, oversized values. */
const hostileData: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 30 }),
    fc.nat({ max: 3 }).map((n) => 'é\u0301x'.repeat(700 * (n + 1))),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileName, tie('value'), { maxKeys: 5 }),
  ),
})).value;

const flowData = fc.record(
  {
    civilite: hostileData,
    nom: hostileData,
    prenom: hostileData,
    dateNaissance: hostileData,
    numeroCir: hostileData,
    dtId: hostileData,
    requestId: hostileData,
    page: hostileData,
    offset: hostileData,
    committeeId: hostileData,
  },
  { requiredKeys: [] },
);

/** A JSON POST on a kept-alive socket; the answer's status and text. */
async function send(
  bot: TestBot,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

function assertClean(status: number, text: string, what: string): void {
  cases += 1;
  assert.ok(status < 500 || status === 501, `${what}: ${status} ${text.slice(0, 200)}`);
  assert.deepEqual(leakedSecrets(text), [], what);
}

describe('property-based probes of everything a client can send (issue 11)', function () {
  this.timeout(600_000);
  let bot: TestBot;
  let baseline: Record<string, number>;
  const expanderCheck = process.env.CARD_EXPANDER_CHECK;

  before(async () => {
    // Card expansion is compared with the library's by the card tests; here it would only slow the
    // probes.
    process.env.CARD_EXPANDER_CHECK = '0';
    bot = await startTestBot({
      env: {
        ...sentinelEnv(),
        ALLOWED_TENANTS: `${people.advisor.tenantId},${people.dt1.tenantId}`,
      },
      overrides: { channelUploader: null },
    });
    // The members' own chats are remembered once (legitimately); after that nothing may change.
    for (const p of [people.advisor, people.dt1])
      await send(bot, JSON.stringify(messageActivity(p, bot.serviceUrl, 'aide')));
    baseline = rowCounts(bot.sqliteFile);
  });

  after(async () => {
    process.env.CARD_EXPANDER_CHECK = expanderCheck;
    const seen = JSON.stringify(bot.connector.recorded) + JSON.stringify(bot.logs);
    await bot.stop();
    console.log(`      property cases run: ${cases} (PROPERTY_RUNS=${SCALE})`);
    assert.deepEqual(leakedSecrets(seen), [], 'no sent activity or log line carries a secret');
  });

  it('parses any text into a known command or none, never a name inherited from Object.prototype', () => {
    const known = new Set(COMMAND_WORDS);
    fc.assert(
      fc.property(
        fc.oneof(hostileName, fc.constantFrom(...COMMAND_WORDS)),
        fc.string({ maxLength: 60 }),
        (word, rest) => {
          cases += 1;
          const parsed = parseCommand(`${word} ${rest}`);
          assert.ok(parsed.name === null || known.has(parsed.name), String(parsed.name));
          assert.equal(typeof parsed.args, 'string');
        },
      ),
      { numRuns: 4_000 * SCALE },
    );
  });

  it('finds no verb for a name the verb table does not hold', () => {
    const known = new Set(['demande.creer', 'demande.voir', 'demande.repondre']);
    fc.assert(
      fc.property(hostileName, (name) => {
        cases += 1;
        if (PROTO.includes(name) || name === '__proto__')
          assert.equal(verbs.get(name), undefined, name);
        if (verbs.has(name)) assert.equal(typeof verbs.get(name)?.run, 'function');
        if (known.has(name)) assert.ok(verbs.has(name));
      }),
      { numRuns: 2_000 * SCALE },
    );
  });

  it('sorts any JSON body into an activity or a reason, without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(hostileName, hostileData)), (body) => {
        cases += 1;
        const parsed = parseActivity(structuredClone(body));
        assert.ok('activity' in parsed || typeof parsed.reason === 'string');
      }),
      { numRuns: 2_500 * SCALE },
    );
  });

  it('answers any verb with any data, from anyone, with a card and no secret', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileName,
        flowData,
        fc.constantFrom(...refusedPeople, people.advisor, people.dt1),
        async (verb, data, p) => {
          const res = await send(
            bot,
            JSON.stringify(
              invokeActivity(p, bot.serviceUrl, verb, data as Record<string, unknown>, 'card-1'),
            ),
          );
          assertClean(res.status, res.text, `verb ${verb}`);
          assert.equal(res.status, 200, res.text.slice(0, 200));
          assert.equal(JSON.parse(res.text).value?.type, 'AdaptiveCard');
        },
      ),
      { numRuns: 800 * SCALE },
    );
  });

  it('answers any command and sub-command from a refused person, storing nothing', async () => {
    const word = fc.oneof(fc.constantFrom(...COMMAND_WORDS, ...PROTO), hostileName);
    const sub = fc.oneof(fc.constantFrom(...SUBS, ...PROTO), fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        word,
        sub,
        fc.string({ maxLength: 40 }),
        fc.constantFrom(...refusedPeople),
        async (slash, w, s, rest, p) => {
          const res = await send(
            bot,
            JSON.stringify(
              messageActivity(p, bot.serviceUrl, `${slash ? '/' : ''}${w} ${s} ${rest}`),
            ),
          );
          assertClean(res.status, res.text, `command ${w} ${s}`);
        },
      ),
      { numRuns: 600 * SCALE },
    );
    assert.deepEqual(rowCounts(bot.sqliteFile), baseline, 'nothing stored for refused input');
  });

  it('answers raw HTTP of any shape, header and encoding without a 5xx, and stays up', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
      'application/xml',
    );
    const encoding = fc.constantFrom(
      undefined,
      'gzip',
      'deflate',
      'br',
      'identity',
      'gzip, gzip',
      'x-unknown',
    );
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.dictionary(hostileName, hostileData).map((v) => JSON.stringify({ type: 'message', ...v })),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(contentType, encoding, body, async (ct, enc, b) => {
        const headers: Record<string, string> = {};
        if (ct) headers['content-type'] = ct;
        if (enc) headers['content-encoding'] = enc;
        const res = await send(bot, b, headers);
        assertClean(res.status, res.text, `raw ${ct} ${enc}`);
      }),
      { numRuns: 600 * SCALE },
    );
    const oversized = await send(
      bot,
      JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }),
    );
    assert.equal(oversized.status, 413);
    cases += 1;
    // Odd framing: a declared length the body does not have, and a chunked body cut short.
    for (const raw of [
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"a"',
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n',
    ]) {
      await rawSocket(bot, raw);
      cases += 1;
    }
    const health = await fetch(`${bot.url}/healthz`);
    assert.equal(health.status, 200, 'the process is still up');
    assert.deepEqual(rowCounts(bot.sqliteFile), baseline, 'nothing stored');
  });
});

/** Writes bytes on a socket and closes it after a short wait for any answer. */
function rawSocket(bot: TestBot, raw: string): Promise<void> {
  const url = new URL(bot.url);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(raw);
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}
