import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';

export type Engine = typeof Handlebars;

/**
 * A Handlebars environment for one target: the `json`, `array`, `words`, `eq`, `variable` and `ledger` helpers and every
 * partial under templates/partials/ and templates/<target>/partials/, named by their path without extension
 * (templates/partials/checks/status.js.hbs is `{{> checks/status}}`).
 *
 * HTML escaping is off: nothing rendered here is HTML, and escaping would corrupt quotes in tenant values.
 * Tenant values always go through `{{json value}}`, which yields an exact JSON (and YAML) literal.
 */
export async function createEngine(partialDirs: readonly string[]): Promise<Engine> {
  const engine = Handlebars.create();
  engine.registerHelper('json', (value: unknown) => JSON.stringify(value));
  // (array "a" "b") builds a list for a partial parameter; Handlebars passes its options object last.
  engine.registerHelper('array', (...values: unknown[]) => values.slice(0, -1));
  // (words "users.read users.write") lists the words of a partial parameter.
  engine.registerHelper('words', (text: string) => text.split(/\s+/).filter(Boolean));
  // (eq tenant.auth.type "basic") chooses what a template renders by a profile value.
  engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // (variable tokenVar) is "{{usersToken}}": a Postman variable whose name a template is given.
  engine.registerHelper('variable', (name: unknown) => {
    if (typeof name !== 'string' || !name) throw new Error(`variable: ${String(name)} is no variable name`);
    return `{{${name}}}`;
  });
  // (ledger "kinds" kind "created") is a variable the collection template's `ledger:` declares (in the context of
  // folders and requests); a name it does not declare fails the render rather than leave a script reading nothing.
  engine.registerHelper('ledger', (...args: unknown[]) => {
    const { data } = args.pop() as Handlebars.HelperOptions;
    const value = args.reduce<unknown>(
      (node, key) =>
        node && Object.hasOwn(node, String(key)) ? (node as Record<string, unknown>)[String(key)] : undefined,
      data.root.ledger,
    );
    if (typeof value !== 'string') throw new Error(`the collection template's ledger: declares no ${args.join('.')}`);
    return value;
  });
  for (const dir of partialDirs) {
    for (const file of await listFiles(dir)) {
      const name = path
        .relative(dir, file)
        .split(path.sep)
        .join('/')
        .replace(/(\.[a-z]+)?\.hbs$/, '');
      engine.registerPartial(name, await readFile(file, 'utf8'));
    }
  }
  return engine;
}

/** Compiled once per engine and source: a target's templates render for many tenants, and each run renders. */
const compiled = new WeakMap<Engine, Map<string, HandlebarsTemplateDelegate>>();

export function renderText(engine: Engine, source: string, context: object, origin: string): string {
  try {
    let templates = compiled.get(engine);
    if (!templates) compiled.set(engine, (templates = new Map()));
    let template = templates.get(source);
    if (!template) templates.set(source, (template = engine.compile(source, { noEscape: true, strict: true })));
    return template(context);
  } catch (error) {
    throw new Error(`template ${origin}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.name.endsWith('.hbs')) files.push(full);
  }
  return files.sort();
}
