import type { TemplateFile } from './templates.js';

/**
 * A request template may open with a matrix: a YAML document holding only `each:`, ended by a `---` line. Each
 * entry of `each` is an axis, a name and its values; the request after `---` renders once per row of their
 * product (the first axis outermost), with the row's values in the context under the axes' names:
 *
 *   each:
 *     scope: [{ name: users.read, ... }, { name: users.write, ... }]
 *     refused: [false, true]
 *   ---
 *   name: "{{scope.name}}: ..."
 *
 * Both parts are templates, rendered with the tenant; rows are data, so a request's name and checks stay stable.
 * An axis drawn from the profile may have no values (`extension: {{json tenant.extensions}}`): no request then.
 */
export interface MatrixFile {
  matrix: TemplateFile;
  request: TemplateFile;
}

/** Split once per file: the parts are what their outputs are kept by (render/template-output.ts). */
const split = new WeakMap<TemplateFile, MatrixFile | undefined>();

/** The file's two parts when it opens with `each:`; undefined when it is a plain request. */
export function splitMatrix(file: TemplateFile): MatrixFile | undefined {
  if (!split.has(file)) split.set(file, splitOnce(file));
  return split.get(file);
}

function splitOnce(file: TemplateFile): MatrixFile | undefined {
  if (!/^each:/.test(file.source)) return undefined;
  const lines = file.source.split('\n');
  const end = lines.indexOf('---');
  if (end < 0) throw new Error(`template ${file.origin}: a matrix (each:) ends with a line "---" before the request`);
  return {
    matrix: { origin: file.origin, source: lines.slice(0, end).join('\n') },
    // Blank lines where the matrix stood: errors in the request give the file's own line numbers.
    request: { origin: file.origin, source: '\n'.repeat(end + 1) + lines.slice(end + 1).join('\n') },
  };
}

/** The product of the axes, in order; an axis may not hide what every template reads. */
export function matrixRows(
  each: Readonly<Record<string, readonly unknown[]>>,
  context: object,
  origin: string,
): Record<string, unknown>[] {
  const hidden = Object.keys(each).filter((axis) => axis in context);
  if (hidden.length) throw new Error(`template ${origin}: each: ${hidden.join(', ')} would hide the template's own`);
  return Object.entries(each).reduce<Record<string, unknown>[]>(
    (rows, [axis, values]) => rows.flatMap((row) => values.map((value) => ({ ...row, [axis]: value }))),
    [{}],
  );
}
