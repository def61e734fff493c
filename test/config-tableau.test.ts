import { strict as assert } from 'node:assert';
import { ConfigError, describeConfig, loadConfig } from '../src/config';

const local = { PASSERELLE_LOCAL: '1' };

describe('the national table’s configuration', () => {
  it('has defaults: 15-minute links used 3 times, a 10-minute password window, 5,000 rows, 512 MiB workers, no Graph', () => {
    assert.deepEqual(loadConfig(local).tableau, {
      downloadTtlMinutes: 15,
      downloadMaxUses: 3,
      passwordRevealMinutes: 10,
      importMaxRows: 5000,
      workerMaxHeapMb: 512,
      graph: null,
    });
  });

  it('gives each kind of upload its limits: a 5 MiB table inflating to 8 MiB at most, a 2 MiB directory file, a 2 MiB offer PDF', () => {
    const MiB = 1024 * 1024;
    assert.deepEqual(loadConfig(local).uploads, {
      nationalTable: {
        maxBytes: 5 * MiB,
        unzip: { maxEntries: 1000, maxEntryBytes: 8 * MiB, maxTotalBytes: 8 * MiB },
      },
      directoryFile: { maxBytes: 2 * MiB },
      offerSheet: { maxBytes: 2 * MiB },
    });
    const set = loadConfig({
      ...local,
      IMPORT_MAX_BYTES: '1000',
      IMPORT_MAX_UNZIPPED_BYTES: '8000',
      DIRECTORY_IMPORT_MAX_BYTES: '500',
      OFFER_PDF_MAX_BYTES: '700',
    }).uploads;
    assert.deepEqual(
      [
        set.nationalTable.maxBytes,
        set.nationalTable.unzip?.maxTotalBytes,
        set.directoryFile.maxBytes,
        set.offerSheet.maxBytes,
      ],
      [1000, 8000, 500, 700],
    );
    assert.throws(
      () =>
        loadConfig({
          ...local,
          IMPORT_MAX_UNZIPPED_BYTES: '60 Mo',
          DIRECTORY_IMPORT_MAX_BYTES: '0',
          FILE_WORKER_MAX_HEAP_MB: 'beaucoup',
        }),
      (err: unknown) => {
        const names = err instanceof ConfigError ? err.problems.map((p) => p.split(':')[0]) : [];
        return [
          'IMPORT_MAX_UNZIPPED_BYTES',
          'DIRECTORY_IMPORT_MAX_BYTES',
          'FILE_WORKER_MAX_HEAP_MB',
        ].every((n) => names.includes(n));
      },
    );
  });

  it('reports every bad value by name', () => {
    assert.throws(
      () =>
        loadConfig({
          ...local,
          DOWNLOAD_TTL_MINUTES: 'quinze',
          DOWNLOAD_MAX_USES: '0',
          PASSWORD_REVEAL_MINUTES: '-1',
          IMPORT_MAX_BYTES: '1e6',
          IMPORT_MAX_ROWS: '1000000',
          GRAPH_ENABLED: 'oui',
        }),
      (err: unknown) => {
        const names = err instanceof ConfigError ? err.problems.map((p) => p.split(':')[0]) : [];
        return [
          'DOWNLOAD_TTL_MINUTES',
          'DOWNLOAD_MAX_USES',
          'PASSWORD_REVEAL_MINUTES',
          'IMPORT_MAX_BYTES',
          'IMPORT_MAX_ROWS',
          'GRAPH_ENABLED',
        ].every((n) => names.includes(n));
      },
    );
  });

  it('needs Graph credentials with GRAPH_ENABLED=1, the bot’s own by default, and never logs the secret', () => {
    assert.throws(
      () => loadConfig({ ...local, GRAPH_ENABLED: '1' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith('GRAPH_CLIENT_ID')) &&
        err.problems.some((p) => p.startsWith('GRAPH_CLIENT_SECRET')),
    );
    const own = loadConfig({
      MicrosoftAppId: '0d6b1f3e-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'bot-secret',
      ALLOWED_TENANTS: '*',
      GRAPH_ENABLED: '1',
    });
    assert.deepEqual(own.tableau.graph, {
      tenantId: null,
      clientId: '0d6b1f3e-0000-4000-8000-000000000001',
      clientSecret: 'bot-secret',
      managedIdentity: false,
    });
    const msi = loadConfig({
      MicrosoftAppId: '0d6b1f3e-0000-4000-8000-000000000001',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '11111111-1111-4111-8111-111111111111',
      ALLOWED_TENANTS: '11111111-1111-4111-8111-111111111111',
      GRAPH_ENABLED: '1',
    });
    assert.equal(msi.tableau.graph?.managedIdentity, true);
    assert.ok(!JSON.stringify(describeConfig(own)).includes('bot-secret'));
  });
});
