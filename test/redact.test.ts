import assert from 'node:assert/strict';
import { Redactor, safeText } from '../src/report/redact.js';

const SECRET = 'S3cr3t/with+odd&chars"and\\more-0123456789';
const CLIENT = 'scimkit-admin';

describe('redaction', () => {
  const redactor = new Redactor([SECRET], [CLIENT]);
  const basic = Buffer.from(`${CLIENT}:${SECRET}`).toString('base64');

  it('masks every form a request carries a secret in', () => {
    const forms = [
      SECRET,
      encodeURIComponent(SECRET),
      new URLSearchParams({ s: SECRET }).toString().slice(2),
      JSON.stringify(SECRET).slice(1, -1),
      Buffer.from(SECRET).toString('base64'),
      Buffer.from(SECRET).toString('base64url'),
      basic,
      Buffer.from(`${CLIENT}:${encodeURIComponent(SECRET)}`).toString('base64'),
    ];
    for (const form of forms) {
      const text = redactor.redact(`the tenant said: ${form} (end)`);
      assert.equal(text, 'the tenant said: ******** (end)', `not masked: ${form}`);
    }
  });

  it('masks a secret, or its Basic credentials, that a quote cuts short', () => {
    for (const form of [SECRET, basic]) {
      const cut = `Authorization: Basic ${form}`.slice(0, 21 + 30);
      assert.equal(redactor.redact(`"${cut}"`), '"Authorization: Basic ********"');
    }
  });

  it('learns the secrets a tenant hands out, from any depth of a JSON answer', () => {
    const learner = new Redactor();
    learner.learnFromJson(
      JSON.stringify({ a: [{ access_token: 'tok-0123456789abcdef' }], secret: 'client-secret-xyz' }),
    );
    assert.equal(learner.redact('tok-0123456789abcdef and client-secret-xyz'), '******** and ********');
  });

  it('keeps escape sequences and other control characters of a tenant off the terminal', () => {
    assert.equal(safeText('a\u001b[31mred\u001b[0m \u001b]0;title\u0007b\u202e\u0000c\td\ne'), 'ared bc\td\ne');
  });
});
