import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { parseCommand } from '../../src/teams/commands';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';
import { buildAppPackage, PackageError, PACKAGE_FILES } from '../../scripts/package-app';
import { buildWeb } from '../../scripts/build-web';
import { startTestBot, type TestBot } from '../helpers/app';

const ROOT = join(__dirname, '..', '..');
const APP = join(ROOT, 'appPackage');

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  description: { short: string; full: string };
  developer: { name: string; privacyUrl: string; termsOfUseUrl: string };
  localizationInfo: { defaultLanguageTag: string };
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    commandLists: { scopes: string[]; commands: Command[] }[];
  }[];
  staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[]; context: string[] }[];
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
}

const manifestText = readFileSync(join(APP, 'manifest.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;

/** The URLs Teams opens: pinned static tabs and the team tab's configuration page. */
function pinnedTabUrls(): string[] {
  return [
    ...manifest.staticTabs.flatMap((t) => (t.contentUrl ? [t.contentUrl] : [])),
    ...manifest.configurableTabs.map((t) => t.configurationUrl),
  ];
}

/** DESIGN.md §4: every command the bot understands, as the command menu shows it. */
const DESIGN_COMMANDS = [
  'demande CIR',
  'suivi',
  'tableau',
  'annuaire',
  'comite',
  'bilan',
  'aide',
  'offres',
  'partenariat',
  'liaison',
];

/**
 * Decodes an 8-bit RGBA, non-interlaced PNG (all five row filters), independently of the encoder.
 */
function decodePng(png: Buffer): {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  rgba: Uint8Array;
} {
  assert.deepEqual(
    [...png.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    'PNG signature',
  );
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  assert.ok(header, 'IHDR chunk');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8];
  const colorType = header[9];
  assert.equal(header[12], 0, 'not interlaced');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? rgba[y * stride + x - 4] : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      assert.notEqual(predictor, undefined, `row filter ${filter}`);
      rgba[y * stride + x] = (v + predictor) & 255;
    }
  }
  return { width, height, colorType, bitDepth, rgba };
}

describe('the Teams app package', () => {
  describe('manifest.json', () => {
    it('is on a public manifest schema, 1.19 or later, whose URL matches manifestVersion', () => {
      const [major, minor] = manifest.manifestVersion.split('.').map(Number);
      assert.ok(major === 1 && minor >= 19, manifest.manifestVersion);
      assert.equal(
        manifest.$schema,
        `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
      );
    });

    it('names the app in French, within the schema lengths, with French as default language', () => {
      assert.equal(manifest.name.short, 'Passerelle CIR');
      assert.ok(manifest.name.short.length <= 30 && (manifest.name.full ?? '').length <= 100);
      assert.ok(
        manifest.description.short.length <= 80,
        `description.short: ${manifest.description.short.length}`,
      );
      assert.ok(manifest.description.full.length <= 4000);
      assert.ok(manifest.developer.name.length <= 32);
      assert.equal(manifest.localizationInfo.defaultLanguageTag, 'fr-FR');
    });

    it('declares one bot, its id a placeholder filled at packaging, in personal, team and group chat, accepting files (table and directory imports)', () => {
      assert.equal(manifest.bots.length, 1);
      const [bot] = manifest.bots;
      assert.equal(bot.botId, '${{BOT_ID}}');
      assert.equal(manifest.id, '${{BOT_ID}}');
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.supportsFiles, true);
    });

    it('lists every DESIGN §4 command, in French and within the limits, for each scope', () => {
      const lists = manifest.bots[0].commandLists;
      assert.deepEqual(lists.flatMap((l) => l.scopes).sort(), ['groupChat', 'personal', 'team']);
      for (const list of lists) {
        assert.deepEqual(
          list.commands.map((c) => c.title),
          DESIGN_COMMANDS,
          `scopes ${list.scopes.join(',')}`,
        );
        assert.ok(list.commands.length <= 10);
        for (const c of list.commands) {
          assert.ok(c.title.length <= 32, c.title);
          assert.ok(c.description.length <= 128, `${c.title}: ${c.description.length} characters`);
          assert.match(
            c.description,
            /[àâçéèêîôûœ]|\b(la|le|les|une?|des|du|de|et|pour|votre|leur)\b/i,
            c.description,
          );
        }
      }
    });

    it('only lists commands that the bot understands, and all of them', () => {
      const names = DESIGN_COMMANDS.map((title) => parseCommand(title).name);
      assert.ok(
        names.every((n) => n !== null),
        JSON.stringify(names),
      );
      assert.equal(new Set(names).size, DESIGN_COMMANDS.length);
    });

    it('pins its tabs on the public URL, trusts only the public host, and names the SSO resource', () => {
      const pinned = manifest.staticTabs.filter((t) => t.contentUrl);
      assert.deepEqual(
        pinned.map((t) => t.entityId),
        ['mes-demandes', 'annuaire'],
      );
      for (const url of pinnedTabUrls()) assert.match(url, /^\$\{\{PUBLIC_URL\}\}\/tab\//);
      // The existing entries stay: the bot's chat and the About tab.
      assert.deepEqual(
        manifest.staticTabs.filter((t) => !t.contentUrl).map((t) => t.entityId),
        ['conversations', 'about'],
      );
      assert.deepEqual(manifest.validDomains, ['${{PUBLIC_HOST}}']);
      assert.deepEqual(manifest.webApplicationInfo, {
        id: '${{BOT_ID}}',
        resource: 'api://${{PUBLIC_HOST}}/${{BOT_ID}}',
      });
      assert.deepEqual(
        manifest.configurableTabs.map((t) => [t.scopes, t.context]),
        [[['team'], ['channelTab']]],
      );
    });

    describe('every pinned tab', () => {
      let webDir: string;
      let bot: TestBot;
      before(async function () {
        this.timeout(60_000);
        webDir = mkdtempSync(join(tmpdir(), 'passerelle-web-'));
        await buildWeb({ outDir: webDir });
        bot = await startTestBot({ overrides: { webDir } });
      });
      after(async () => {
        await bot?.stop();
        rmSync(webDir, { recursive: true, force: true });
      });

      it('is served by the running bot as an HTML page (static tabs and the configuration page)', async () => {
        const urls = pinnedTabUrls();
        assert.equal(urls.length, 3);
        for (const url of urls) {
          const res = await fetch(url.replace('${{PUBLIC_URL}}', bot.url));
          assert.equal(res.status, 200, url);
          assert.match(res.headers.get('content-type') ?? '', /^text\/html/, url);
          assert.match(await res.text(), /<html lang="fr"/, url);
        }
      });
    });

    it('uses no placeholder that the package script does not fill', () => {
      const names = new Set(
        [...manifestText.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1]),
      );
      assert.deepEqual([...names].sort(), ['BOT_ID', 'PUBLIC_HOST', 'PUBLIC_URL']);
    });
  });

  describe('icons', () => {
    const color = decodePng(readFileSync(join(APP, manifest.icons.color)));
    const outline = decodePng(readFileSync(join(APP, manifest.icons.outline)));

    it('are 8-bit RGBA PNGs of 192×192 (colour) and 32×32 (outline), as their IHDR says', () => {
      assert.deepEqual(
        [color.width, color.height, color.bitDepth, color.colorType],
        [192, 192, 8, 6],
      );
      assert.deepEqual(
        [outline.width, outline.height, outline.bitDepth, outline.colorType],
        [32, 32, 8, 6],
      );
    });

    it('draw the outline in white only, on a transparent background', () => {
      let opaque = 0;
      for (let i = 0; i < outline.rgba.length; i += 4) {
        const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
        if (a > 0) assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is not white`);
        if (a === 255) opaque++;
      }
      for (const corner of [0, 31, 32 * 31, 32 * 32 - 1])
        assert.equal(outline.rgba[corner * 4 + 3], 0, `corner ${corner}`);
      assert.ok(opaque > 50, 'the outline draws something');
    });

    it('give the colour icon an opaque background', () => {
      for (let i = 3; i < color.rgba.length; i += 4) assert.equal(color.rgba[i], 255);
    });

    it('are what scripts/make-icons.ts draws (re-run it after changing the design)', () => {
      assert.deepEqual(decodePng(renderColorIcon()).rgba, color.rgba);
      assert.deepEqual(decodePng(renderOutlineIcon()).rgba, outline.rgba);
    });
  });

  describe('npm run package', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'passerelle-package-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      MicrosoftAppId: '6b1f3c2e-4d5a-4e6f-8a9b-0c1d2e3f4a5b',
      PUBLIC_URL: 'https://passerelle.example.org/',
    };

    it('zips exactly manifest.json, color.png and outline.png, with the bot id and public host filled in', async () => {
      const outFile = join(dir, 'app.zip');
      await buildAppPackage({ env, allowPlaceholder: false, outFile });
      const zip = await JSZip.loadAsync(readFileSync(outFile));
      assert.deepEqual(Object.keys(zip.files).sort(), [...PACKAGE_FILES].sort());
      const packed = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
      assert.equal(packed.id, env.MicrosoftAppId);
      assert.equal(packed.bots[0].botId, env.MicrosoftAppId);
      assert.deepEqual(packed.validDomains, ['passerelle.example.org']);
      assert.equal(packed.developer.privacyUrl, 'https://passerelle.example.org/confidentialite');
      assert.deepEqual(packed.webApplicationInfo, {
        id: env.MicrosoftAppId,
        resource: `api://passerelle.example.org/${env.MicrosoftAppId}`,
      });
      assert.equal(
        packed.staticTabs.find((t) => t.entityId === 'mes-demandes')?.contentUrl,
        'https://passerelle.example.org/tab/mes-demandes',
      );
      assert.doesNotMatch(JSON.stringify(packed), /\$\{\{/);
      for (const icon of ['color.png', 'outline.png']) {
        assert.deepEqual(
          await zip.file(icon)!.async('nodebuffer'),
          readFileSync(join(APP, icon)),
          icon,
        );
      }
    });

    it('refuses to build without MicrosoftAppId and PUBLIC_URL, naming both, unless placeholders are allowed', async () => {
      const outFile = join(dir, 'app.zip');
      await assert.rejects(
        buildAppPackage({ env: {}, allowPlaceholder: false, outFile }),
        (err: unknown) => {
          assert.ok(err instanceof PackageError);
          assert.match(err.message, /MicrosoftAppId/);
          assert.match(err.message, /PUBLIC_URL/);
          return true;
        },
      );
      const result = await buildAppPackage({ env: {}, allowPlaceholder: true, outFile });
      assert.equal(result.placeholders.length, 2);
    });

    it('refuses a PUBLIC_URL that is not https, since Teams only loads tabs over https', async () => {
      await assert.rejects(
        buildAppPackage({
          env: { ...env, PUBLIC_URL: 'http://127.0.0.1:3978' },
          allowPlaceholder: true,
          outFile: join(dir, 'x.zip'),
        }),
        /https/,
      );
    });

    it('runs from the command line, exiting non-zero with the reason when a value is missing', () => {
      const run = (extra: Record<string, string>) =>
        // Run from an empty directory, so that a developer's .env cannot change the outcome.
        spawnSync(
          process.execPath,
          [
            '--import',
            pathToFileURL(require.resolve('tsx')).href,
            join(ROOT, 'scripts', 'package-app.ts'),
            '--out',
            join(dir, 'cli.zip'),
          ],
          {
            cwd: dir,
            env: { PATH: process.env.PATH ?? '', ...extra },
            encoding: 'utf8',
          },
        );
      const missing = run({});
      assert.equal(missing.status, 1, missing.stderr);
      assert.match(missing.stderr, /MicrosoftAppId is not set/);
      const ok = run(env);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /passerelle\.example\.org/);
    });
  });
});
