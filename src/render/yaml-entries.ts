import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';

/**
 * YAML mappings parsed entry by entry, each top-level entry's text kept with its value: a template's output that
 * differs from one tenant to the next in a single entry (the collection's `name:`) is parsed whole once, and then
 * only in that entry. The text is cut before each line that starts at the left margin (but a comment); a text whose
 * every piece is a mapping of its own, and no key given twice, is their merge. Any other (a compact sequence at the
 * margin, an alias of another entry's anchor, `---`) is parsed whole. A template's first output is parsed whole
 * only (one profile gains nothing from pieces); its second both ways, to check that they agree; where they do
 * not, that template's output is always parsed whole.
 */
export class YamlEntries {
  private readonly values = new Map<string, Record<string, unknown>>();
  private readonly agrees = new WeakMap<object, boolean | 'unchecked'>();

  /** `limit` bounds the entries kept, the least recently used going first. */
  constructor(private readonly limit = 4096) {}

  /** The text's value, as `yaml`'s parse gives it; `template` is what the text is the output of. */
  parse(text: string, template: object): unknown {
    const agrees = this.agrees.get(template);
    if (agrees === undefined) this.agrees.set(template, 'unchecked');
    if (agrees === undefined || agrees === false) return parseYaml(text);
    const byEntry = this.byEntry(text);
    if (agrees === 'unchecked') {
      const whole: unknown = parseYaml(text);
      this.agrees.set(template, byEntry !== undefined && isDeepStrictEqual(byEntry, whole));
      return whole;
    }
    return byEntry ?? parseYaml(text);
  }

  private byEntry(text: string): Record<string, unknown> | undefined {
    const result: Record<string, unknown> = {};
    for (const part of text.split(/\n(?=[^\s#])/)) {
      const value = this.entry(part);
      if (!value) return undefined;
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(result, key)) return undefined;
        result[key] = value[key];
      }
    }
    return result;
  }

  private entry(part: string): Record<string, unknown> | undefined {
    let value = this.values.get(part);
    if (value) {
      this.values.delete(part);
    } else {
      let parsed: unknown;
      try {
        parsed = parseYaml(part);
      } catch {
        return undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.keys(parsed).length)
        return undefined;
      value = parsed as Record<string, unknown>;
      if (this.values.size >= this.limit) this.values.delete(this.values.keys().next().value!);
    }
    this.values.set(part, value);
    return value;
  }
}
