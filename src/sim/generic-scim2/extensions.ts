import { attr, type AttributeDef, type SchemaDef } from '../scim2/schema.js';

/** A schema extension as a profile declares it: its URN, and the attributes a run sends, with their values. */
export interface DeclaredExtension {
  schema: string;
  attributes: Readonly<Record<string, string | number | boolean>>;
}

/**
 * The schema /Schemas serves for a declared extension: its attributes typed by the values given. The name is the
 * URN's last part ("User" for the enterprise extension), as RFC 7643 section 4.3 names it.
 */
export function extensionSchema({ schema, attributes }: DeclaredExtension): SchemaDef {
  return {
    id: schema,
    name: schema.split(':').at(-1)!,
    description: `Extension ${schema}`,
    attributes: Object.entries(attributes).map(([name, value]) => attr(name, typeOf(value))),
  };
}

function typeOf(value: string | number | boolean): AttributeDef['type'] {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  return 'string';
}
