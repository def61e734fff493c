import { strict as assert } from 'node:assert';
import { ConfigError, describeConfig, loadConfig } from '../src/config';

const local = { PASSERELLE_LOCAL: '1' };

describe('the national table’s configuration', () => {
  it('has defaults: 15-minute links used 3 times, a 10-minute password window, 5 MiB and 5,000 rows, no Graph', () => {
    assert.deepEqual(loadConfig(local).tableau, {
      downloadTtlMinutes: 15, downloadMaxUses: 3, passwordRevealMinutes: 10, importMaxBytes: 5 * 1024 * 1024, importMaxRows: 5000, graph: null,
    });
  });

  it('reports every bad value by name', () => {
    assert.throws(
      () => loadConfig({ ...local, DOWNLOAD_TTL_MINUTES: 'quinze', DOWNLOAD_MAX_USES: '0', PASSWORD_REVEAL_MINUTES: '-1', IMPORT_MAX_BYTES: '1e6', IMPORT_MAX_ROWS: '1000000', GRAPH_ENABLED: 'oui' }),
      (err: unknown) => {
        const names = err instanceof ConfigError ? err.problems.map((p) => p.split(':')[0]) : [];
        return ['DOWNLOAD_TTL_MINUTES', 'DOWNLOAD_MAX_USES', 'PASSWORD_REVEAL_MINUTES', 'IMPORT_MAX_BYTES', 'IMPORT_MAX_ROWS', 'GRAPH_ENABLED'].every((n) => names.includes(n));
      },
    );
  });

  it('needs Graph credentials with GRAPH_ENABLED=1, the bot’s own by default, and never logs the secret', () => {
    assert.throws(() => loadConfig({ ...local, GRAPH_ENABLED: '1' }), (err: unknown) =>
      err instanceof ConfigError && err.problems.some((p) => p.startsWith('GRAPH_CLIENT_ID')) && err.problems.some((p) => p.startsWith('GRAPH_CLIENT_SECRET')));
    const own = loadConfig({ MicrosoftAppId: '0d6b1f3e-0000-4000-8000-000000000001', MicrosoftAppPassword: 'bot-secret', GRAPH_ENABLED: '1' });
    assert.deepEqual(own.tableau.graph, { tenantId: null, clientId: '0d6b1f3e-0000-4000-8000-000000000001', clientSecret: 'bot-secret', managedIdentity: false });
    const msi = loadConfig({ MicrosoftAppId: '0d6b1f3e-0000-4000-8000-000000000001', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '11111111-1111-4111-8111-111111111111', GRAPH_ENABLED: '1' });
    assert.equal(msi.tableau.graph?.managedIdentity, true);
    assert.ok(!JSON.stringify(describeConfig(own)).includes('bot-secret'));
  });
});
