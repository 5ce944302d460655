import assert from 'node:assert/strict';
import type { Collection, Event, Item } from '../src/render/postman-types.js';
import { scriptsWhereNeeded } from '../src/run/scripts-where-needed.js';

const script = (listen: Event['listen'], ...exec: string[]): Event => ({
  listen,
  script: { type: 'text/javascript', exec },
});
const request = (name: string, more: Partial<Item['request']> = {}, event: Event[] = []): Item => ({
  name,
  event,
  request: { method: 'GET', header: [], url: { raw: 'x' } as Item['request']['url'], ...more },
  response: [],
});
const json = (raw: string) => ({
  body: { mode: 'raw' as const, raw, options: { raw: { language: 'json' as const } } },
});
const bearer = { auth: { type: 'bearer' as const } };

function collection(collectionScript: string): Collection {
  return {
    info: { _postman_id: 'x', name: 'x', description: '', schema: 'x' },
    auth: { type: 'oauth2' },
    event: [script('prerequest', collectionScript)],
    variable: [],
    item: [
      {
        name: 'Plain',
        description: '',
        item: [
          request('sends the collection auth'),
          request('own auth', bearer),
          request('own auth, exact value', { ...bearer, ...json('{"name": "{{directoryName}}"}') }),
          request('own auth, value inside a string', { ...bearer, ...json('{"name": "a-{{runId}}"}') }),
          request('own auth, not JSON', { ...bearer, ...json('{"active": {{flag}}}') }),
        ],
      },
      {
        name: 'Scripted',
        description: '',
        ...bearer,
        event: [script('prerequest', 'folder();'), script('test', 'folderTest();')],
        item: [request('guarded', {}, [script('prerequest', 'guard();'), script('test', 'check();')])],
      },
    ],
  };
}

const prerequest = (item: Item) => item.event.find((e) => e.listen === 'prerequest')?.script.exec;

describe('the collection as a run sends it: scripts where they have work, one execution per event', () => {
  it('a collection script that fetches a token goes to the requests sending the collection auth, or an exact JSON value', () => {
    const run = scriptsWhereNeeded(collection('pm.sendRequest(token);'));
    assert.deepEqual(run.event, []);
    assert.deepEqual(
      run.item[0]!.item.map((item) => prerequest(item)),
      [['pm.sendRequest(token);'], undefined, ['pm.sendRequest(token);'], undefined, undefined],
    );
  });

  it('one that fetches nothing goes only where a JSON value is exactly a variable', () => {
    const run = scriptsWhereNeeded(collection('fillExactValues();'));
    assert.deepEqual(
      run.item[0]!.item.map((item) => prerequest(item)),
      [undefined, undefined, ['fillExactValues();'], undefined, undefined],
    );
  });

  it("a folder's scripts go into each of its requests', in Postman's order, and the folder keeps none", () => {
    const run = scriptsWhereNeeded(collection('pm.sendRequest(token);'));
    const folder = run.item[1]!;
    assert.equal(folder.event, undefined);
    assert.deepEqual(folder.item[0]!.event, [
      script('prerequest', 'folder();', 'guard();'),
      script('test', 'folderTest();', 'check();'),
    ]);
  });
});
