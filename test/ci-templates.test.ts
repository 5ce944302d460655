import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { REPORTER_NAMES } from '../src/report/types.js';
import { scimkit } from './support/cli.js';

const TEMPLATES = [
  'examples/ci/github-actions.yml',
  'examples/ci/gitlab-ci.yml',
  'examples/ci/github-actions-fleet.yml',
];

/** The keys whose values are shell: GitHub's `run`, GitLab's `script`, `before_script` and `after_script`. */
const SHELL_KEYS = new Set(['run', 'script', 'before_script', 'after_script']);

/** Every shell text in a parsed CI file (GitLab's scripts are lists, possibly nested). */
function shellTexts(node: unknown, key = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => shellTexts(item, key));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => shellTexts(v, k));
  return typeof node === 'string' && SHELL_KEYS.has(key) ? [node] : [];
}

/**
 * The words of each command in a shell text: enough shell for CI lines (quotes, comments, continued lines,
 * `;`, `&&`, `||`, `|`), with each CI expression (`${{ matrix.tenant }}`) and variable (`$TENANT`) standing as x.
 */
function commands(text: string): string[][] {
  const source = text
    .replace(/\\\n/g, ' ')
    .replace(/\$\{\{.*?\}\}/g, 'x')
    .replace(/\$\{?\w+\}?/g, 'x');
  const found: string[][] = [[]];
  for (const [, double, single, operator, comment, word] of source.matchAll(
    /"((?:[^"\\]|\\.)*)"|'([^']*)'|(&&|\|\||[;|\n])|(#.*)|([^\s"';|&]+)/g,
  )) {
    if (comment !== undefined) continue;
    if (operator !== undefined) found.push([]);
    else found.at(-1)!.push(double ?? single ?? word!);
  }
  return found;
}

/** The arguments of each `scimkit ...` (or `npx scimkit ...`) in a CI file. */
async function scimkitInvocations(file: string): Promise<string[][]> {
  const texts = shellTexts(parse(await readFile(file, 'utf8')));
  return texts.flatMap(commands).flatMap((words) => {
    const at = words.indexOf('scimkit');
    return at < 0 ? [] : [words.slice(at + 1)];
  });
}

const MISSING_ENV_FILE = path.join(tmpdir(), `scimkit-ci-templates-${process.pid}`, 'missing.env');

/**
 * What the CLI's own parser says of a command line, without running the command: yargs checks the command and
 * every flag (strict), then runs the middleware that reads --dotenv before the handler; a --dotenv file that does
 * not exist stops it there. Undefined when the command line is one scimkit accepts.
 */
async function parserRefusal(args: string[]): Promise<string | undefined> {
  const result = await scimkit([...args, '--dotenv', MISSING_ENV_FILE]);
  const accepted = `scimkit: --dotenv: cannot read ${MISSING_ENV_FILE} `;
  return result.code === 2 && result.stderr.startsWith(accepted) && !result.stdout ? undefined : result.stderr.trim();
}

/** The reporters a run's command line names (`--reporters a,b`, `--reporter a`, `-r a`, or with `=`). */
function reportersOf(args: string[]): string[] {
  return args
    .flatMap((arg, i) => {
      const inline = /^--reporters?=(.*)$/.exec(arg)?.[1];
      if (inline !== undefined) return [inline];
      return ['--reporters', '--reporter', '-r'].includes(arg) ? [args[i + 1] ?? ''] : [];
    })
    .flatMap((list) => list.split(','))
    .map((name) => name.trim());
}

/** The --report-dir of the file's first `scimkit run`, where its JUnit and HTML reports are to be found. */
async function reportDirOf(file: string): Promise<string> {
  const run = (await scimkitInvocations(file)).find((args) => args[0] === 'run') ?? [];
  const dir = run[run.indexOf('--report-dir') + 1];
  assert.ok(run.includes('--report-dir') && dir, `${file}: scimkit run names its --report-dir`);
  return dir;
}

describe('CI templates', () => {
  for (const file of TEMPLATES) {
    describe(file, () => {
      it('uses only commands and flags the CLI has', async () => {
        const invocations = await scimkitInvocations(file);
        assert.ok(invocations.length > 0, `${file} runs no scimkit command`);
        for (const args of invocations) {
          assert.ok(!args.includes('--dotenv'), 'secrets come from the CI secret store, not from a --dotenv file');
          // A CI expression (x) as the shard's index, `--shard ${{ matrix.shard }}/3`, stands for its first value.
          const parsed = args.map((arg, i) => (args[i - 1] === '--shard' ? arg.replace(/^x\//, '1/') : arg));
          assert.equal(await parserRefusal(parsed), undefined, `${file}: scimkit ${args.join(' ')}`);
        }
      });

      it('names reporters that exist, JUnit and HTML among them', async () => {
        const runs = (await scimkitInvocations(file)).filter((args) => args[0] === 'run');
        assert.ok(runs.length > 0, `${file} has no scimkit run`);
        for (const args of runs) {
          const reporters = reportersOf(args);
          for (const name of reporters)
            assert.ok((REPORTER_NAMES as readonly string[]).includes(name), `unknown reporter ${name}`);
          assert.ok(reporters.includes('junit') && reporters.includes('html'), reporters.join(','));
        }
      });
    });
  }

  it('GitHub Actions: nightly and on demand, JUnit as a check and the reports as an artifact, even after a failure', async () => {
    const workflow = parse(await readFile(TEMPLATES[0]!, 'utf8'));
    assert.ok(workflow.on.schedule?.[0]?.cron, 'a schedule');
    assert.ok('workflow_dispatch' in workflow.on, 'a manual trigger');
    const job = workflow.jobs.verify;
    assert.ok(job.strategy.matrix.tenant.length > 0, 'tenants in a matrix');
    const steps: { uses?: string; run?: string; if?: string; with?: Record<string, string> }[] = job.steps;
    const run = steps.findIndex((step) => step.run?.includes('scimkit run'));
    assert.ok(run >= 0, 'a step runs scimkit run');
    const reportDir = await reportDirOf(TEMPLATES[0]!);
    const junit = steps.find((step) => step.uses?.startsWith('mikepenz/action-junit-report@'));
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    assert.match(junit?.with?.report_paths ?? '', new RegExp(`^${reportDir}/.*\\.junit\\.xml$`));
    assert.match(upload?.with?.path ?? '', new RegExp(`^${reportDir}/$`, 'm'));
    for (const step of steps.slice(run + 1)) assert.equal(step.if, 'always()', `${step.uses} runs after a failure`);
  });

  it('GitHub Actions fleet: the matrix lists every shard from 1 to the N of --shard, each reporting apart', async () => {
    const file = TEMPLATES[2]!;
    const workflow = parse(await readFile(file, 'utf8'));
    const job = workflow.jobs.verify;
    const [run] = (await scimkitInvocations(file)).filter((args) => args[0] === 'run');
    const shard = run?.[run.indexOf('--shard') + 1] ?? '';
    const count = Number(/^x\/(\d+)$/.exec(shard)?.[1]);
    assert.ok(count > 1, `--shard ${shard} takes the matrix's shard over a number of shards`);
    assert.deepEqual(
      job.strategy.matrix.shard,
      Array.from({ length: count }, (_, i) => i + 1),
    );
    assert.equal(job.strategy['fail-fast'], false);
    const steps: { uses?: string; with?: Record<string, string> }[] = job.steps;
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    assert.match(upload?.with?.name ?? '', /\$\{\{ matrix\.shard \}\}/, 'an artifact per shard');
  });

  it('GitLab CI: JUnit in artifacts:reports:junit and the reports kept, even after a failure', async () => {
    const pipeline = parse(await readFile(TEMPLATES[1]!, 'utf8'));
    const reportDir = await reportDirOf(TEMPLATES[1]!);
    const { artifacts } = pipeline.scimkit;
    assert.equal(artifacts.when, 'always');
    assert.match(artifacts.reports.junit, new RegExp(`^${reportDir}/.*\\.junit\\.xml$`));
    assert.ok(artifacts.paths.includes(`${reportDir}/`), 'the HTML report is kept');
  });
});
