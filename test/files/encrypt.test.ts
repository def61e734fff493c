import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as CFB from 'cfb';
import officeCrypto from 'officecrypto-tool';
import { decrypt, encrypt, isEncrypted } from '../../src/files/encrypt';
import { buildNationalTable } from '../../src/files/national-table';
import { exportInfo, findMsoffcrypto, sampleRows } from './fixtures';

const PASSWORD = 'Kx7dRwq3HtmP9cAe4gLy';

describe('Encryption of the national table with an open password', function () {
  this.timeout(60_000);
  let plain: Buffer;
  let encrypted: Buffer;
  let dir: string;

  before(async () => {
    plain = await buildNationalTable(sampleRows(300), exportInfo);
    encrypted = encrypt(plain, PASSWORD);
    dir = mkdtempSync(join(tmpdir(), 'passerelle-encrypt-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back exactly the same workbook with the right password', async () => {
    assert.ok(isEncrypted(encrypted));
    assert.ok(!isEncrypted(plain));
    assert.ok((await decrypt(encrypted, PASSWORD)).equals(plain));
  });

  it('refuses a wrong password', async () => {
    await assert.rejects(decrypt(encrypted, 'Kx7dRwq3HtmP9cAe4gLY'), {
      code: 'E_IMPORT_BAD_PASSWORD',
    });
  });

  it('announces agile encryption with AES-256, SHA-512 and 100,000 rounds, as Excel writes it', () => {
    const cfb = CFB.read(encrypted, { type: 'buffer' });
    const info = Buffer.from(CFB.find(cfb, '/EncryptionInfo')!.content);
    assert.deepEqual([...info.subarray(0, 8)], [4, 0, 4, 0, 0x40, 0, 0, 0]);
    const xml = info.subarray(8).toString('utf8');
    assert.match(
      xml,
      /<keyData [^>]*keyBits="256"[^>]*cipherAlgorithm="AES"[^>]*cipherChaining="ChainingModeCBC"[^>]*hashAlgorithm="SHA512"/,
    );
    assert.match(
      xml,
      /<p:encryptedKey spinCount="100000"[^>]*keyBits="256"[^>]*hashAlgorithm="SHA512"/,
    );
    assert.match(xml, /<dataIntegrity encryptedHmacKey="[^"]+" encryptedHmacValue="[^"]+"\/>/);
  });

  it('carries the DataSpaces streams Excel expects beside the encrypted package', () => {
    const cfb = CFB.read(encrypted, { type: 'buffer' });
    const version = Buffer.from(CFB.find(cfb, '/\u0006DataSpaces/Version')!.content);
    assert.equal(version.readUInt32LE(0), 60);
    assert.equal(version.subarray(4, 64).toString('utf16le'), 'Microsoft.Container.DataSpaces');
    const map = Buffer.from(CFB.find(cfb, '/\u0006DataSpaces/DataSpaceMap')!.content);
    assert.equal(map.length, 112);
    assert.equal(map.readUInt32LE(8), 104);
    assert.ok(CFB.find(cfb, '/\u0006DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace'));
    const primary = Buffer.from(
      CFB.find(cfb, '/\u0006DataSpaces/TransformInfo/StrongEncryptionTransform/\u0006Primary')!
        .content,
    );
    assert.equal(primary.readUInt32LE(0), 0x58);
    assert.equal(primary.length, 200);
  });

  it('is readable by another implementation (officecrypto-tool), and reads what it writes', async () => {
    const theirs = await officeCrypto.decrypt(encrypted, { password: PASSWORD });
    assert.ok(Buffer.from(theirs).equals(plain));
    const fromThem = officeCrypto.encrypt(plain, { password: PASSWORD });
    assert.ok((await decrypt(fromThem, PASSWORD)).equals(plain));
  });

  it('reads the older "standard" encryption through officecrypto-tool', async () => {
    const standard = officeCrypto.encrypt(plain, { password: PASSWORD, type: 'standard' });
    assert.ok((await decrypt(standard, PASSWORD)).equals(plain));
    await assert.rejects(decrypt(standard, 'mauvais'), { code: 'E_IMPORT_BAD_PASSWORD' });
  });

  it('refuses a file whose encrypted content was altered (integrity HMAC)', async () => {
    const cfb = CFB.read(encrypted, { type: 'buffer' });
    const pkg = CFB.find(cfb, '/EncryptedPackage')!;
    const altered = Buffer.from(pkg.content);
    altered[100] ^= 0xff;
    CFB.utils.cfb_add(cfb, '/EncryptedPackage', altered);
    const file = Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
    await assert.rejects(decrypt(file, PASSWORD), { code: 'E_IMPORT_CORRUPTED' });
  });

  it("is decrypted by Debian's msoffcrypto-tool, an independent implementation, integrity included", function () {
    const tool = findMsoffcrypto();
    if ('missing' in tool) {
      if (process.env.CI) assert.fail(`${tool.missing}: this check is required in CI`);
      console.log(`      skipped: ${tool.missing}`);
      this.skip();
    }
    const input = join(dir, 'tableau.xlsx');
    const output = join(dir, 'clair.xlsx');
    writeFileSync(input, encrypted);
    const run = spawnSync(tool.cli, ['-p', PASSWORD, input, output], { encoding: 'utf8' });
    assert.equal(run.status, 0, `msoffcrypto-tool failed: ${run.stderr}`);
    assert.ok(readFileSync(output).equals(plain));

    const wrong = spawnSync(tool.cli, ['-p', 'mauvais-mot-de-passe', input, join(dir, 'x.xlsx')], {
      encoding: 'utf8',
    });
    assert.notEqual(wrong.status, 0, 'a wrong password fails there too');

    if (tool.python) {
      const script = [
        'import io, sys, msoffcrypto',
        'f = msoffcrypto.OfficeFile(open(sys.argv[1], "rb"))',
        'f.load_key(password=sys.argv[2], verify_password=True)',
        'out = io.BytesIO()',
        'f.decrypt(out, verify_integrity=True)',
        'print(len(out.getvalue()))',
      ].join('\n');
      const checked = spawnSync(tool.python, ['-c', script, input, PASSWORD], { encoding: 'utf8' });
      assert.equal(checked.status, 0, `integrity check failed: ${checked.stderr}`);
      assert.equal(Number(checked.stdout.trim()), plain.length);
    }
  });

  it('does not take a legacy or random file for an encrypted workbook', () => {
    assert.ok(!isEncrypted(Buffer.from('PK\u0003\u0004 not really a zip')));
    assert.ok(!isEncrypted(Buffer.alloc(600, 7)));
    const legacy = CFB.utils.cfb_new();
    CFB.utils.cfb_add(legacy, 'Workbook', Buffer.alloc(64));
    assert.ok(!isEncrypted(Buffer.from(CFB.write(legacy, { type: 'buffer' }) as Uint8Array)));
  });
});
