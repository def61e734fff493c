/**
 * Graceful shutdown (issue 16 §4), through the real entry point: requests received before
 * SIGTERM are all answered and stored, new connections are refused, no outbox row stays
 * claimed, and the process exits 0. "In flight" is made certain, not timed: each request's
 * headers and half its body are sent before the signal, the rest after the bot said it stops.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { birthDateForAge, FIXTURE_DIRECTORY } from '../helpers/app';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { invokeActivity, messageActivity, people, post } from '../helpers/teams';

const ROOT = join(__dirname, '..', '..');
const IN_FLIGHT = 60;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** One raw HTTP/1.1 request, sent in two halves; resolves with the status line's code. */
function halfSent(
  port: number,
  body: string,
): { socket: Socket; rest(): void; status: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  const head = `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const raw = Buffer.from(body);
  const cut = Math.floor(raw.length / 2);
  socket.write(head);
  socket.write(raw.subarray(0, cut));
  let received = '';
  const status = new Promise<number>((resolve, reject) => {
    socket.on('data', (d) => {
      received += String(d);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (m && received.includes('\r\n\r\n')) resolve(Number(m[1]));
    });
    socket.on('error', reject);
    socket.on('close', () =>
      reject(new Error(`closed before an answer: ${received.slice(0, 80)}`)),
    );
  });
  return { socket, rest: () => socket.write(raw.subarray(cut)), status };
}

describe('graceful shutdown on SIGTERM', () => {
  let dir: string;
  let connector: ConnectorStandIn;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-shutdown-'));
    connector = new ConnectorStandIn();
    await connector.start();
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers and stores every request received before the signal, then exits 0', async () => {
    const port = await freePort();
    const sqlite = join(dir, 'db.sqlite');
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PASSERELLE_LOCAL: '1',
        PORT: String(port),
        SQLITE_FILE: sqlite,
        DIRECTORY_FILE: FIXTURE_DIRECTORY,
        LOG_LEVEL: 'debug',
        // The national accord-cadre's default end (2025-02-28) would refuse the submits.
        ACCORD_CADRE_END_DATE: '2099-12-31',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    const waiting: (() => void)[] = [];
    proc.stdout!.on('data', (d) => {
      out += String(d);
      for (const w of waiting.splice(0)) w();
    });
    /** Resolves once the bot's log satisfies `test` (checked at each new output). */
    const said = (test: (log: string) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (test(out) ? resolve() : waiting.push(check));
        check();
      });
    const count = (re: RegExp) => (out.match(re) ?? []).length;
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    await said((log) => /listening on/.test(log));
    const url = `http://127.0.0.1:${port}`;
    for (const p of [people.advisor, people.dt1, people.dt2])
      assert.equal((await post(url, messageActivity(p, connector.url, 'aide'))).status, 200);

    const requests = Array.from({ length: IN_FLIGHT }, (_, i) =>
      halfSent(
        port,
        JSON.stringify(
          invokeActivity(
            people.advisor,
            connector.url,
            'demande.creer',
            {
              civilite: 'M.',
              nom: 'Kaya',
              prenom: 'Emre',
              dateNaissance: birthDateForAge(20),
              numeroCir: `SHUT${1000 + i}`,
              dtId: 'dt-lyon',
              cardVersion: 1,
            },
            `form-${i}`,
          ),
        ),
      ),
    );
    // Each request's headers have been read: the bot logs every request it receives.
    await said(() => count(/http: request received/g) >= 3 + IN_FLIGHT);

    proc.kill('SIGTERM');
    await said((log) => /shutting down/.test(log));
    await assert.rejects(
      fetch(`${url}/healthz`),
      'a new connection is refused once the shutdown began',
    );
    for (const r of requests) r.rest();
    const statuses = await Promise.all(
      requests.map((r) => r.status.catch((e: Error) => e.message)),
    );
    assert.deepEqual(
      statuses,
      requests.map(() => 200),
    );
    assert.equal(await exited, 0, out);

    const db = new Database(sqlite, { readonly: true });
    try {
      const stored = db
        .prepare("SELECT count(*) AS n FROM requests WHERE numero_cir LIKE 'SHUT%'")
        .get() as { n: number };
      assert.equal(stored.n, IN_FLIGHT, 'every answered submit is stored');
      const claimed = db
        .prepare(
          "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND claimed_until IS NOT NULL",
        )
        .get() as { n: number };
      assert.equal(claimed.n, 0, 'no outbox row is left claimed');
    } finally {
      db.close();
    }
  });
});
