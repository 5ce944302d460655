import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

/** The official Postman Collection v2.1.0 JSON Schema (draft-07); see test/fixtures/README.md. */
export const POSTMAN_SCHEMA_FILE = 'test/fixtures/postman-collection-v2.1.0.schema.json';

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(POSTMAN_SCHEMA_FILE, 'utf8')),
);

/** The schema errors of a collection, empty when it is valid. */
export function postmanSchemaErrors(collection: unknown): string[] {
  return validate(collection) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
