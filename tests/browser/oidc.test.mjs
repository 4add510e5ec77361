// Browser tests of signing in through an organisation's identity provider: a real OpenID
// provider (npm oidc-provider, tests/oidc/provider.mjs) on loopback, registered with
// `waymark idp add` twice (one without provisioning, one that creates users for barnet.gov.uk),
// and Debian's chromium doing what a person does: "Sign in with NAME", the provider's login
// form, back to Waymark signed in. Every refusal (a wrong or replayed state, an expired token,
// a token signed by another key, an unverified email, a disabled user, an unknown email, an
// email of another domain) ends on the same page without saying why, and the audit log says
// why. Key rotation is followed. Screenshots: test-results/screenshots/oidc-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  assertNoAxeViolations, demoPassword, newTab, screenshot, setUpSuite, waymark,
} from './harness.mjs';
import { startProvider } from '../oidc/provider.mjs';

// The server started by setUpSuite inherits the site's secret key from the environment.
process.env.WAYMARK_SECRET_KEY = crypto.randomBytes(32).toString('hex');
const suite = setUpSuite();
const plain = 'test-idp';
const provisioning = 'test-idp-provision';
let op;
let tmp;

function cli(args, input = '') {
  return execFileSync(waymark, ['--db', suite.db, ...args], {
    input, encoding: 'utf8', env: process.env, stdio: ['pipe', 'pipe', 'pipe'],
  });
}

// The newest audit entry of `action`, as its CSV line.
function lastAudit(action) {
  const lines = cli(['audit', 'list', '--action', action, '--format', 'csv', '--limit', '1'])
    .trim().split('\n');
  assert.equal(lines.length, 2, `an audit entry ${action}`);
  return lines[1];
}

function addProvider(name, extra) {
  cli(['idp', 'add', name, '--issuer', op.issuer, '--client-id', op.clientId,
    '--client-secret-file', path.join(tmp, 'secret'), '--email-domain', 'barnet.gov.uk',
    ...extra]);
}

// Starts a sign-in through `provider` in a new browser and signs in at the provider as
// `login`. Resolves once the browser is back from the callback.
async function signInThrough(provider, login, { next = '/', options = {}, hold = false } = {}) {
  const { context, tab, problems } = await newTab(suite, options);
  await tab.goto(`${suite.base}/sign-in?next=${encodeURIComponent(next)}`);
  await tab.getByRole('button', { name: `Sign in with ${provider}`, exact: true }).click();
  await tab.getByLabel('Login').fill(login);
  await tab.getByLabel('Password').fill('any password');
  const isCallback = (url) => url.pathname === `/sign-in/oidc/${provider}/callback`;
  if (hold) {
    // Stops before the callback, so that the test can send its own: the login form's post and
    // the provider's redirects are followed here (with the browser's cookies) up to the
    // callback's address, and the browser is shown a blank page instead.
    let captured;
    const held = new Promise((resolve) => { captured = resolve; });
    const isLogin = (url) => url.pathname.startsWith('/interaction/');
    await tab.route(isLogin, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      let res = await route.fetch({ maxRedirects: 0 });
      let location = new URL(res.headers().location, res.url());
      while (!isCallback(location)) {
        res = await context.request.get(location.href, { maxRedirects: 0 });
        location = new URL(res.headers().location, res.url());
      }
      captured(location.href);
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>held</title>' });
    });
    await tab.getByRole('button', { name: 'Sign-in' }).click();
    const callbackUrl = await held;
    await tab.unroute(isLogin);
    return { context, tab, problems, callbackUrl };
  }
  const back = tab.waitForResponse((r) => isCallback(new URL(r.url())));
  await tab.getByRole('button', { name: 'Sign-in' }).click();
  const response = await back;
  await tab.waitForLoadState('load');
  return { context, tab, problems, callbackUrl: response.url(), status: response.status() };
}

async function assertRefused(tab, status, reason, where) {
  assert.equal(status, 403, `status of the refused callback (${where})`);
  assert.equal(await tab.getByRole('heading', { level: 1 }).textContent(),
    'You could not be signed in', where);
  const body = await tab.locator('main').textContent();
  assert.doesNotMatch(body, /nonce|signature|expired|verified|state/i,
    `the page does not say which check failed (${where})`);
  const entry = lastAudit('sign-in.refused');
  assert.ok(entry.includes(reason), `audited reason for ${where}: ${entry}`);
}

async function assertSignedInAs(tab, text, where) {
  const bar = (await tab.locator('.waymark-account').textContent()).replace(/\s+/g, ' ');
  assert.match(bar, new RegExp(`Signed in as ${text}`), `${where}: ${bar}`);
}

describe('sign-in through an identity provider', () => {
  // Inside the suite, so that the server (setUpSuite's hook) is up and its address known.
    before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-oidc-'));
    op = await startProvider({
      redirectUri: [plain, provisioning].map((n) => `${suite.base}/sign-in/oidc/${n}/callback`),
    });
    fs.writeFileSync(path.join(tmp, 'secret'), `${op.clientSecret}\n`);
    addProvider(plain, []);
    addProvider(provisioning, ['--org', 'barnet-council', '--provision']);
    for (const [email, name, role] of [
      ['alice@barnet.gov.uk', 'Alice Adeyemi', 'analyst'],
      ['unverified@barnet.gov.uk', 'Una Verified', 'partner'],
    ]) {
      cli(['user', 'add', email, '--name', name, '--org', 'barnet-council', '--role', role],
        `${demoPassword}\n`);
    }
  });

  after(async () => {
    if (op) await op.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the sign-in page offers each provider beside the password form', async () => {
    const { context, tab } = await newTab(suite);
    await tab.goto(`${suite.base}/sign-in`);
    for (const name of [plain, provisioning]) {
      const button = tab.getByRole('button', { name: `Sign in with ${name}`, exact: true });
      assert.equal(await button.count(), 1);
    }
    assert.equal(await tab.getByLabel('Email address').count(), 1);
    await assertNoAxeViolations(tab, '/sign-in with providers');
    await screenshot(tab, 'oidc-sign-in');
    await context.close();
  });

  test('a full sign-in lands signed in with the organisation and role', async () => {
    const { context, tab, problems, status } =
      await signInThrough(plain, 'alice', { next: '/cycles' });
    assert.equal(status, 303);
    assert.equal(new URL(tab.url()).pathname, '/cycles');
    await assertSignedInAs(tab, 'Alice Adeyemi, Barnet Council \\(analyst\\)', 'after sign-in');
    problems.length = 0;  // the provider's own page (its favicon) is not ours to judge
    await tab.reload();
    assert.deepEqual(problems, []);
    const entry = lastAudit('session.create');
    assert.ok(entry.includes('alice@barnet.gov.uk') && entry.includes(`/sign-in/oidc/${plain}/`),
      entry);
    const cookies = await context.cookies();
    assert.equal(cookies.filter((c) => c.name === 'waymark_oidc').length, 0,
      'the binding cookie is cleared');
    await context.close();
  });

  test('a replayed callback (code and state used already) is refused', async () => {
    const first = await signInThrough(plain, 'alice');
    assert.equal(first.status, 303);
    const { context, tab } = await newTab(suite);
    const replay = await tab.goto(first.callbackUrl);
    await assertRefused(tab, replay.status(), 'the state is unknown, used already or expired',
      'a replayed callback');
    await first.context.close();
    await context.close();
  });

  test('a wrong state is refused and the real one still works', async () => {
    const { context, tab, callbackUrl } = await signInThrough(plain, 'alice', { hold: true });
    const wrong = new URL(callbackUrl);
    wrong.searchParams.set('state', crypto.randomBytes(32).toString('base64url'));
    const refused = await tab.goto(wrong.href);
    await assertRefused(tab, refused.status(), 'the state is unknown', 'a wrong state');
    await assertNoAxeViolations(tab, 'the refusal page');
    await screenshot(tab, 'oidc-refused');
    await tab.goto(callbackUrl);
    assert.equal(new URL(tab.url()).pathname, '/', 'the real callback still signs in');
    await assertSignedInAs(tab, 'Alice Adeyemi', 'after the real callback');
    await context.close();
  });

  test('the state must come back to the browser that started the sign-in', async () => {
    const held = await signInThrough(plain, 'alice', { hold: true });
    const { context, tab } = await newTab(suite);
    const other = await tab.goto(held.callbackUrl);
    await assertRefused(tab, other.status(), 'the browser that came back is not the one',
      'another browser');
    await held.context.close();
    await context.close();
  });

  for (const [mode, reason] of [
    ['expired', 'the ID token expired at'],
    ['foreign-key', 'signature does not verify'],
    ['wrong-nonce', 'nonce does not match'],
    ['wrong-audience', 'does not include client id'],
    ['wrong-issuer', 'is not the expected'],
  ]) {
    test(`an ID token tampered with (${mode}) is refused`, async () => {
      op.setTamper(mode);
      try {
        const { context, tab, status } = await signInThrough(plain, 'alice');
        await assertRefused(tab, status, reason, mode);
        await context.close();
      } finally {
        op.setTamper('none');
      }
    });
  }

  test('an unverified email is refused', async () => {
    const { context, tab, status } = await signInThrough(plain, 'unverified');
    await assertRefused(tab, status, 'has not verified unverified@barnet.gov.uk', 'unverified');
    await context.close();
  });

  test('an email outside the provider\'s domains is refused', async () => {
    const { context, tab, status } = await signInThrough(plain, 'outsider');
    await assertRefused(tab, status, 'is not in the provider', 'another domain');
    await context.close();
  });

  test('a disabled user is refused even when the provider says yes', async () => {
    cli(['user', 'disable', 'alice@barnet.gov.uk']);
    try {
      const { context, tab, status } = await signInThrough(plain, 'alice');
      await assertRefused(tab, status, 'alice@barnet.gov.uk is disabled', 'disabled user');
      await context.close();
    } finally {
      cli(['user', 'enable', 'alice@barnet.gov.uk']);
    }
  });

  test('after a key rotation the new key is fetched and the sign-in works', async () => {
    const before = await signInThrough(plain, 'alice');
    assert.equal(before.status, 303);
    await before.context.close();
    op.rotateKeys();
    const { context, tab, status } = await signInThrough(plain, 'alice');
    assert.equal(status, 303, 'signed in with the rotated key');
    await assertSignedInAs(tab, 'Alice Adeyemi', 'after rotation');
    await context.close();
  });

  test('an unknown email is refused without provisioning and created with it', async () => {
    const refused = await signInThrough(plain, 'newcomer');
    await assertRefused(refused.tab, refused.status,
      'no user has the email newcomer@barnet.gov.uk', 'unknown without provisioning');
    await refused.context.close();

    const { context, tab, status } =
      await signInThrough(provisioning, 'newcomer', { options: { javaScriptEnabled: false } });
    assert.equal(status, 303);
    await assertSignedInAs(tab, 'Nia Newcomer, Barnet Council \\(partner\\)', 'provisioned');
    const users = cli(['user', 'list', '--format', 'csv']);
    const row = users.split('\n').find((l) => l.startsWith('newcomer@barnet.gov.uk,'));
    assert.ok(row && row.endsWith(`,${provisioning}`), `awaiting review: ${row}`);
    assert.ok(lastAudit('user.provision').includes(`idp:${provisioning}`));
    await context.close();
  });

  test('a disabled provider is offered no more and cannot be started', async () => {
    cli(['idp', 'disable', provisioning]);
    try {
      const { context, tab } = await newTab(suite);
      await tab.goto(`${suite.base}/sign-in`);
      assert.equal(
        await tab.getByRole('button', { name: `Sign in with ${provisioning}` }).count(), 0);
      const csrf = await tab.locator('input[name=csrf_token]').first().getAttribute('value');
      const res = await tab.request.post(`${suite.base}/sign-in/oidc/${provisioning}`, {
        form: { csrf_token: csrf, next: '/' }, maxRedirects: 0,
      });
      assert.equal(res.status(), 404);
      await context.close();
    } finally {
      cli(['idp', 'enable', provisioning]);
    }
  });
});
