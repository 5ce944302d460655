import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { timed, type Benchmark } from './harness.js';
import { main } from '../src/cli/main.js';

/**
 * Generation (issue 13): `scimkit generate --no-examples` of PROFILES profiles, run in this process through the
 * CLI's main (profiles loaded and checked, collections rendered, each profile's files written as it is rendered),
 * against JSON.stringify and a plain write of the very files it writes. Both sides run in this process, after a
 * warm-up, so neither pays for starting Node or loading modules; the one-time work of a process (reading and
 * compiling the templates) is in the warm-up. The profiles are the examples under distinct names, a new set for
 * each run, so that what depends on a tenant is rendered anew each time, as in a process of its own.
 */

const PROFILES = Number(process.env.GENERATION_PROFILES ?? 200);
const EXAMPLES = 'tenants/examples';
const RUNS = 5;
const WARMUPS = 1;

let root = '';
let sets: string[] = [];
let used = 0;
/** The files the subject wrote for a set of profiles, as values: what the baseline stringifies and writes. */
let files: { relative: string; value: unknown }[] = [];

const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function generate(profiles: string, out: string): Promise<void> {
  const code = await main(['generate', '--tenant', profiles, '--out', out, '--no-examples'], {
    stdout: silent(),
    stderr: silent(),
    env: {},
  });
  if (code !== 0) throw new Error(`generate exited ${code}`);
}

/** PROFILES profiles: the examples in turn, each named `<example>-<set>-<n>`. */
async function writeProfiles(set: number): Promise<string> {
  const dir = path.join(root, `profiles-${set}`);
  await mkdir(dir);
  const examples = (await readdir(EXAMPLES)).filter((file) => file.endsWith('.yaml')).sort();
  const texts = await Promise.all(examples.map((file) => readFile(path.join(EXAMPLES, file), 'utf8')));
  for (let n = 0; n < PROFILES; n += 1) {
    const text = texts[n % texts.length]!;
    const name = `${/^name: (.*)$/m.exec(text)![1]}-${set}-${n}`;
    await writeFile(path.join(dir, `${name}.yaml`), text.replace(/^name: .*$/m, `name: ${name}`));
  }
  return dir;
}

async function filesUnder(dir: string): Promise<{ relative: string; value: unknown }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const found = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return Promise.all(
    found.sort().map(async (file) => ({
      relative: path.relative(dir, file),
      value: JSON.parse(await readFile(file, 'utf8')) as unknown,
    })),
  );
}

export const generation: Benchmark = {
  name: 'generation',
  unit: 'ms',
  runs: RUNS,
  warmups: WARMUPS,
  target: { ratio: 2, better: 'lower' },
  reproduce: 'npm run bench -- --only generation   (GENERATION_PROFILES=N for another count)',
  async setUp() {
    root = await mkdtemp(path.join(tmpdir(), 'scimkit-bench-generation-'));
    // One set of profiles per measured generate, and one for the files the baseline writes.
    sets = [];
    for (let set = 0; set <= WARMUPS + RUNS; set += 1) sets.push(await writeProfiles(set));
    const sample = path.join(root, 'sample');
    await generate(sets.pop()!, sample);
    files = await filesUnder(sample);
    await rm(sample, { recursive: true });
    used = 0;
  },
  async tearDown() {
    await rm(root, { recursive: true, force: true });
  },
  baseline: {
    label: `JSON.stringify + write of ${PROFILES} profiles' files`,
    async measure() {
      const out = path.join(root, 'baseline');
      await rm(out, { recursive: true, force: true });
      return timed(async () => {
        for (const file of files) {
          const target = path.join(out, file.relative);
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, `${JSON.stringify(file.value, null, 2)}\n`);
        }
      });
    },
  },
  subject: {
    label: `generate --no-examples of ${PROFILES} profiles`,
    async measure() {
      const out = path.join(root, 'subject');
      await rm(out, { recursive: true, force: true });
      const profiles = sets[used++]!;
      return timed(() => generate(profiles, out));
    },
  },
};
