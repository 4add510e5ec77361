// Proves the loopback OpenID Connect provider of tests/oidc/provider.mjs behaves as Waymark's
// single sign-on tests need: discovery and JWKS, the authorization code flow with PKCE through
// its login form (fetch with a hand-kept cookie jar), client_secret_basic at the token endpoint,
// ID tokens verified with node:crypto against the JWKS, code replay refused, key rotation, every
// tamper mode, email only in userinfo when asked, and the script mode's JSON line and controls.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  clientId, defaultClientSecret, startProvider, tamperModes, wrongAudience, wrongIssuer,
} from './provider.mjs';

const redirectUri = 'http://127.0.0.1:9/auth/oidc/callback';
const otherRedirectUri = 'http://127.0.0.1:9/other/callback';
const providerScript = fileURLToPath(new URL('./provider.mjs', import.meta.url));

// ---------------------------------------------------------------------------------------------
// A minimal relying party

// Cookies by name for the one host; expired ones (oidc-provider clears with a 1970 date) go.
class CookieJar {
  #cookies = new Map();

  store(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const expires = attributes.find((a) => /^expires=/i.test(a));
      const gone = expires && Date.parse(expires.slice(8)) <= Date.now();
      if (gone || /^max-age=0$/i.test(attributes.find((a) => /^max-age=/i.test(a)) ?? '')) {
        this.#cookies.delete(name);
      } else {
        this.#cookies.set(name, pair.slice(eq + 1));
      }
    }
  }

  get header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get names() {
    return [...this.#cookies.keys()];
  }
}

async function request(url, jar, init = {}) {
  const res = await fetch(url, {
    ...init, redirect: 'manual', headers: { ...init.headers, cookie: jar.header },
  });
  jar.store(res);
  return res;
}

function location(res, base) {
  assert.equal(res.status, 303, `expected a 303 redirect, got ${res.status}`);
  return new URL(res.headers.get('location'), base);
}

function sha256Base64Url(text) {
  return crypto.createHash('sha256').update(text).digest('base64url');
}

function authorizationUrl(op, overrides = {}) {
  const url = new URL(`${op.issuer}/auth`);
  const params = {
    client_id: clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: redirectUri,
    state: crypto.randomBytes(16).toString('base64url'),
    nonce: crypto.randomBytes(16).toString('base64url'),
    ...overrides,
  };
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}

// Starts an authorization request with PKCE S256; returns the first response and what the
// relying party keeps.
async function startAuthorization(op, { jar = new CookieJar(), ...overrides } = {}) {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const url = authorizationUrl(op, {
    code_challenge: sha256Base64Url(verifier), code_challenge_method: 'S256', ...overrides,
  });
  const res = await request(url, jar);
  const { state, nonce, redirect_uri: usedRedirect } = Object.fromEntries(url.searchParams);
  return { res, jar, verifier, state, nonce, redirectUri: usedRedirect };
}

async function submitLogin(op, interactionUrl, jar, login, password = 'any password at all') {
  const body = new URLSearchParams({ prompt: 'login', login, password });
  return request(interactionUrl, jar, {
    method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

// The whole front channel: authorization request, login form, resume, callback with the code.
async function signIn(op, { login = 'alice', ...options } = {}) {
  const flow = await startAuthorization(op, options);
  const interactionUrl = location(flow.res, op.issuer);
  assert.match(interactionUrl.pathname, /^\/interaction\/[\w-]+$/);
  const form = await request(interactionUrl, flow.jar);
  assert.equal(form.status, 200);
  assert.match(await form.text(), /name="login"/);
  const submitted = await submitLogin(op, interactionUrl, flow.jar, login);
  const resume = location(submitted, op.issuer);
  const callback = location(await request(resume, flow.jar), op.issuer);
  return { ...flow, callback, ...checkCallback(op, callback, flow) };
}

function checkCallback(op, callback, flow) {
  assert.equal(`${callback.origin}${callback.pathname}`, flow.redirectUri);
  assert.equal(callback.searchParams.get('state'), flow.state);
  assert.equal(callback.searchParams.get('iss'), op.issuer);
  assert.equal(callback.searchParams.get('error'), null, callback.searchParams.get('error_description'));
  return { code: callback.searchParams.get('code') };
}

function basic(id, secret) {
  const encode = (value) => encodeURIComponent(value);
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

async function exchange(op, flow, { secret = op.clientSecret ?? defaultClientSecret, verifier = flow.verifier } = {}) {
  const res = await fetch(`${op.issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: basic(clientId, secret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: flow.code,
      redirect_uri: flow.redirectUri,
      code_verifier: verifier,
    }),
  });
  return { status: res.status, body: await res.json() };
}

function decodeJwt(token) {
  const [header, payload, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url')),
    claims: JSON.parse(Buffer.from(payload, 'base64url')),
    input: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

async function jwks(op) {
  const res = await fetch(`${op.issuer}/jwks`);
  assert.equal(res.status, 200);
  return (await res.json()).keys;
}

// Whether the token's signature verifies with the published key its header names.
async function verifiesWithJwks(op, token) {
  const { header, input, signature } = decodeJwt(token);
  const jwk = (await jwks(op)).find((key) => key.kid === header.kid);
  assert.ok(jwk, `kid ${header.kid} is not published`);
  assert.equal(jwk.alg, header.alg);
  const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
  const options = header.alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key;
  return crypto.verify('sha256', Buffer.from(input), options, signature);
}

async function userinfo(op, accessToken) {
  const res = await fetch(`${op.issuer}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: res.status, body: res.status === 200 ? await res.json() : undefined };
}

// Signs in and exchanges the code; returns the decoded ID token and the token response.
async function idTokenFor(op, options) {
  const flow = await signIn(op, options);
  const tokens = await exchange(op, flow);
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  return { flow, tokens: tokens.body, ...decodeJwt(tokens.body.id_token) };
}

// ---------------------------------------------------------------------------------------------

describe('the default provider (RS256, email in the ID token)', () => {
  let op;
  before(async () => {
    op = await startProvider({ redirectUri: [redirectUri, otherRedirectUri] });
  });
  after(() => op.stop());

  test('listens on loopback and publishes its discovery document', async () => {
    assert.match(op.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(op.control, `${op.issuer}/_test`);
    const res = await fetch(`${op.issuer}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const doc = await res.json();
    assert.equal(doc.issuer, op.issuer);
    assert.equal(doc.authorization_endpoint, `${op.issuer}/auth`);
    assert.equal(doc.token_endpoint, `${op.issuer}/token`);
    assert.equal(doc.userinfo_endpoint, `${op.issuer}/me`);
    assert.equal(doc.jwks_uri, `${op.issuer}/jwks`);
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(doc.response_types_supported, ['code']);
    assert.deepEqual(doc.scopes_supported, ['openid', 'email', 'profile']);
    assert.deepEqual(doc.token_endpoint_auth_methods_supported, ['client_secret_basic']);
    for (const claim of ['sub', 'email', 'email_verified', 'name']) {
      assert.ok(doc.claims_supported.includes(claim), claim);
    }
    assert.deepEqual(doc.id_token_signing_alg_values_supported, ['RS256']);
  });

  test('publishes its signing key, public parts only', async () => {
    const keys = await jwks(op);
    assert.deepEqual(keys.map(({ kid, kty, alg }) => ({ kid, kty, alg })),
      [{ kid: op.signingKid, kty: 'RSA', alg: 'RS256' }]);
    assert.deepEqual(op.publishedKids, [op.signingKid]);
    for (const key of keys) {
      assert.equal(key.use, 'sig');
      assert.equal(key.d, undefined);
    }
  });

  test('runs the code flow with PKCE and returns a signed ID token with the email', async () => {
    const { flow, tokens, header, claims } = await idTokenFor(op);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.kid, op.signingKid);
    assert.ok(await verifiesWithJwks(op, tokens.id_token));
    assert.equal(claims.iss, op.issuer);
    assert.equal(claims.aud, clientId);
    assert.equal(claims.sub, 'alice');
    assert.equal(claims.nonce, flow.nonce);
    assert.equal(claims.email, 'alice@barnet.gov.uk');
    assert.equal(claims.email_verified, true);
    assert.equal(claims.name, 'Alice Adeyemi');
    const now = Math.floor(Date.now() / 1000);
    assert.ok(claims.iat <= now + 1 && claims.exp > now, `iat ${claims.iat} exp ${claims.exp}`);
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.refresh_token, undefined);
    const info = await userinfo(op, tokens.access_token);
    assert.equal(info.status, 200);
    assert.deepEqual(info.body, {
      sub: 'alice', email: 'alice@barnet.gov.uk', email_verified: true, name: 'Alice Adeyemi',
    });
  });

  test('uses its own cookie names, SameSite=Lax, and no Secure flag on plain HTTP', async () => {
    const flow = await startAuthorization(op);
    const cookies = flow.res.headers.getSetCookie();
    assert.ok(cookies.some((c) => c.startsWith('op_interaction=')), cookies.join('\n'));
    for (const cookie of cookies) {
      assert.match(cookie, /samesite=lax/i);
      assert.doesNotMatch(cookie, /;\s*secure/i);
    }
  });

  test('accepts a second registered redirect URI and refuses an unregistered one', async () => {
    const flow = await signIn(op, { redirect_uri: otherRedirectUri });
    assert.equal((await exchange(op, flow)).status, 200);
    const bad = await startAuthorization(op, { redirect_uri: 'http://127.0.0.1:9/evil' });
    assert.equal(bad.res.status, 400);
    assert.match(await bad.res.text(), /redirect_uri did not match/);
  });

  test('requires PKCE with S256', async () => {
    const none = await startAuthorization(op, { code_challenge: undefined, code_challenge_method: undefined });
    const noneCallback = location(none.res, op.issuer);
    assert.equal(noneCallback.searchParams.get('error'), 'invalid_request');
    assert.match(noneCallback.searchParams.get('error_description'), /PKCE/);
    const plain = await startAuthorization(op, { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' });
    assert.equal(location(plain.res, op.issuer).searchParams.get('error'), 'invalid_request');
  });

  test('refuses a wrong code verifier, a wrong secret and client_secret_post', async () => {
    const flow = await signIn(op);
    const wrongVerifier = await exchange(op, flow, { verifier: crypto.randomBytes(32).toString('base64url') });
    assert.equal(wrongVerifier.status, 400);
    assert.equal(wrongVerifier.body.error, 'invalid_grant');

    const flow2 = await signIn(op);
    const wrongSecret = await exchange(op, flow2, { secret: 'not-the-secret' });
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.body.error, 'invalid_client');

    const flow3 = await signIn(op);
    const res = await fetch(`${op.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: flow3.code, redirect_uri: redirectUri,
        code_verifier: flow3.verifier, client_id: clientId, client_secret: defaultClientSecret,
      }),
    });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error, 'invalid_client');
  });

  test('refuses a replayed code and revokes what the first exchange issued', async () => {
    const flow = await signIn(op);
    const first = await exchange(op, flow);
    assert.equal(first.status, 200);
    assert.equal((await userinfo(op, first.body.access_token)).status, 200);
    const replay = await exchange(op, flow);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.equal((await userinfo(op, first.body.access_token)).status, 401);
  });

  test('shows a login form with labelled fields and re-shows it for an unknown account', async () => {
    const flow = await startAuthorization(op);
    const interactionUrl = location(flow.res, op.issuer);
    const html = await (await request(interactionUrl, flow.jar)).text();
    assert.match(html, /<label for="login">Login<\/label>/);
    assert.match(html, /<input id="login" name="login" type="text"/);
    assert.match(html, /<label for="password">Password<\/label>/);
    assert.match(html, /<input id="password" name="password" type="password"/);
    assert.match(html, /<button type="submit">Sign-in<\/button>/);
    assert.doesNotMatch(html, /https?:\/\/(?!127\.0\.0\.1)/, 'the page loads nothing from elsewhere');

    const unknown = await submitLogin(op, interactionUrl, flow.jar, 'mallory');
    assert.equal(unknown.status, 200);
    assert.match(await unknown.text(), /role="alert" id="error">Unknown account &#34;mallory&#34;\./);
    const resume = location(await submitLogin(op, interactionUrl, flow.jar, 'alice'), op.issuer);
    const callback = location(await request(resume, flow.jar), op.issuer);
    assert.ok(checkCallback(op, callback, flow).code);
  });

  test('Cancel sends access_denied back to the client', async () => {
    const flow = await startAuthorization(op);
    const interactionUrl = location(flow.res, op.issuer);
    const abort = new URL(`${interactionUrl.pathname}/abort`, op.issuer);
    const resume = location(await request(abort, flow.jar), op.issuer);
    const callback = location(await request(resume, flow.jar), op.issuer);
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(callback.searchParams.get('state'), flow.state);
    assert.equal(callback.searchParams.get('code'), null);
  });

  test('keeps the sign-in session until forgetSessions', async () => {
    const first = await signIn(op);
    const again = await startAuthorization(op, { jar: first.jar });
    const callback = location(again.res, op.issuer);
    assert.ok(checkCallback(op, callback, again).code, 'signed in without the form');
    op.forgetSessions();
    const fresh = await startAuthorization(op, { jar: first.jar });
    assert.match(location(fresh.res, op.issuer).pathname, /^\/interaction\//);
  });

  test('gives each test account its claims, and accounts can be added', async () => {
    const unverified = await idTokenFor(op, { login: 'unverified' });
    assert.equal(unverified.claims.email, 'unverified@barnet.gov.uk');
    assert.equal(unverified.claims.email_verified, false);
    const newcomer = await idTokenFor(op, { login: 'newcomer' });
    assert.equal(newcomer.claims.email, 'newcomer@barnet.gov.uk');
    assert.equal(newcomer.claims.email_verified, true);
    const outsider = await idTokenFor(op, { login: 'outsider' });
    assert.equal(outsider.claims.email, 'someone@example.org');

    op.addAccount('bob', { email: 'bob@barnet.gov.uk', email_verified: true, name: 'Bob Bello' });
    const bob = await idTokenFor(op, { login: 'bob' });
    assert.equal(bob.claims.sub, 'bob');
    assert.equal(bob.claims.email, 'bob@barnet.gov.uk');
    assert.equal(bob.claims.name, 'Bob Bello');
    op.addAccount('silent', { email: 'silent@barnet.gov.uk' });
    const silent = await idTokenFor(op, { login: 'silent' });
    assert.equal(silent.claims.email, 'silent@barnet.gov.uk');
    assert.equal('email_verified' in silent.claims, false);
    assert.throws(() => op.addAccount('', {}), TypeError);
  });

  test('only asks for what the scope covers', async () => {
    const { claims } = await idTokenFor(op, { scope: 'openid' });
    assert.equal(claims.sub, 'alice');
    assert.equal(claims.email, undefined);
    assert.equal(claims.name, undefined);
  });

  test('each tamper mode re-signs the ID token as intended', async (t) => {
    t.after(() => op.setTamper('none'));
    assert.deepEqual([...tamperModes],
      ['none', 'expired', 'foreign-key', 'wrong-audience', 'wrong-nonce', 'wrong-issuer']);
    const honest = await idTokenFor(op);

    op.setTamper('expired');
    const expired = await idTokenFor(op);
    const now = Math.floor(Date.now() / 1000);
    assert.ok(Math.abs(expired.claims.exp - (now - 7200)) <= 5, `exp ${expired.claims.exp}`);
    assert.ok(Math.abs(expired.claims.iat - (now - 7200)) <= 5, `iat ${expired.claims.iat}`);
    assert.equal(expired.claims.auth_time, undefined, 'no auth_time unless max_age asks');
    assert.deepEqual(expired.header, honest.header);
    assert.ok(await verifiesWithJwks(op, expired.tokens.id_token));

    op.setTamper('foreign-key');
    const foreign = await idTokenFor(op);
    assert.deepEqual(foreign.header, { alg: 'RS256', typ: 'JWT', kid: op.signingKid });
    assert.deepEqual(foreign.header, honest.header);
    assert.equal(foreign.claims.nonce, foreign.flow.nonce);
    assert.equal(foreign.claims.email, 'alice@barnet.gov.uk');
    assert.equal(await verifiesWithJwks(op, foreign.tokens.id_token), false);

    op.setTamper('wrong-audience');
    const audience = await idTokenFor(op);
    assert.equal(audience.claims.aud, wrongAudience);
    assert.ok(await verifiesWithJwks(op, audience.tokens.id_token));

    op.setTamper('wrong-nonce');
    const nonce = await idTokenFor(op);
    assert.ok(nonce.claims.nonce && nonce.claims.nonce !== nonce.flow.nonce);
    assert.ok(await verifiesWithJwks(op, nonce.tokens.id_token));

    op.setTamper('wrong-issuer');
    const issuer = await idTokenFor(op);
    assert.equal(issuer.claims.iss, wrongIssuer);
    assert.equal(issuer.claims.aud, clientId);
    assert.ok(await verifiesWithJwks(op, issuer.tokens.id_token));

    op.setTamper('none');
    const clean = await idTokenFor(op);
    assert.equal(clean.claims.iss, op.issuer);
    assert.ok(await verifiesWithJwks(op, clean.tokens.id_token));
    assert.throws(() => op.setTamper('bogus'), TypeError);
    assert.equal(op.tamperMode, 'none');
  });

  test('the controls over HTTP set the tamper mode and rotate the keys', async (t) => {
    t.after(() => op.setTamper('none'));
    const set = await fetch(`${op.control}/tamper?mode=wrong-nonce`, { method: 'POST' });
    assert.equal(set.status, 200);
    assert.deepEqual(await set.json(), { mode: 'wrong-nonce' });
    assert.equal(op.tamperMode, 'wrong-nonce');
    const bad = await fetch(`${op.control}/tamper?mode=bogus`, { method: 'POST' });
    assert.equal(bad.status, 400);
    assert.equal(op.tamperMode, 'wrong-nonce');
    assert.equal((await fetch(`${op.control}/tamper?mode=none`)).status, 405);
    assert.equal((await fetch(`${op.control}/nothing`, { method: 'POST' })).status, 404);

    const before = op.signingKid;
    const rotated = await fetch(`${op.control}/rotate`, { method: 'POST' });
    assert.equal(rotated.status, 200);
    const { kid, kids } = await rotated.json();
    assert.notEqual(kid, before);
    assert.equal(kid, op.signingKid);
    assert.ok(kids.includes(before) && kids.includes(kid));

    const added = await fetch(`${op.control}/accounts`, {
      method: 'POST',
      body: JSON.stringify({ id: 'carol', email: 'carol@barnet.gov.uk', email_verified: true, name: 'Carol' }),
    });
    assert.equal(added.status, 201);
    const carol = await idTokenFor(op, { login: 'carol' });
    assert.equal(carol.claims.email, 'carol@barnet.gov.uk');
    assert.notEqual(carol.claims.nonce, carol.flow.nonce);
    assert.equal((await fetch(`${op.control}/accounts`, { method: 'POST', body: '{' })).status, 400);
  });

  test('rotateKeys signs with a new kid and keeps the old key published', async () => {
    const old = op.signingKid;
    const oldToken = await idTokenFor(op);
    assert.equal(oldToken.header.kid, old);
    const kid = await op.rotateKeys();
    assert.notEqual(kid, old);
    assert.equal(op.signingKid, kid);
    const published = (await jwks(op)).map((key) => key.kid);
    assert.ok(published.includes(kid) && published.includes(old));
    assert.equal(published[0], kid, 'the newest key comes first');
    assert.deepEqual(published, op.publishedKids);
    const fresh = await idTokenFor(op);
    assert.equal(fresh.header.kid, kid);
    assert.ok(await verifiesWithJwks(op, fresh.tokens.id_token));
    assert.ok(await verifiesWithJwks(op, oldToken.tokens.id_token));
  });

  test('refuses to start without a redirect URI or with an unknown algorithm', async () => {
    await assert.rejects(startProvider({}), TypeError);
    await assert.rejects(startProvider({ redirectUri, idTokenAlg: 'HS256' }), TypeError);
  });
});

describe('a provider signing with ES256', () => {
  let op;
  before(async () => {
    op = await startProvider({ redirectUri, idTokenAlg: 'ES256', clientSecret: 'another-secret-value-0123456789' });
  });
  after(() => op.stop());

  test('signs ID tokens with the EC key and its own client secret', async () => {
    const flow = await signIn(op);
    const wrong = await exchange(op, flow, { secret: defaultClientSecret });
    assert.equal(wrong.status, 401, 'the default secret is refused');
    const { tokens, header, claims } = await idTokenFor(op);
    assert.equal(header.alg, 'ES256');
    assert.equal(header.kid, op.signingKid);
    const [jwk] = await jwks(op);
    assert.deepEqual({ kty: jwk.kty, crv: jwk.crv, alg: jwk.alg }, { kty: 'EC', crv: 'P-256', alg: 'ES256' });
    assert.equal(decodeJwt(tokens.id_token).signature.length, 64);
    assert.ok(await verifiesWithJwks(op, tokens.id_token));
    assert.equal(claims.email, 'alice@barnet.gov.uk');
  });

  test('foreign-key and rotation work with EC keys too', async (t) => {
    t.after(() => op.setTamper('none'));
    op.setTamper('foreign-key');
    const foreign = await idTokenFor(op);
    assert.deepEqual(foreign.header, { alg: 'ES256', typ: 'JWT', kid: op.signingKid });
    assert.equal(await verifiesWithJwks(op, foreign.tokens.id_token), false);
    op.setTamper('none');
    const old = op.signingKid;
    await op.rotateKeys();
    const fresh = await idTokenFor(op);
    assert.notEqual(fresh.header.kid, old);
    assert.ok(await verifiesWithJwks(op, fresh.tokens.id_token));
  });
});

describe('a provider keeping the email out of the ID token', () => {
  let op;
  before(async () => {
    op = await startProvider({ redirectUri, emailInIdToken: false });
  });
  after(() => op.stop());

  test('puts email, email_verified and name only in userinfo', async () => {
    const { tokens, claims } = await idTokenFor(op);
    assert.equal(claims.sub, 'alice');
    assert.equal(claims.email, undefined);
    assert.equal(claims.email_verified, undefined);
    assert.equal(claims.name, undefined);
    assert.ok(await verifiesWithJwks(op, tokens.id_token));
    const info = await userinfo(op, tokens.access_token);
    assert.equal(info.status, 200);
    assert.deepEqual(info.body, {
      sub: 'alice', email: 'alice@barnet.gov.uk', email_verified: true, name: 'Alice Adeyemi',
    });
  });
});

describe('script mode', () => {
  test('prints one JSON line, serves the controls and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [providerScript, '--redirect-uri', redirectUri, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout) {
      stdout += chunk;
      if (stdout.includes('\n')) break;
    }
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    const { issuer, control } = JSON.parse(stdout);
    assert.match(issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(control, `${issuer}/_test`);

    const op = { issuer };
    const flow = await signIn(op);
    const tamper = await fetch(`${control}/tamper?mode=expired`, { method: 'POST' });
    assert.equal(tamper.status, 200);
    const tokens = await exchange(op, flow);
    assert.equal(tokens.status, 200);
    assert.ok(decodeJwt(tokens.body.id_token).claims.exp < Date.now() / 1000 - 7000);
    const rotate = await fetch(`${control}/rotate`, { method: 'POST' });
    assert.equal(rotate.status, 200);
    const { kid } = await rotate.json();
    assert.ok((await jwks(op)).some((key) => key.kid === kid));

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, stderr);
    assert.equal(stdout.split('\n').filter(Boolean).length, 1, stdout);
    assert.equal(stderr, '');
  });

  test('without --redirect-uri prints its usage and exits with 2', async () => {
    const child = spawn(process.execPath, [providerScript], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /^usage: node tests\/oidc\/provider\.mjs --redirect-uri URL/);
  });
});
