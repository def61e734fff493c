import { strict as assert } from 'node:assert';
import {
  authorizeDownload,
  createDownloadLinks,
  downloadHeaders,
  type DownloadUseStore,
} from '../../src/files/download-links';

const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes!';
const NOW = new Date('2026-05-01T10:00:00Z');
const minutes = (n: number): Date => new Date(NOW.getTime() + n * 60_000);

/** An in-memory stand-in for the storage's use counter. */
function useStore(maxUses: number): DownloadUseStore & { uses: Map<string, number> } {
  const uses = new Map<string, number>();
  return {
    uses,
    async consume(fileId) {
      const used = uses.get(fileId) ?? 0;
      if (used >= maxUses) return 'exhausted';
      uses.set(fileId, used + 1);
      return 'ok';
    },
  };
}

describe('Signed download links', () => {
  const links = createDownloadLinks({ secret: SECRET });

  it('lets the requester download the file for 15 minutes', () => {
    const { token, expiresAt } = links.sign('export_01HZX', NOW);
    assert.equal(expiresAt.toISOString(), '2026-05-01T10:15:00.000Z');
    assert.match(token, /^[A-Za-z0-9_.-]+$/, 'safe in a URL as is');
    assert.deepEqual(links.verify(token, minutes(14)), {
      ok: true,
      fileId: 'export_01HZX',
      expiresAt,
    });
  });

  it('refuses an expired link', () => {
    const { token } = links.sign('export_01HZX', NOW);
    assert.deepEqual(links.verify(token, minutes(15)), { ok: false, reason: 'expired' });
    const short = createDownloadLinks({ secret: SECRET, ttlMs: 60_000 });
    assert.deepEqual(short.verify(short.sign('f1', NOW).token, minutes(2)), {
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a link whose file, expiry or signature was changed', () => {
    const { token } = links.sign('export_01HZX', NOW);
    const [fileId, expiry, mac] = token.split('.');
    const later = (parseInt(expiry, 36) + 3600).toString(36);
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    for (const forged of [
      `export_01HZY.${expiry}.${mac}`,
      `${fileId}.${later}.${mac}`,
      `${fileId}.${expiry}.${flipped}`,
      `${fileId}.${expiry}`,
      `${token}.x`,
      '',
      '../../etc/passwd',
    ]) {
      assert.deepEqual(links.verify(forged, minutes(1)), { ok: false, reason: 'tampered' }, forged);
    }
  });

  it('refuses another base64 spelling of the same signature (the last character has spare bits)', () => {
    const { token } = links.sign('export_01HZX', NOW);
    const [fileId, expiry, mac] = token.split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 32 bytes → 43 characters: the last one carries 4 bits of the MAC and 2 spare bits.
    const last = alphabet.indexOf(mac.at(-1)!);
    const twin = mac.slice(0, -1) + alphabet[last ^ 1];
    assert.deepEqual(Buffer.from(twin, 'base64url'), Buffer.from(mac, 'base64url'), 'same bytes');
    assert.deepEqual(links.verify(`${fileId}.${expiry}.${twin}`, minutes(1)), {
      ok: false,
      reason: 'tampered',
    });
  });

  it('refuses a link signed with another secret, even an expired one, as tampered', () => {
    const other = createDownloadLinks({ secret: 'another-secret-of-at-least-thirty-two-bytes' });
    const { token } = other.sign('export_01HZX', NOW);
    assert.deepEqual(links.verify(token, minutes(60)), { ok: false, reason: 'tampered' });
  });

  it('refuses a secret too short to be safe and file ids that would not fit a URL', () => {
    assert.throws(() => createDownloadLinks({ secret: 'court' }), RangeError);
    assert.throws(() => links.sign('../fichier', NOW), RangeError);
  });

  it('answers 403 for a forged link and 410 for an expired or over-used one', async () => {
    const store = useStore(2);
    const { token } = links.sign('export_01HZX', NOW);
    assert.deepEqual(await authorizeDownload(links, store, token, minutes(1)), {
      ok: true,
      fileId: 'export_01HZX',
    });
    assert.deepEqual(await authorizeDownload(links, store, token, minutes(2)), {
      ok: true,
      fileId: 'export_01HZX',
    });
    assert.deepEqual(await authorizeDownload(links, store, token, minutes(3)), {
      ok: false,
      reason: 'exhausted',
      status: 410,
    });
    assert.deepEqual(await authorizeDownload(links, store, token, minutes(20)), {
      ok: false,
      reason: 'expired',
      status: 410,
    });
    assert.deepEqual(await authorizeDownload(links, store, `${token}x`, minutes(1)), {
      ok: false,
      reason: 'tampered',
      status: 403,
    });
    assert.equal(store.uses.get('export_01HZX'), 2, 'refused links consume nothing');
  });

  it('serves the file as an attachment that no cache keeps', () => {
    const headers = downloadHeaders('tableau-cir_ml-villeurbanne_2026.xlsx', 1234);
    assert.equal(
      headers['Content-Disposition'],
      'attachment; filename="tableau-cir_ml-villeurbanne_2026.xlsx"; filename*=UTF-8\'\'tableau-cir_ml-villeurbanne_2026.xlsx',
    );
    assert.match(headers['Cache-Control'], /no-store/);
    assert.equal(headers['Content-Length'], '1234');
    assert.equal(
      downloadHeaders('tableau "é".xlsx', 1)['Content-Disposition'],
      'attachment; filename="tableau ___.xlsx"; filename*=UTF-8\'\'tableau%20%22%C3%A9%22.xlsx',
    );
    assert.match(
      downloadHeaders("l'export (1).xlsx", 1)['Content-Disposition'],
      /filename\*=UTF-8''l%27export%20%281%29\.xlsx$/,
    );
  });
});
