import { toEvents } from './postman.js';
import type { Item } from './postman-types.js';
import type { ExampleTemplate } from './template-schema.js';

/** The name of the copy of a request that is sent for one of its examples. */
export function exampleRequestName(request: string, example: string): string {
  return `${request} [example: ${example}]`;
}

/**
 * The copy of a request that `scimkit generate` sends right after it, for an example its template declares: the
 * `given` script sets the example's values before the request's own pre-request script, and `restore` puts them
 * back after the answer. It makes none of the request's checks and records nothing: it is there for its answer.
 */
export function exampleRequest(
  item: Item,
  example: ExampleTemplate,
  scripts: { given: string; restore: string },
): Item {
  const own = item.event.find((event) => event.listen === 'prerequest')?.script.exec ?? [];
  return {
    ...item,
    name: exampleRequestName(item.name, example.name),
    event: toEvents({ prerequest: [scripts.given, ...own].join('\n'), test: scripts.restore }),
  };
}

/** A request's examples, each named once: Postman lists them by name, and the copies are named after them. */
export function checkedExamples(declared: readonly ExampleTemplate[], origin: string): readonly ExampleTemplate[] {
  const names = declared.map((example) => example.name);
  const twice = names.find((name, at) => names.indexOf(name) !== at);
  if (twice !== undefined) throw new Error(`template ${origin}: two examples named ${twice}`);
  return declared;
}
