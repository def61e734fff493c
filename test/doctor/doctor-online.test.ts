/**
 * `npm run doctor -- --online` (issue 17 §2): a Bot Framework token from the bot's tenant and
 * the OpenID keys, against local stand-ins; each failure names its step.
 */
import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HOME,
  doctor,
  failsOnly,
  good,
  passes,
  setUpPlace,
  tearDownPlace,
} from '../helpers/doctor';
import { OpenIdStandIn } from '../helpers/openid-stand-in';

describe('npm run doctor -- --online', function () {
  this.timeout(120_000);
  before(setUpPlace);
  after(tearDownPlace);

  const openId = new OpenIdStandIn();
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  const asked: string[] = [];
  const login = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += String(d)));
    req.on('end', () => {
      asked.push(`${req.url} ${body}`);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  const online = () => ({
    PASSERELLE_TEST_LOGIN_URL: `http://127.0.0.1:${(login.address() as AddressInfo).port}`,
    PASSERELLE_TEST_OPENID_URL: openId.metadataUrl,
  });
  before(async () => {
    await openId.start();
    await new Promise<void>((r) => login.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    await openId.stop();
    login.closeAllConnections();
    await new Promise<void>((r) => login.close(() => r()));
  });

  it('fetches a token from the home tenant and the OpenID keys', async () => {
    answer = { status: 200, body: { access_token: 'eyJ0eXAi', expires_in: 3599 } };
    const run = await doctor({ ...good(), ...online() }, { args: ['--online'] });
    passes(run, ['bot-token', 'openid-metadata']);
    const request = asked.at(-1) ?? '';
    assert.match(request, new RegExp(`^/${HOME}/oauth2/v2.0/token `));
    assert.match(request, /scope=https%3A%2F%2Fapi\.botframework\.com%2F\.default/);
  });

  it('names the refused step and what the AADSTS code means', async () => {
    answer = {
      status: 401,
      body: {
        error: 'invalid_client',
        error_codes: [7000215],
        error_description: 'AADSTS7000215: x',
      },
    };
    const run = await doctor({ ...good(), ...online() }, { args: ['--online'] });
    failsOnly(run, 'bot-token', /step 2\/2, token refused by tenant 11111111.*wrong client secret/);
    assert.ok(!run.out.includes('a-client-secret-value'), 'no secret printed');
  });

  it('names the metadata step that failed', async () => {
    answer = { status: 200, body: { access_token: 'eyJ0eXAi', expires_in: 3599 } };
    const run = await doctor(
      {
        ...good(),
        ...online(),
        PASSERELLE_TEST_OPENID_URL: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration',
      },
      { args: ['--online'] },
    );
    failsOnly(run, 'openid-metadata', /step 1\/2, metadata, reach http:\/\/127\.0\.0\.1:1/);
  });
});
