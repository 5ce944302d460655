import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

/** The official Postman Collection v2.1.0 JSON Schema (draft-07), from ../shared/specs. */
const schema = JSON.parse(readFileSync('../shared/specs/postman-collection-v2.1.0.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** The schema errors of a collection, empty when it is valid. */
export function postmanSchemaErrors(collection: unknown): string[] {
  return validate(collection) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
