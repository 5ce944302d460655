import type { JSONSchemaType } from 'ajv';
import { CHECK_LEVELS, type CheckLevel } from '../names.js';

/**
 * What a rendered template file holds (YAML). Templates are data: each request file says what the
 * document step sends and which checks run; the renderer turns it into a Postman item.
 */

/** `type` plus that auth type's attributes, e.g. { type: basic, username: ..., password: ... }. */
export type AuthTemplate = { type: 'noauth' | 'basic' | 'bearer' | 'oauth2' } & Record<string, string>;

/**
 * An example answer a request's documentation shows beyond its own (src/examples/): typically a documented error.
 * `scimkit generate` sends a copy of the request right after it to the examples simulator, with `given` set for that
 * copy alone, and saves the answer, which must have `status`.
 */
export interface ExampleTemplate {
  /** As Postman lists it, unique within the request: "A wrong client secret (401 invalid_client)". */
  name: string;
  /** Variables and their values for the copy (Postman syntax, "\{{runId}}", is filled in), restored after it. */
  given: Record<string, string>;
  status: number;
}

export interface RequestTemplate {
  name: string;
  /** Markdown: what the request does, and which document step or console setting it implements (in bold). */
  description: string;
  /** Markdown: the likely causes of a failure and their fixes; without it, the folder's. */
  whenItFails?: string;
  /** Answers to show besides the request's own (see ExampleTemplate). */
  examples?: ExampleTemplate[];
  /** Omitted: inherit from the folder or collection. */
  auth?: AuthTemplate;
  /** Variables earlier requests must have set; otherwise the request is skipped and a failed check says why. */
  requires?: string[];
  /** A variable that must be set for the request to run at all (cleanup of things a run may not have created). */
  onlyIf?: string;
  /** false: a redirect is the answer under test (an OAuth login), not something to follow. */
  followRedirects?: boolean;
  /**
   * What the request creates, each by the path in its JSON body of the name it is created with (`userName`,
   * `Operations.0.data.displayName`). A run records each name before the request leaves, so that the clean-up can
   * find what a create made even when its answer never came.
   */
  creates?: { kind: string; name: string }[];
  /**
   * When the tenant refuses this request as OAuth refuses credentials (400 or 401), nothing after it can work:
   * the run stops with this cause and fix (exit 2), as for any configuration error.
   */
  stopsRunWhenRefused?: string;
  /** The level of the request's checks (MUST when omitted): SHOULD or INFO where the spec grades the behaviour so. */
  level?: CheckLevel;
  /** Levels of single checks, by check name, over `level`; each must name a check of the request's scripts. */
  levels?: Record<string, CheckLevel>;
  request: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    body?: { json?: unknown; urlencoded?: Record<string, string> };
  };
  prerequest?: string;
  test?: string;
}

export interface FolderTemplate {
  name: string;
  description: string;
  /** Markdown: what to do when one of its requests fails, for those that do not say it themselves. */
  whenItFails?: string;
  auth?: AuthTemplate;
  /**
   * In a --read-only run, this folder's reads mean something without its changes (they check a set-up that
   * exists already): they run, and only its changes are left out. Other folders that change something are
   * left out whole, since their reads check what their changes did. false: its reads check what other folders'
   * changes did (users they created), so a --read-only run leaves it out whole, though it changes nothing.
   */
  readsStandAlone?: boolean;
  /** false: the tenant profile does not ask for this folder (an optional flow), and it is left out. */
  include?: boolean;
  /** Runs before each request of the folder (a token for the folder's scopes, say). */
  prerequest?: string;
  /** Runs after each request of the folder, before the request's own checks. */
  test?: string;
  /**
   * The clean-up folder, exactly one and last: it deletes what the run created, runs in a pass of its own whatever
   * stopped the others, and is what `scimkit cleanup` runs.
   */
  cleanUp?: boolean;
}

/**
 * The collection variables that record what a run created (src/run/ledger.ts keeps them on disk). Declared once,
 * in the collection template: the renderer adds these variables to the collection, and the ledger partials find
 * them by kind or flag (the `ledger` helper).
 */
export interface LedgerTemplate {
  /** Per kind of resource: the ids the run created, and those its clean-up could not delete. */
  kinds: Record<string, { created: string; leftover: string }>;
  /** "true" while the run owns a resource of the profile's set-up that it created, with what it is called. */
  flags?: Record<string, string>;
  /** Ids the flagged resources are deleted by. */
  ids?: string[];
}

export interface CollectionTemplate {
  name: string;
  description: string;
  auth: AuthTemplate;
  prerequest?: string;
  test?: string;
  /** Collection variables: tenant values and the empty slots later requests chain through (not the ledger's). */
  variables: Record<string, string>;
  ledger: LedgerTemplate;
}

const auth = {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string', enum: ['noauth', 'basic', 'bearer', 'oauth2'] } },
  additionalProperties: { type: 'string' },
} as unknown as JSONSchemaType<AuthTemplate>;

const script = { type: 'string', nullable: true } as const;
const level = { type: 'string', enum: CHECK_LEVELS } as const;
const stringMap = { type: 'object', required: [], additionalProperties: { type: 'string' } } as const;
const markdown = { type: 'string', nullable: true, minLength: 1 } as const;

export const requestTemplateSchema: JSONSchemaType<RequestTemplate> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'request'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    whenItFails: markdown,
    examples: {
      type: 'array',
      nullable: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'given', 'status'],
        properties: {
          name: { type: 'string', minLength: 1 },
          given: { ...stringMap, minProperties: 1 },
          status: { type: 'integer', minimum: 100, maximum: 599 },
        },
      },
    },
    auth: { ...auth, nullable: true },
    requires: { type: 'array', items: { type: 'string' }, nullable: true },
    onlyIf: { type: 'string', nullable: true },
    followRedirects: { type: 'boolean', nullable: true },
    creates: {
      type: 'array',
      nullable: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'name'],
        properties: { kind: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 } },
      },
    },
    stopsRunWhenRefused: { type: 'string', nullable: true, minLength: 1 },
    level: { ...level, nullable: true },
    levels: { type: 'object', nullable: true, required: [], additionalProperties: level },
    request: {
      type: 'object',
      additionalProperties: false,
      required: ['method', 'url'],
      properties: {
        method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
        url: { type: 'string', minLength: 1 },
        headers: { ...stringMap, nullable: true },
        body: {
          type: 'object',
          additionalProperties: false,
          nullable: true,
          properties: {
            json: {} as never,
            urlencoded: { ...stringMap, nullable: true },
          },
        },
      },
    },
    prerequest: script,
    test: script,
  },
};

export const folderTemplateSchema: JSONSchemaType<FolderTemplate> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    whenItFails: markdown,
    auth: { ...auth, nullable: true },
    readsStandAlone: { type: 'boolean', nullable: true },
    include: { type: 'boolean', nullable: true },
    prerequest: script,
    test: script,
    cleanUp: { type: 'boolean', nullable: true },
  },
};

const variableName = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } as const;

export const collectionTemplateSchema: JSONSchemaType<CollectionTemplate> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'auth', 'variables', 'ledger'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    auth,
    prerequest: script,
    test: script,
    variables: stringMap,
    ledger: {
      type: 'object',
      additionalProperties: false,
      required: ['kinds'],
      properties: {
        kinds: {
          type: 'object',
          minProperties: 1,
          required: [],
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['created', 'leftover'],
            properties: { created: variableName, leftover: variableName },
          },
        },
        flags: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'string', minLength: 1 } },
        ids: { type: 'array', nullable: true, items: variableName },
      },
    },
  },
};

/** The opening document of a request file that renders once per row (see render/matrix.ts). */
export interface MatrixTemplate {
  each: Record<string, unknown[]>;
}

export const matrixTemplateSchema: JSONSchemaType<MatrixTemplate> = {
  type: 'object',
  additionalProperties: false,
  required: ['each'],
  properties: {
    each: {
      type: 'object',
      minProperties: 1,
      required: [],
      // An axis a profile fills may be empty (no extensions listed): the file then renders no request.
      additionalProperties: { type: 'array', items: {} as never },
    },
  },
};
