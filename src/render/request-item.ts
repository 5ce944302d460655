import { checkClients, type CheckClients } from './check-clients.js';
import { checkLevels, type CheckLevels } from './check-levels.js';
import { toItem } from './postman.js';
import type { Item } from './postman-types.js';
import { requestDocumentation } from './request-docs.js';
import type { TemplateOutput } from './template-output.js';
import type { FolderTemplate, RequestTemplate } from './template-schema.js';
import type { TemplateFile } from './templates.js';

/** A request as the collection holds it, and what its template says its checks weigh. */
export interface RequestItem {
  item: Item;
  levels?: CheckLevels;
  clients?: CheckClients;
}

/**
 * Made once per request template and folder as rendered: tenants whose templates rendered alike share the same
 * (frozen) data (render/read-memo.ts), so the item, its documentation and its grades are built once for all of them.
 */
const made = new WeakMap<RequestTemplate, WeakMap<FolderTemplate, RequestItem>>();

/** A request's item, with its documentation, and its grades; each call gets an item of its own to change. */
export function requestItem(
  output: TemplateOutput,
  template: RequestTemplate,
  folder: FolderTemplate,
  file: TemplateFile,
): RequestItem {
  let byFolder = made.get(template);
  if (!byFolder) made.set(template, (byFolder = new WeakMap()));
  let entry = byFolder.get(folder);
  if (!entry) byFolder.set(folder, (entry = make(output, template, folder, file)));
  return { ...entry, item: copied(entry.item) };
}

function make(output: TemplateOutput, template: RequestTemplate, folder: FolderTemplate, file: TemplateFile) {
  const guards = [
    template.onlyIf && output.partial('guards/only-if', { name: template.onlyIf }, file),
    template.requires?.length && output.partial('guards/requires', { names: template.requires }, file),
  ].filter((text): text is string => Boolean(text));
  const prerequest = [...guards, template.prerequest].filter(Boolean).join('\n') || undefined;
  const item = toItem(template, prerequest);
  const levels = checkLevels(template, item, file.origin);
  const clients = checkClients(template, folder, item, file.origin);
  item.request.description = requestDocumentation(template, folder, { levels, clients }, file.origin);
  return { item, ...(levels ? { levels } : {}), ...(clients ? { clients } : {}) };
}

/** A copy of JSON data that shares only its strings. */
function copied<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copied) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copied((value as Record<string, unknown>)[key]);
  return copy as T;
}
