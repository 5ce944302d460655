import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type JSONSchemaType } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { templatesDir } from '../paths.js';
import type { Engine } from './handlebars.js';

/**
 * A failure the documents describe, with its cause and its fix in the admin's terms (templates/<target>/
 * diagnoses.yaml, one table per target). A failed check that meets one names both: `checks/diagnose` matches an
 * error answer against the entries with an `answer`; other checks name an entry by its id (`diagnosis` helper), and
 * `checks/base-url` matches the profile's baseUrl against the entries with a `baseUrlHost`.
 */
export interface Diagnosis {
  /** Where the failure is documented, and how it reads there. */
  document: string;
  /** An error answer it shows as, at the requests whose checks/diagnose names one of `at`. */
  answer?: {
    at: string[];
    status: number;
    /** A regular expression (case-insensitive) the error envelope's first message matches; any answer without. */
    message?: string;
  };
  /** A regular expression (case-insensitive) the profile's baseUrl host matches. */
  baseUrlHost?: string;
  /** Texts may name Postman variables (`{{directoryDomain}}`): a failing check fills them in. */
  cause: string;
  fix: string;
}

export type Diagnoses = Record<string, Diagnosis>;

const text = { type: 'string', minLength: 1 } as const;
const schema: JSONSchemaType<Diagnoses> = {
  type: 'object',
  required: [],
  propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['document', 'cause', 'fix'],
    properties: {
      document: text,
      answer: {
        type: 'object',
        nullable: true,
        additionalProperties: false,
        required: ['at', 'status'],
        properties: {
          at: { type: 'array', minItems: 1, items: text },
          status: { type: 'integer', minimum: 400, maximum: 599 },
          message: { ...text, nullable: true },
        },
      },
      baseUrlHost: { ...text, nullable: true },
      cause: text,
      fix: text,
    },
  },
};
const validate = new Ajv({ allErrors: false }).compile(schema);

/** The target's table of documented failures; none when it has no diagnoses.yaml. */
export async function loadDiagnoses(target: string): Promise<Diagnoses> {
  const origin = path.join(target, 'diagnoses.yaml');
  let source: string;
  try {
    source = await readFile(path.join(templatesDir, origin), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const table: unknown = parseYaml(source);
  if (!validate(table)) {
    const first = validate.errors?.[0];
    throw new Error(`templates/${origin}: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`);
  }
  for (const [id, { answer, baseUrlHost }] of Object.entries(table)) {
    for (const pattern of [answer?.message, baseUrlHost]) {
      if (pattern === undefined) continue;
      try {
        new RegExp(pattern, 'i');
      } catch (error) {
        throw new Error(`templates/${origin}: ${id}: ${(error as Error).message}`);
      }
    }
  }
  return table;
}

/** What a failed check says of a diagnosis: its cause, then its fix. */
export function diagnosisText(diagnosis: Pick<Diagnosis, 'cause' | 'fix'>): string {
  return `cause: ${diagnosis.cause}; fix: ${diagnosis.fix}`;
}

/**
 * The helpers templates read the table with; an id or a place no entry has fails the render, rather than leave a
 * check that can never name its cause:
 * - `(diagnosis "id")`: the text a check fails with;
 * - `(diagnoses "user-write")`: the entries whose answer is met there, as checks/diagnose matches them;
 * - `(baseUrlDiagnoses)`: the entries a profile's baseUrl host shows.
 */
export function registerDiagnoses(engine: Engine, table: Diagnoses): void {
  const entries = Object.entries(table);
  engine.registerHelper('diagnosis', (id: unknown) => {
    const found = typeof id === 'string' && Object.hasOwn(table, id) ? table[id] : undefined;
    if (!found) throw new Error(`diagnosis: the target's diagnoses.yaml has no ${String(id)}`);
    return diagnosisText(found);
  });
  engine.registerHelper('diagnoses', (at: unknown) => {
    const found = entries
      .filter(([, d]) => d.answer?.at.includes(String(at)))
      .map(([id, d]) => ({ id, status: d.answer!.status, message: d.answer!.message, text: diagnosisText(d) }));
    if (!found.length) throw new Error(`diagnoses: the target's diagnoses.yaml has no answer met at ${String(at)}`);
    return found;
  });
  engine.registerHelper('baseUrlDiagnoses', () =>
    entries
      .filter(([, d]) => d.baseUrlHost !== undefined)
      .map(([id, d]) => ({ id, host: d.baseUrlHost, text: diagnosisText(d) })),
  );
}

/** The diagnoses a base URL's host shows (the hand-over names them beside the Base URL Okta is given). */
export function baseUrlDiagnoses(table: Diagnoses, baseUrl: string): string[] {
  const host = new URL(baseUrl).hostname;
  return Object.values(table)
    .filter((d) => d.baseUrlHost !== undefined && new RegExp(d.baseUrlHost, 'i').test(host))
    .map(diagnosisText);
}
