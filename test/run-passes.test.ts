import assert from 'node:assert/strict';
import { passChannel } from '../src/run/newman-pass.js';
import { startWs1AccessSimulator, type RunningWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { run, simTenant, USER_FOLDERS } from './support/run.js';
import { ADMIN } from './support/sim.js';

const CLEAN_UP = 'Clean up';

/** The folders of every Newman pass started while `work` runs. */
async function passesOf(work: () => Promise<unknown>): Promise<string[][]> {
  const passes: string[][] = [];
  const count = (message: unknown) => passes.push([...((message as { folders?: string[] }).folders ?? [])]);
  passChannel.subscribe(count);
  try {
    await work();
  } finally {
    passChannel.unsubscribe(count);
  }
  return passes;
}

describe('Newman passes: one when the run ends normally, a clean-up pass of its own only after it ends early', () => {
  let sim: RunningWs1AccessSimulator;
  afterEach(() => sim.close());

  it('a run that ends normally cleans up in its one pass', async () => {
    sim = await startWs1AccessSimulator({ adminClient: ADMIN });
    const before = sim.state.users.size;
    let exitCode: number | undefined;
    const passes = await passesOf(async () => {
      ({ exitCode } = await run(simTenant(), { baseUrl: sim.url, folders: USER_FOLDERS }));
    });
    assert.equal(exitCode, 0);
    assert.equal(passes.length, 1);
    assert.equal(passes[0]!.at(-1), CLEAN_UP);
    assert.equal(sim.state.users.size, before, 'the users it created are deleted');
  });

  it('a run stopped by --bail cleans up in a second pass, the clean-up folder alone', async () => {
    sim = await startWs1AccessSimulator({ adminClient: ADMIN, defects: ['patch-ignored'] });
    const before = sim.state.users.size;
    let exitCode: number | undefined;
    const passes = await passesOf(async () => {
      ({ exitCode } = await run(simTenant(), { baseUrl: sim.url, folders: USER_FOLDERS, limits: { bail: true } }));
    });
    assert.equal(exitCode, 1);
    assert.equal(passes.length, 2);
    assert.deepEqual(passes[1], [CLEAN_UP]);
    assert.equal(sim.state.users.size, before, 'the users it created are deleted');
  });
});
