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

  it('masks credential headers by name, keeping only the scheme', () => {
    const fresh = new Redactor();
    assert.equal(fresh.redactHeader('Authorization', 'Bearer an-unknown-token-value'), 'Bearer ********');
    assert.equal(fresh.redactHeader('authorization', 'Basic dXNlcjpwYXNz'), 'Basic ********');
    assert.equal(fresh.redactHeader('Cookie', 'session=abcdef123456'), '********');
    assert.equal(fresh.redactHeader('X-Api-Key', 'k'), '********');
    assert.equal(fresh.redactHeader('Content-Type', 'application/json'), 'application/json');
    assert.equal(redactor.redactHeader('Location', `https://x/${SECRET}`), 'https://x/********');
  });

  it('masks secret fields of a JSON or form body even when the run never learned them', () => {
    const fresh = new Redactor();
    const json = fresh.redactBody(
      JSON.stringify({ userName: 'u', password: 'Unknown-Pa55', nested: [{ client_secret: 'unknown-s3cret' }] }),
      'application/json',
    );
    assert.doesNotMatch(json, /Unknown-Pa55|unknown-s3cret/);
    assert.equal(JSON.parse(json).userName, 'u');
    const form = fresh.redactBody(
      'grant_type=password&username=u&password=Unknown-Pa55',
      'application/x-www-form-urlencoded',
    );
    assert.equal(form, 'grant_type=password&username=u&password=********');
    assert.equal(redactor.redactBody(`cut short: "${SECRET}`, 'application/json'), 'cut short: "********');
  });

  it('learns the one-time credentials a URL carries: an authorization code, a first-login link', () => {
    const learner = new Redactor();
    learner.learnFromUrl('https://app.example/callback?code=auth-code-0123456789&state=xyz');
    learner.learnFromJson(JSON.stringify({ firstLoginUrl: 'https://t.example/SAAS/auth/activate?otp=one-time-9876' }));
    assert.equal(learner.redact('code auth-code-0123456789, state xyz'), 'code ********, state xyz');
    assert.doesNotMatch(learner.redact('open https://t.example/SAAS/auth/activate?otp=one-time-9876'), /one-time/);
  });
});
