import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { postmanSchemaErrors, POSTMAN_SCHEMA_FILE } from './support/postman-schema.js';

const SHARED = '../shared/specs/postman-collection-v2.1.0.schema.json';

describe('the Postman v2.1.0 schema the tests validate against', () => {
  it('is the copy of ../shared/specs', function () {
    if (!existsSync(SHARED)) this.skip();
    assert.equal(readFileSync(POSTMAN_SCHEMA_FILE, 'utf8'), readFileSync(SHARED, 'utf8'));
  });

  it('rejects what is not a collection', () => {
    assert.notDeepEqual(postmanSchemaErrors({ info: { name: 'x' } }), []);
    assert.notDeepEqual(postmanSchemaErrors({ info: { name: 'x', schema: 'y' }, item: [{ request: 42 }] }), []);
  });
});
