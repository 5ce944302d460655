import type { ValidateFunction } from 'ajv';
import { renderText, type Engine } from './handlebars.js';
import { ReadMemo } from './read-memo.js';
import type { TemplateFile } from './templates.js';
import { YamlEntries } from './yaml-entries.js';

/**
 * What a target's templates render to, through its Handlebars engine: a template's output as data (rendered,
 * parsed as YAML, checked against its schema), and the snippets the renderer itself puts in (guards, example
 * scripts). Each is kept by the values it read (render/read-memo.ts), so tenants share what does not depend on them.
 */
export class TemplateOutput {
  private readonly data = new ReadMemo<TemplateFile, unknown>();
  private readonly snippets = new ReadMemo<string, string>();
  /** For the outputs that differ between tenants: most of their YAML does not. */
  private readonly yaml = new YamlEntries();

  constructor(private readonly engine: Engine) {}

  load<T>(file: TemplateFile, context: object, validate: ValidateFunction<T>): T {
    return this.data.get(file, context, (seen) => this.parsed(file, seen, validate)) as T;
  }

  /** A partial rendered on its own (`{{> guards/requires}}`), for the request template in `file`. */
  partial(name: string, context: object, file: TemplateFile): string {
    const origin = `${file.origin} (${name})`;
    return this.snippets.get(origin, context, (seen) => renderText(this.engine, `{{> ${name}}}`, seen, origin));
  }

  private parsed<T>(file: TemplateFile, context: object, validate: ValidateFunction<T>): T {
    const text = renderText(this.engine, file.source, context, file.origin);
    let data: unknown;
    try {
      data = this.yaml.parse(text, file);
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
}
