/**
 * The doctor's checks as functions (issue 17 §2): the credential combinations botbuilder
 * accepts, and what a deployment after July 2025 should be warned about.
 */
import { strict as assert } from 'node:assert';
import { redactUrl } from '../../src/doctor/data-checks';
import { checkCredentials, checkGraph } from '../../src/doctor/env-checks';
import { exitCode, formatReport } from '../../src/doctor/report';

const ID = '1b2c3d4e-0000-4000-8000-00000000b071';
const TENANT = '11111111-1111-4111-8111-111111111111';

describe('the doctor, check by check', () => {
  it('accepts SingleTenant with a secret and its tenant', () => {
    const r = checkCredentials({
      MicrosoftAppId: ID,
      MicrosoftAppPassword: 's',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
    });
    assert.equal(r.status, 'ok');
    assert.match(r.detail, new RegExp(`tokens from tenant ${TENANT}`));
    assert.ok(!r.detail.includes(': s'), 'no secret');
  });

  it('accepts UserAssignedMSI without a password, and warns when one is given', () => {
    const msi = {
      MicrosoftAppId: ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT,
    };
    assert.equal(checkCredentials(msi).status, 'ok');
    const withPassword = checkCredentials({ ...msi, MicrosoftAppPassword: 'x' });
    assert.equal(withPassword.status, 'warn');
    assert.match(withPassword.detail, /ignored with UserAssignedMSI/);
    assert.equal(checkCredentials({ ...msi, MicrosoftAppTenantId: '' }).status, 'error');
  });

  it('warns that a MultiTenant bot can only be one created before 31 July 2025', () => {
    const unset = checkCredentials({ MicrosoftAppId: ID, MicrosoftAppPassword: 's' });
    assert.equal(unset.status, 'warn');
    assert.match(unset.detail, /MicrosoftAppType is not set, so MultiTenant.*31 July 2025/);
    const explicit = checkCredentials({
      MicrosoftAppId: ID,
      MicrosoftAppPassword: 's',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: TENANT,
    });
    assert.match(explicit.detail, /before 31 July 2025.*MicrosoftAppTenantId is ignored/);
  });

  it('refuses an unknown type and an app id that is not a GUID, even together', () => {
    const r = checkCredentials({
      MicrosoftAppId: 'passerelle',
      MicrosoftAppPassword: 's',
      MicrosoftAppType: 'Multitenant',
    });
    assert.equal(r.status, 'error');
    assert.match(r.detail, /"Multitenant" is not one of/);
    assert.match(r.detail, /expected a GUID, got "passerelle"/);
  });

  it('does not ask for credentials in local mode', () => {
    assert.equal(checkCredentials({ PASSERELLE_LOCAL: '1' }).status, 'ok');
  });

  it("warns that Graph through the bot's managed identity stays in its own tenant", () => {
    const r = checkGraph({
      GRAPH_ENABLED: '1',
      MicrosoftAppId: ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT,
    });
    assert.equal(r.status, 'warn');
    assert.match(r.detail, /own tenant only/);
  });

  it('prints a database URL without its password', () => {
    assert.equal(
      redactUrl('postgres://bot:s3cret@db.example.org:5432/passerelle'),
      'postgres://bot@db.example.org:5432/passerelle',
    );
  });

  it('prints one line per check and a summary, exit 1 on any error only', () => {
    const results = [
      { name: 'credentials', status: 'ok' as const, detail: 'fine' },
      { name: 'graph', status: 'warn' as const, detail: 'hm' },
    ];
    assert.deepEqual(formatReport(results), [
      'OK    credentials  fine',
      'WARN  graph        hm',
      '0 errors, 1 warning, 2 checks',
    ]);
    assert.equal(exitCode(results), 0);
    assert.equal(exitCode([...results, { name: 'tenants', status: 'error', detail: 'x' }]), 1);
  });
});
