import { Ajv } from 'ajv';
import { targetOf, type Tenant } from '../targets/index.js';
import type { CheckClients } from './check-clients.js';
import type { CheckLevels } from './check-levels.js';
import { checkedExamples, exampleRequest } from './example-requests.js';
import { loadDiagnoses, registerDiagnoses } from './diagnoses.js';
import { createEngine } from './handlebars.js';
import { stableId } from '../ids.js';
import { toAuth, toEvents } from './postman.js';
import { requestKey } from '../names.js';
import type { Collection, Folder } from './postman-types.js';
import { declaredLedger, withLedgerVariables, type LedgerDeclaration } from './ledger-variables.js';
import { matrixRows, splitMatrix } from './matrix.js';
import { requestItem } from './request-item.js';
import {
  collectionTemplateSchema,
  folderTemplateSchema,
  matrixTemplateSchema,
  requestTemplateSchema,
  type ExampleTemplate,
  type RequestTemplate,
} from './template-schema.js';
import { TemplateOutput } from './template-output.js';
import { loadTargetTemplates, type TargetTemplates, type TemplateFile } from './templates.js';

export const POSTMAN_SCHEMA_URL = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface Prepared {
  templates: TargetTemplates;
  output: TemplateOutput;
}

/** Templates and partials are read once per target, however many tenants render. */
const prepared = new Map<Tenant['target'], Promise<Prepared>>();

function prepare(target: Tenant['target']): Promise<Prepared> {
  let entry = prepared.get(target);
  if (!entry) {
    entry = loadTargetTemplates(target).then(async (templates) => {
      const engine = await createEngine(templates.partialDirs);
      registerDiagnoses(engine, await loadDiagnoses(target));
      return { templates, output: new TemplateOutput(engine) };
    });
    prepared.set(target, entry);
  }
  return entry;
}

const ajv = new Ajv({ allErrors: false });
const validators = {
  collection: ajv.compile(collectionTemplateSchema),
  folder: ajv.compile(folderTemplateSchema),
  request: ajv.compile(requestTemplateSchema),
  matrix: ajv.compile(matrixTemplateSchema),
};

/** Renders a tenant's Postman collection (v2.1) from its target's templates. */
export async function renderCollection(tenant: Tenant): Promise<Collection> {
  return (await renderForRun(tenant)).collection;
}

/** What a run must know of a request beyond what Postman sends (see RequestTemplate). */
export interface RequestRules {
  creates?: RequestTemplate['creates'];
  stopsRunWhenRefused?: string;
  /** What its checks weigh; every check is MUST without it. */
  levels?: CheckLevels;
  /** Who depends on its checks; without it, they weigh what their level says under every profile. */
  clients?: CheckClients;
}

export interface RenderedCollection {
  collection: Collection;
  /** Folders whose reads mean something in a --read-only run (see render/read-only.ts). */
  readsStandAlone: ReadonlySet<string>;
  /** Folders whose reads need what other folders create (`readsStandAlone: false`): left out of --read-only runs. */
  readsOthersChanges: ReadonlySet<string>;
  /** By "folder / request". */
  rules: ReadonlyMap<string, RequestRules>;
  /** The collection variables that record what the run created, as the collection template declares them. */
  ledger: LedgerDeclaration;
  /** The folder that deletes what the run created (`cleanUp: true`). */
  cleanUp: string;
  /** The examples requests declare beyond their own answer, by "folder / request" (see ExampleTemplate). */
  examples: ReadonlyMap<string, readonly ExampleTemplate[]>;
}

export interface RenderOptions {
  /** Each request with examples is followed by a copy of it per example (render/example-requests.ts). */
  exampleRequests?: boolean;
}

/** The collection and what the templates say about running it. */
export async function renderForRun(tenant: Tenant, options: RenderOptions = {}): Promise<RenderedCollection> {
  const { templates, output } = await prepare(tenant.target);
  const values = { ...targetOf(tenant).templateValues?.(tenant), tenant };
  const collection = output.load(templates.collection, values, validators.collection);
  const ledger = declaredLedger(collection.ledger);
  const context = { ...values, ledger };
  const readsStandAlone = new Set<string>();
  const readsOthersChanges = new Set<string>();
  const rules = new Map<string, RequestRules>();
  const examples = new Map<string, readonly ExampleTemplate[]>();
  const cleanUpFolders: string[] = [];
  const item: Folder[] = templates.folders.flatMap(({ folder, requests }) => {
    const group = output.load(folder, context, validators.folder);
    if (group.include === false) return [];
    if (group.readsStandAlone) readsStandAlone.add(group.name);
    if (group.readsStandAlone === false) readsOthersChanges.add(group.name);
    if (group.cleanUp) cleanUpFolders.push(group.name);
    const names = new Set<string>();
    return {
      name: group.name,
      description: group.description.trimEnd(),
      ...(group.auth ? { auth: toAuth(group.auth) } : {}),
      ...(group.prerequest || group.test ? { event: toEvents(group) } : {}),
      item: requests.flatMap((file) =>
        requestTemplates(output, file, context).flatMap((template) => {
          // Reports and the run's rules know a request by its folder and name.
          if (names.has(template.name))
            throw new Error(`template ${file.origin}: a second request named ${template.name}`);
          names.add(template.name);
          const { item, levels, clients } = requestItem(output, template, group, file);
          const { creates, stopsRunWhenRefused } = template;
          const key = requestKey(group.name, template.name);
          if (creates || stopsRunWhenRefused || levels || clients) {
            rules.set(key, {
              ...(creates ? { creates } : {}),
              ...(stopsRunWhenRefused ? { stopsRunWhenRefused: stopsRunWhenRefused.trim() } : {}),
              ...(levels ? { levels } : {}),
              ...(clients ? { clients } : {}),
            });
          }
          if (!template.examples) return [item];
          examples.set(key, checkedExamples(template.examples, file.origin));
          if (!options.exampleRequests) return [item];
          const raw = item.request.body?.mode === 'raw' ? item.request.body.raw : undefined;
          const scripts = (example: ExampleTemplate) => ({
            given: output.partial('examples/given', { given: example.given, raw }, file),
            restore: output.partial('examples/restore', {}, file),
          });
          return [item, ...template.examples.map((example) => exampleRequest(item, example, scripts(example)))];
        }),
      ),
    };
  });
  const variables = withLedgerVariables(collection.variables, ledger, templates.collection.origin);
  const rendered: Collection = {
    info: {
      _postman_id: stableId('scimkit', 'collection', tenant.name),
      name: collection.name,
      description: collection.description.trimEnd(),
      schema: POSTMAN_SCHEMA_URL,
    },
    item,
    auth: toAuth(collection.auth),
    event: toEvents(collection),
    variable: variables.map(([key, value]) => ({ key, value, type: 'string' })),
  };
  const cleanUp = theCleanUpFolder(cleanUpFolders, item, tenant.target);
  return { collection: rendered, readsStandAlone, readsOthersChanges, rules, ledger, cleanUp, examples };
}

/**
 * Exactly one folder deletes what the run created, and it comes last: a run sends it in a pass of its own, and
 * Postman's collection runner, which runs the folders in order, must reach it after everything it cleans up.
 */
export function theCleanUpFolder(
  declared: readonly string[],
  folders: readonly { name: string }[],
  target: string,
): string {
  const where = `templates/${target}: the clean-up folder (cleanUp: true)`;
  if (declared.length !== 1) {
    throw new Error(`${where} must be exactly one; ${declared.length ? `found ${declared.join(', ')}` : 'none is'}`);
  }
  if (declared[0] !== folders.at(-1)?.name) throw new Error(`${where}, ${declared[0]}, must be the last folder`);
  return declared[0];
}

/** A request file's templates: one, or one per row of the matrix it opens with (see render/matrix.ts). */
function requestTemplates(output: TemplateOutput, file: TemplateFile, context: object): RequestTemplate[] {
  const parts = splitMatrix(file);
  if (!parts) return [output.load(file, context, validators.request)];
  const { each } = output.load(parts.matrix, context, validators.matrix);
  return matrixRows(each, context, file.origin).map((row) =>
    output.load(parts.request, { ...context, ...row }, validators.request),
  );
}
