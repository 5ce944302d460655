import assert from 'node:assert/strict';
import { loadDiagnoses } from '../src/render/diagnoses.js';
import type { Ws1AccessOptions } from '../src/sim/ws1-access/context.js';
import { startWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import type { Ws1AccessTenant } from '../src/targets/index.js';
import { ws1AccessControls } from './controls/ws1-access.js';
import { diagnosisPattern } from './support/diagnoses.js';
import { run, simTenant, USER_FOLDERS } from './support/run.js';
import { ADMIN } from './support/sim.js';

/**
 * Every documented failure of templates/ws1-access/diagnoses.yaml, met by a run: the failed check names its cause and
 * its fix. Those a simulator defect reproduces are proven with its negative control (controls/ws1-access.ts,
 * `diagnosis`); these need a tenant set up otherwise, or a profile.
 */
interface Scenario {
  /** The tenant as the admin left it. */
  tenant?: Omit<Ws1AccessOptions, 'defects'>;
  profile?: Partial<Ws1AccessTenant>;
  /** A setup run sends the profile's own directory name and domain, which a tenant set up so already holds. */
  mode?: 'setup';
  folders: string[];
  check: string;
  /** A SHOULD check: a warning, and the run passes. */
  warns?: true;
}

const CREATE_USER = 'User lifecycle / Create the user in the Other directory / no documented provisioning error';

const scenarios: Record<string, Scenario> = {
  'distinguished-name-required': {
    tenant: { requiredUserAttributes: ['distinguishedName'] },
    folders: USER_FOLDERS,
    check: CREATE_USER,
  },
  // The Troubleshooting's "It is possible that the domain was used for Just-in-Time (JIT) users".
  'user-creation-not-supported': {
    tenant: { directories: [{ name: 'Okta JIT users', type: 'JIT_DIRECTORY', domains: ['OKTA.COM'] }] },
    mode: 'setup',
    folders: USER_FOLDERS,
    check: CREATE_USER,
  },
  // The profile's directory exists, with a domain other than the one Okta's domain attribute sends.
  'domain-not-in-directory': {
    tenant: { directories: [{ name: 'Okta Universal Directory', type: 'OTHER_DIRECTORY', domains: ['okta.old'] }] },
    mode: 'setup',
    folders: USER_FOLDERS,
    check: CREATE_USER,
  },
  'base-url-workspaceoneaccess': {
    profile: { baseUrl: 'https://acme.workspaceoneaccess.com' },
    folders: ['OAuth 2.0 client for Okta', 'Okta bearer token', 'Test API credentials'],
    check: 'Test API credentials / List users as Okta does / the Base URL fits the Okta app',
    warns: true,
  },
};

describe('diagnoses: a documented failure makes the failed check name its cause and its fix', () => {
  it('has a test for every documented failure: a scenario here, or a negative control', async () => {
    const controlled = Object.values(ws1AccessControls).flatMap((c) => (c.diagnosis ? [c.diagnosis.id] : []));
    const tested = [...Object.keys(scenarios), ...controlled].sort();
    assert.deepEqual([...new Set(tested)], Object.keys(await loadDiagnoses('ws1-access')).sort());
  });

  for (const [id, scenario] of Object.entries(scenarios)) {
    it(`${id}: ${scenario.check}`, async () => {
      const sim = await startWs1AccessSimulator({ adminClient: ADMIN, ws1Access: scenario.tenant ?? {} });
      try {
        const setUp = scenario.mode === 'setup';
        // A set-up run creates the Okta client with a secret it can hand over: the variable the profile names.
        const okta = { clientId: 'OktaSCIM', accessTokenTTL: 1576800, secretEnv: 'ACME_OKTA_SECRET' };
        const result = await run(simTenant({ ...(setUp ? { oktaClient: okta } : {}), ...scenario.profile }), {
          baseUrl: sim.url,
          folders: scenario.folders,
          ...(setUp
            ? {
                mode: 'setup',
                env: { ACME_ADMIN_SECRET: ADMIN.secret, ACME_OKTA_SECRET: 'okta-client-secret-0123456789' },
              }
            : {}),
        });
        const { failures, warnings } = result.totals;
        const found = (scenario.warns ? warnings : failures).find((f) => f.check === scenario.check);
        assert.ok(found, `"${scenario.check}" did not ${scenario.warns ? 'warn' : 'fail'}:\n${result.output}`);
        assert.match(found.message, await diagnosisPattern('ws1-access', id));
        assert.equal(result.exitCode, scenario.warns ? 0 : 1);
      } finally {
        await sim.close();
      }
    });
  }

  it('no warning of the Base URL for a tenant on vmwareidentity.com', async () => {
    const sim = await startWs1AccessSimulator({ adminClient: ADMIN });
    try {
      const result = await run(simTenant(), {
        baseUrl: sim.url,
        folders: scenarios['base-url-workspaceoneaccess']!.folders,
      });
      assert.equal(result.exitCode, 0, result.output);
      assert.deepEqual(result.totals.warnings, []);
    } finally {
      await sim.close();
    }
  });
});
