import assert from 'node:assert/strict';
import { ws1AccessDefects, type Ws1AccessDefect } from '../src/sim/ws1-access/defects.js';
import { ws1AccessControls as controls, type Ws1AccessControl as Control } from './controls/ws1-access.js';
import { inBackground } from './support/background.js';
import { diagnosisPattern } from './support/diagnoses.js';
import { run } from './support/run.js';
import { SCOPED_ENV, scopedTenant, startScopedSimulator } from './support/scoped.js';

/** Runs that meet a defect at once (see inBackground). */
const CONCURRENT_RUNS = 3;

interface Outcome {
  result: Awaited<ReturnType<typeof run>>;
  leftAsFound: boolean;
}

async function meet(defect: Ws1AccessDefect, { folders, exitCode = 1, profile }: Control): Promise<Outcome> {
  // A profile with every optional flow, against a tenant set up for it, so that every check can run.
  const sim = await startScopedSimulator({ defects: [defect] });
  const ids = () =>
    JSON.stringify(
      (['users', 'groups', 'clients', 'directories'] as const).map((kind) => [...sim.state[kind].keys()].sort()),
    );
  const before = ids();
  try {
    // A request that never gets an answer ends the run at its deadline; any other answer is no race against one.
    const result = await run(scopedTenant(profile), {
      baseUrl: sim.url,
      folders,
      env: SCOPED_ENV,
      ...(exitCode === 2 ? { limits: { timeoutRequestMs: 3000 } } : {}),
    });
    return { result, leftAsFound: ids() === before };
  } finally {
    await sim.close();
  }
}

describe('negative controls: a simulator broken on purpose makes the run fail, naming the check', () => {
  let outcome: (defect: Ws1AccessDefect) => Promise<Outcome>;
  before(() => {
    const defects = Object.keys(controls) as Ws1AccessDefect[];
    outcome = inBackground(defects, (defect) => meet(defect, controls[defect]), CONCURRENT_RUNS);
  });

  for (const [defect, { family, caughtBy, cleansUp, exitCode = 1, diagnosis }] of Object.entries(controls)) {
    it(`${family}: ${ws1AccessDefects[defect as Ws1AccessDefect]}`, async () => {
      const { result, leftAsFound } = await outcome(defect as Ws1AccessDefect);
      assert.equal(result.exitCode, exitCode, `exit code with ${defect}`);
      for (const check of caughtBy) {
        assert.ok(
          result.failedChecks.includes(check),
          `"${check}" did not fail; failures: ${result.failedChecks.join('; ')}`,
        );
        assert.ok(result.output.includes(`${check}: `), `the summary does not name "${check}"`);
      }
      if (diagnosis) {
        const failure = result.totals.failures.find((f) => f.check === diagnosis.check);
        assert.match(failure?.message ?? '', await diagnosisPattern('ws1-access', diagnosis.id), diagnosis.check);
      }
      if (cleansUp) assert.ok(leftAsFound, 'clean-up');
    });
  }
});
