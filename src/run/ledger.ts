import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { RunMode } from '../names.js';
import { DEFAULT_STATE_DIR } from './defaults.js';
import { PENDING_CREATES, UNRESOLVED_CREATES, type LedgerDeclaration } from '../render/ledger-variables.js';
import type { TargetId } from '../targets/index.js';

/**
 * What a run may have created, kept on disk from before its first create until its clean-up has removed it all,
 * so that no way of stopping (a failure, Ctrl-C twice, SIGKILL, a power cut) loses track of test data. It holds
 * names and ids only: never a token or a secret.
 *
 * The file is a journal of JSON lines, each appended and flushed before the run goes on:
 *   {"ledger":1, tenant, target, runId, mode, baseUrl, profile, startedAt}   the run
 *   {"sent":N, "creates":[{kind, name}]}   a create is about to be sent: what it creates, by its run-scoped name
 *   {"resolved":N}                         its answer came, and the collection recorded the id (or nothing was made)
 *   {"set":{variable: value}}              ledger variables of the collection (ids, flags) as they change
 * A create that was sent and never resolved is looked up by its name at clean-up. A torn last line (the process
 * died mid-write) is ignored.
 */

/** A resource a create request makes, by the name it is sent with. */
export interface Creation {
  kind: string;
  name: string;
}

export interface LedgerHeader {
  tenant: string;
  target: TargetId;
  runId: string;
  /** How the run named what it created (verify, setup). */
  mode: RunMode;
  baseUrl: string;
  /** The profile file, for the retry command. */
  profile: string;
  startedAt: string;
}

export function ledgerPath(stateDir: string | undefined, tenant: string, runId: string): string {
  return path.join(stateDir ?? DEFAULT_STATE_DIR, `${tenant}-${runId}.jsonl`);
}

/** Before a run sends anything: its record must be writable, or it must not create anything. */
export function checkStateDir(stateDir: string): void {
  try {
    mkdirSync(stateDir, { recursive: true });
    accessSync(stateDir, constants.W_OK);
  } catch (error) {
    throw new UsageError(
      `--state-dir: cannot keep the run's record in ${stateDir} (${(error as NodeJS.ErrnoException).code}): give a folder you can write to`,
    );
  }
}

/** An earlier run's record, as read: its header, and its lines to replay. */
export interface EarlierRun {
  file: string;
  header: LedgerHeader;
  records: string[];
}

export class RunLedger {
  /** How many times a ledger variable changed: a create is settled when its test changed one. */
  changes = 0;
  private fd: number | undefined;
  private sequence = 0;
  private readonly unresolved = new Map<number, Creation[]>();
  private readonly values: Record<string, string> = {};

  constructor(
    readonly file: string,
    readonly header: LedgerHeader,
    /** The variables it keeps, as the target's collection template declares them (renderForRun). */
    private readonly keys: LedgerDeclaration,
  ) {}

  /**
   * Reads an earlier run's record; a run id with no file has nothing on record. Its collection, which declares what
   * the record keeps, is rendered after (the header says how the run named things), and the record replayed then.
   */
  static read(file: string, runId: string): EarlierRun {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(
        `--run-id: no record of run ${runId} in ${path.dirname(file)}: a run removes its record once everything ` +
          'it created is deleted (check --state-dir if the run used another)',
      );
    }
    const lines = text.split('\n').filter(Boolean);
    const head = parseLine(lines[0]);
    if (!head || head.ledger !== 1)
      throw new UsageError(`${file}: not a scimkit ledger; give the --state-dir the run used`);
    const { ledger: _version, ...header } = head as unknown as LedgerHeader & { ledger: number };
    return { file, header, records: lines.slice(1) };
  }

  /** The ledger of an earlier run, its record replayed. */
  static resume(earlier: EarlierRun, keys: LedgerDeclaration): RunLedger {
    const ledger = new RunLedger(earlier.file, earlier.header, keys);
    for (const line of earlier.records) {
      const record = parseLine(line);
      if (!record) continue; // a line torn by a crash
      if (typeof record.sent === 'number' && Array.isArray(record.creates)) {
        ledger.unresolved.set(record.sent, record.creates as Creation[]);
        ledger.sequence = Math.max(ledger.sequence, record.sent);
      } else if (typeof record.resolved === 'number') ledger.unresolved.delete(record.resolved);
      else if (record.set && typeof record.set === 'object') Object.assign(ledger.values, record.set);
    }
    return ledger;
  }

  /** Only resources named with this run's scope are ever recorded, and so ever looked up by name. */
  recordSent(creations: readonly Creation[]): number | undefined {
    if (!creations.length) return undefined;
    const sequence = ++this.sequence;
    this.unresolved.set(sequence, [...creations]);
    this.append({ sent: sequence, creates: creations });
    return sequence;
  }

  resolve(sequence: number): void {
    if (this.unresolved.delete(sequence)) this.append({ resolved: sequence });
  }

  /** Keeps the ledger variables among these; true when one of them changed. */
  update(variables: Readonly<Record<string, string>>): boolean {
    const changed: Record<string, string> = {};
    for (const key of keptVariables(this.keys)) {
      const value = variables[key];
      if (value !== undefined && value !== (this.values[key] ?? '')) changed[key] = value;
    }
    if (!Object.keys(changed).length) return false;
    Object.assign(this.values, changed);
    // Empty lists and flags are no record: a run that creates nothing writes nothing.
    if (this.fd === undefined && Object.values(changed).every((value) => value === '' || value === '[]')) return false;
    this.changes += 1;
    this.append({ set: changed });
    return true;
  }

  /**
   * The variables a clean-up pass starts from: the ids, and the creates that got no answer, which the clean-up
   * looks up by name. From here on the clean-up's variables are the record of those creates.
   */
  cleanUpSeed(): Record<string, string> {
    this.update({ [PENDING_CREATES]: JSON.stringify(this.pendingNames()), [UNRESOLVED_CREATES]: '[]' });
    for (const sequence of [...this.unresolved.keys()]) this.resolve(sequence);
    return { ...this.values };
  }

  /** What is on record as possibly still on the tenant; undefined when nothing is. */
  remaining(): Remaining | undefined {
    const ids: Record<string, string[]> = {};
    let count = 0;
    for (const [kind, { created, leftover }] of Object.entries(this.keys.kinds)) {
      const all = [...parseList(this.values[created]), ...parseList(this.values[leftover])];
      ids[kind] = [...new Set(all.filter((id): id is string => typeof id === 'string'))];
      count += ids[kind].length;
    }
    const flagged = Object.entries(this.keys.flags).flatMap(([flag, label]) =>
      this.values[flag] === 'true' ? [label] : [],
    );
    const names = this.pendingNames();
    count += flagged.length + names.length;
    return count ? { ids, flagged, names } : undefined;
  }

  /** Creates to look up by name: sent without a settled answer, handed to a clean-up, or left by one. */
  private pendingNames(): Creation[] {
    return [
      ...parseList<Creation>(this.values[PENDING_CREATES]),
      ...parseList<Creation>(this.values[UNRESOLVED_CREATES]),
      ...[...this.unresolved.values()].flat(),
    ];
  }

  /** Creates sent with no answer the collection could settle: only a clean-up pass seeded with them looks them up. */
  hasUnansweredCreates(): boolean {
    return this.unresolved.size > 0;
  }

  /**
   * After the clean-up: the record goes once nothing remains; otherwise it is rewritten as what remains, for
   * `scimkit cleanup` to retry (ids of every kind in their created lists, names still to look up).
   */
  finish(): Remaining | undefined {
    const remaining = this.remaining();
    this.close();
    if (!remaining) {
      rmSync(this.file, { force: true });
      return undefined;
    }
    const set: Record<string, string> = {};
    for (const [kind, { created, leftover }] of Object.entries(this.keys.kinds)) {
      set[created] = JSON.stringify(remaining.ids[kind]);
      set[leftover] = '[]';
    }
    for (const flag of Object.keys(this.keys.flags)) set[flag] = this.values[flag] === 'true' ? 'true' : '';
    for (const id of this.keys.ids) set[id] = this.values[id] ?? '';
    set[PENDING_CREATES] = JSON.stringify(remaining.names);
    set[UNRESOLVED_CREATES] = '[]';
    const temporary = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    writeSync(fd, `${this.headerLine()}${JSON.stringify({ set })}\n`);
    fdatasyncSync(fd);
    closeSync(fd);
    renameSync(temporary, this.file);
    this.unresolved.clear();
    Object.assign(this.values, set);
    return remaining;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private headerLine(): string {
    return `${JSON.stringify({ ledger: 1, ...this.header })}\n`;
  }

  /** Appends one record and flushes it to disk before the caller goes on (and, for a create, sends it). */
  private append(record: object): void {
    if (this.fd === undefined) {
      const fresh = !existsSync(this.file);
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a', 0o600);
      if (fresh) writeSync(this.fd, this.headerLine());
    }
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fdatasyncSync(this.fd);
  }
}

/** Every variable a ledger keeps. */
function keptVariables(keys: LedgerDeclaration): string[] {
  return [
    ...Object.values(keys.kinds).flatMap((k) => [k.created, k.leftover]),
    ...Object.keys(keys.flags),
    ...keys.ids,
    PENDING_CREATES,
    UNRESOLVED_CREATES,
  ];
}

/** What a run left, by kind. */
export interface Remaining {
  ids: Record<string, string[]>;
  /** What of the set-up the run created and still owns ("the Okta client"). */
  flagged: string[];
  /** Creates whose answer never came, and that no look-up has settled yet. */
  names: Creation[];
}

/** "users a1, b2; the Okta client; to find by name and delete: user scimkit-r1-ada@okta.com": for people. */
export function describeRemaining(remaining: Remaining): string {
  const parts = Object.entries(remaining.ids).flatMap(([kind, ids]) =>
    ids.length ? [`${kind}s ${ids.join(', ')}`] : [],
  );
  parts.push(...remaining.flagged);
  if (remaining.names.length) {
    parts.push(`to find by name and delete: ${remaining.names.map((c) => `${c.kind} ${c.name}`).join(', ')}`);
  }
  return parts.join('; ');
}

function parseLine(line: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line ?? '');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseList<T = unknown>(value: string | undefined): T[] {
  try {
    const list: unknown = JSON.parse(value || '[]');
    return Array.isArray(list) ? (list as T[]) : [];
  } catch {
    return [];
  }
}
