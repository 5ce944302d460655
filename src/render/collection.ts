import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { Tenant } from '../targets/index.js';
import { checkLevels, type CheckLevels } from './check-levels.js';
import { createEngine, renderText, type Engine } from './handlebars.js';
import { stableId } from './ids.js';
import { toAuth, toEvents, toItem } from './postman.js';
import { requestKey } from '../names.js';
import type { Collection, Folder, Item } from './postman-types.js';
import {
  collectionTemplateSchema,
  folderTemplateSchema,
  requestTemplateSchema,
  type RequestTemplate,
} from './template-schema.js';
import { loadTargetTemplates, type TargetTemplates, type TemplateFile } from './templates.js';

export const POSTMAN_SCHEMA_URL = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface Prepared {
  templates: TargetTemplates;
  engine: Engine;
}

/** Templates and partials are read once per target, however many tenants render. */
const prepared = new Map<Tenant['target'], Promise<Prepared>>();

function prepare(target: Tenant['target']): Promise<Prepared> {
  let entry = prepared.get(target);
  if (!entry) {
    entry = loadTargetTemplates(target).then(async (templates) => ({
      templates,
      engine: await createEngine(templates.partialDirs),
    }));
    prepared.set(target, entry);
  }
  return entry;
}

const ajv = new Ajv({ allErrors: false });
const validators = {
  collection: ajv.compile(collectionTemplateSchema),
  folder: ajv.compile(folderTemplateSchema),
  request: ajv.compile(requestTemplateSchema),
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
}

export interface RenderedCollection {
  collection: Collection;
  /** Folders whose reads mean something in a --read-only run (see render/read-only.ts). */
  readsStandAlone: ReadonlySet<string>;
  /** By "folder / request". */
  rules: ReadonlyMap<string, RequestRules>;
}

/** The collection and what the templates say about running it. */
export async function renderForRun(tenant: Tenant): Promise<RenderedCollection> {
  const { templates, engine } = await prepare(tenant.target);
  const context = { tenant };
  const collection = load(engine, templates.collection, context, validators.collection);
  const readsStandAlone = new Set<string>();
  const rules = new Map<string, RequestRules>();
  const item: Folder[] = templates.folders.flatMap(({ folder, requests }) => {
    const group = load(engine, folder, context, validators.folder);
    if (group.include === false) return [];
    if (group.readsStandAlone) readsStandAlone.add(group.name);
    return {
      name: group.name,
      description: group.description.trimEnd(),
      ...(group.auth ? { auth: toAuth(group.auth) } : {}),
      ...(group.prerequest || group.test ? { event: toEvents(group) } : {}),
      item: requests.map((file) => {
        const template = load(engine, file, context, validators.request);
        const item = requestItem(engine, template, file);
        const { creates, stopsRunWhenRefused } = template;
        const levels = checkLevels(template, item, file.origin);
        if (creates || stopsRunWhenRefused || levels) {
          rules.set(requestKey(group.name, template.name), {
            ...(creates ? { creates } : {}),
            ...(stopsRunWhenRefused ? { stopsRunWhenRefused: stopsRunWhenRefused.trim() } : {}),
            ...(levels ? { levels } : {}),
          });
        }
        return item;
      }),
    };
  });
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
    variable: Object.entries(collection.variables).map(([key, value]) => ({ key, value, type: 'string' })),
  };
  return { collection: rendered, readsStandAlone, rules };
}

function requestItem(engine: Engine, template: RequestTemplate, file: TemplateFile): Item {
  const guards = [
    template.onlyIf && renderPartial(engine, 'guards/only-if', { name: template.onlyIf }, file),
    template.requires?.length && renderPartial(engine, 'guards/requires', { names: template.requires }, file),
  ].filter((text): text is string => Boolean(text));
  const prerequest = [...guards, template.prerequest].filter(Boolean).join('\n') || undefined;
  return toItem(template, prerequest);
}

function renderPartial(engine: Engine, name: string, context: object, file: TemplateFile): string {
  return renderText(engine, `{{> ${name}}}`, context, `${file.origin} (${name})`);
}

function load<T>(engine: Engine, file: TemplateFile, context: object, validate: ValidateFunction<T>): T {
  const text = renderText(engine, file.source, context, file.origin);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new Error(
      `template ${file.origin}: rendered YAML is invalid: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
    );
  }
  if (!validate(data)) {
    const first = validate.errors?.[0];
    throw new Error(`template ${file.origin}: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`);
  }
  return data;
}
