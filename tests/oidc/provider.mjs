// A real OpenID Connect provider (the `oidc-provider` package) on loopback, for the tests of
// Waymark's single sign-on: one confidential client "waymark-test" (authorization code flow,
// PKCE S256 required, client_secret_basic), test accounts signing in at a plain HTML login form
// (/interaction/UID: fields "Login" and "Password", any password, button "Sign-in"; no consent page),
// signing keys generated at start, and controls the tests use to rotate the keys and to tamper
// with the ID token the token endpoint returns. Nothing is fetched from the network.
//
// As a module: `const op = await startProvider({ redirectUri })`, then `op.issuer`, `op.stop()`.
// As a script: `node tests/oidc/provider.mjs --redirect-uri URL [--port N]` prints one JSON line
// {"issuer": ..., "control": ...} and serves until killed. The controls over HTTP, all POST:
// {control}/rotate (rotateKeys), {control}/tamper?mode=X (setTamper), {control}/accounts with a
// JSON body {id, email, email_verified, name} (addAccount), {control}/forget-sessions.
import crypto from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

export const clientId = 'waymark-test';
export const defaultClientSecret = 'waymark-test-secret-0123456789abcdef';
export const tamperModes = Object.freeze([
  'none', 'expired', 'foreign-key', 'wrong-audience', 'wrong-nonce', 'wrong-issuer',
]);
export const controlPrefix = '/_test';
export const wrongIssuer = 'https://wrong-issuer.invalid';
export const wrongAudience = 'someone-else';

const defaultAccounts = [
  ['alice', { email: 'alice@barnet.gov.uk', email_verified: true, name: 'Alice Adeyemi' }],
  ['unverified', { email: 'unverified@barnet.gov.uk', email_verified: false, name: 'Una Verified' }],
  ['newcomer', { email: 'newcomer@barnet.gov.uk', email_verified: true, name: 'Nia Newcomer' }],
  ['outsider', { email: 'someone@example.org', email_verified: true, name: 'Oscar Outsider' }],
];
const keyTypes = { RS256: 'rsa', ES256: 'ec' };
const twoHours = 2 * 60 * 60;

// ---------------------------------------------------------------------------------------------
// Keys

function base64Url(value) {
  return Buffer.from(value).toString('base64url');
}

// RFC 7638 JWK thumbprint, used as the kid.
function thumbprint(jwk) {
  const members = jwk.kty === 'RSA'
    ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
    : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return crypto.createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

async function generateKey(alg) {
  const type = keyTypes[alg];
  const options = type === 'rsa' ? { modulusLength: 2048 } : { namedCurve: 'P-256' };
  const privateKey = await new Promise((resolve, reject) => {
    crypto.generateKeyPair(type, options, (err, publicKey, key) => (err ? reject(err) : resolve(key)));
  });
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = thumbprint(jwk);
  return { alg, kid, privateKey, jwk: { ...jwk, kid, alg, use: 'sig' } };
}

function signJws(encodedHeader, payload, alg, privateKey) {
  const input = `${encodedHeader}.${base64Url(JSON.stringify(payload))}`;
  const key = alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey;
  const signature = crypto.sign('sha256', Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

// ---------------------------------------------------------------------------------------------
// Storage shared by every Provider instance of one handle (a rotation builds a new instance).

function makeAdapterClass(store) {
  const now = () => Date.now();
  const live = (key) => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      store.delete(key);
      return undefined;
    }
    return entry;
  };
  const put = (key, value, expiresIn) => {
    store.set(key, { value, expiresAt: expiresIn ? now() + expiresIn * 1000 : Infinity });
  };

  return class MapAdapter {
    constructor(model) {
      this.model = model;
    }

    key(id) {
      return `${this.model}:${id}`;
    }

    async upsert(id, payload, expiresIn) {
      put(this.key(id), structuredClone(payload), expiresIn);
      if (this.model === 'Session') put(`SessionUid:${payload.uid}`, id, expiresIn);
      if (payload.userCode) put(`UserCode:${payload.userCode}`, id, expiresIn);
      if (payload.grantId) {
        const grantKey = `GrantMembers:${payload.grantId}`;
        const members = live(grantKey)?.value ?? [];
        put(grantKey, [...members, this.key(id)], 0);
      }
    }

    async find(id) {
      const entry = live(this.key(id));
      return entry ? structuredClone(entry.value) : undefined;
    }

    async findByUid(uid) {
      const entry = live(`SessionUid:${uid}`);
      return entry ? this.find(entry.value) : undefined;
    }

    async findByUserCode(userCode) {
      const entry = live(`UserCode:${userCode}`);
      return entry ? this.find(entry.value) : undefined;
    }

    async consume(id) {
      const entry = live(this.key(id));
      if (entry) entry.value.consumed = Math.floor(now() / 1000);
    }

    async destroy(id) {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId) {
      const grantKey = `GrantMembers:${grantId}`;
      for (const key of live(grantKey)?.value ?? []) store.delete(key);
      store.delete(grantKey);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} - Waymark test identity provider</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
}

function loginPage(uid, { login = '', error = '' } = {}) {
  const alert = error ? `<p role="alert" id="error">${escapeHtml(error)}</p>\n` : '';
  return page('Sign in', `<p>Test identity provider for client ${escapeHtml(clientId)}.</p>
${alert}<form method="post" action="/interaction/${escapeHtml(uid)}" autocomplete="off">
<input type="hidden" name="prompt" value="login">
<p><label for="login">Login</label>
<input id="login" name="login" type="text" required autofocus value="${escapeHtml(login)}"></p>
<p><label for="password">Password</label>
<input id="password" name="password" type="password" required></p>
<p><button type="submit">Sign-in</button></p>
</form>
<p><a href="/interaction/${escapeHtml(uid)}/abort">Cancel</a></p>`);
}

async function renderError(ctx, out) {
  ctx.type = 'html';
  const lines = Object.entries(out).map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</p>`);
  ctx.body = page('Sign-in failed', lines.join('\n'));
}

async function logoutSource(ctx, form) {
  ctx.type = 'html';
  ctx.body = page('Sign out', `${form}
<p><button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></p>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.type = 'html';
  ctx.body = page('Signed out', '<p>You are signed out of the test identity provider.</p>');
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 64 * 1024) throw Object.assign(new Error('form too large'), { status: 413 });
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// ---------------------------------------------------------------------------------------------
// The handle

class TestProvider {
  issuer = undefined; // http://127.0.0.1:PORT
  control = undefined; // issuer + /_test

  #redirectUris;
  #alg;
  #clientSecret;
  #emailInIdToken;
  #port;
  #onError;
  #accounts = new Map(defaultAccounts.map(([id, claims]) => [id, { ...claims }]));
  #store = new Map();
  #Adapter = makeAdapterClass(this.#store);
  #cookieKeys = [crypto.randomBytes(32).toString('base64url')];
  #tamperMode = 'none';
  #keys = []; // newest first; the first signs
  #foreignKey; // made when first needed, never published
  #provider;
  #handler;
  #server;

  constructor(options) {
    const redirectUris = [options.redirectUri ?? []].flat();
    if (!redirectUris.length) throw new TypeError('startProvider: redirectUri is required');
    const alg = options.idTokenAlg ?? 'RS256';
    if (!keyTypes[alg]) throw new TypeError(`startProvider: idTokenAlg must be RS256 or ES256, not ${alg}`);
    this.#redirectUris = redirectUris;
    this.#alg = alg;
    this.#clientSecret = options.clientSecret ?? defaultClientSecret;
    this.#emailInIdToken = options.emailInIdToken ?? true;
    this.#port = options.port ?? 0;
    this.#onError = options.onError
      ?? ((err) => process.stderr.write(`test provider: ${err.stack || err}\n`));
  }

  async start() {
    this.#keys = [await generateKey(this.#alg)];
    this.#server = http.createServer((req, res) => this.#dispatch(req, res));
    this.#server.listen(this.#port, '127.0.0.1');
    await once(this.#server, 'listening');
    this.issuer = `http://127.0.0.1:${this.#server.address().port}`;
    this.control = `${this.issuer}${controlPrefix}`;
    this.#rebuild();
    return this;
  }

  #dispatch(req, res) {
    if (req.url === controlPrefix || req.url.startsWith(`${controlPrefix}/`)) {
      this.#control(req, res).catch((err) => {
        res.writeHead(err.status || 500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: err.message }));
      });
      return;
    }
    this.#handler(req, res);
  }

  // A new Provider instance with the current keys (newest first); storage, cookie keys and
  // accounts carry over, so sessions, codes and tokens survive a rotation.
  #rebuild() {
    const provider = new Provider(this.issuer, this.#configuration());
    provider.on('server_error', (ctx, err) => this.#onError(err));
    provider.use((ctx, next) => this.#interaction(provider, ctx, next));
    provider.use((ctx, next) => this.#tamperTokenResponse(ctx, next));
    this.#provider = provider;
    this.#handler = provider.callback();
  }

  #configuration() {
    const accounts = this.#accounts;
    return {
      adapter: this.#Adapter,
      clients: [{
        client_id: clientId,
        client_secret: this.#clientSecret,
        client_name: 'Waymark (test)',
        redirect_uris: this.#redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: this.#alg,
      }],
      jwks: { keys: this.#keys.map((key) => key.jwk) },
      scopes: ['openid', 'email', 'profile'],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: !this.#emailInIdToken,
      responseTypes: ['code'],
      // Only client_secret_basic: oidc-provider otherwise also takes the secret in the body.
      clientAuthMethods: ['client_secret_basic'],
      pkce: { methods: ['S256'], required: () => true },
      findAccount: (ctx, id) => {
        const claims = accounts.get(id);
        if (!claims) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
      },
      cookies: {
        keys: this.#cookieKeys,
        names: { session: 'op_session', interaction: 'op_interaction', resume: 'op_interaction_resume' },
        long: { httpOnly: true, sameSite: 'lax', signed: true },
        short: { httpOnly: true, sameSite: 'lax', signed: true },
      },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true, logoutSource, postLogoutSuccessSource,
        },
      },
      interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
      renderError,
      clientBasedCORS: () => false,
      ttl: {
        AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600,
        Session: 86400, Grant: 86400,
      },
    };
  }

  // GET/POST /interaction/:uid (the login form) and GET /interaction/:uid/abort. A successful
  // sign-in also grants every requested scope, so there is no separate consent page.
  async #interaction(provider, ctx, next) {
    const match = /^\/interaction\/([^/]+)(\/abort)?$/.exec(ctx.path);
    if (!match) return next();
    ctx.set('cache-control', 'no-store');
    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (match[2]) {
        if (ctx.method !== 'GET') ctx.throw(405);
        return await this.#finish(provider, ctx, {
          error: 'access_denied', error_description: 'End-User aborted interaction',
        });
      }
      if (details.prompt.name === 'consent' && ctx.method === 'GET' && details.session?.accountId) {
        const grantId = await this.#grantFor(provider, details, details.session.accountId);
        return await this.#finish(provider, ctx, { consent: { grantId } }, true);
      }
      if (ctx.method === 'GET') {
        ctx.type = 'html';
        ctx.body = loginPage(details.uid, { login: details.params.login_hint || '' });
        return undefined;
      }
      if (ctx.method !== 'POST') ctx.throw(405);
      const form = await readForm(ctx.req);
      const login = (form.get('login') || '').trim();
      if (!this.#accounts.has(login) || !form.get('password')) {
        ctx.type = 'html';
        const error = this.#accounts.has(login) ? 'Enter a password.' : `Unknown account "${login}".`;
        ctx.body = loginPage(details.uid, { login, error });
        return undefined;
      }
      const grantId = await this.#grantFor(provider, details, login);
      return await this.#finish(provider, ctx, { login: { accountId: login }, consent: { grantId } });
    } catch (err) {
      ctx.status = err.status || err.statusCode || 500;
      ctx.type = 'html';
      ctx.body = page('Sign-in failed', `<p>${escapeHtml(err.error_description || err.message)}</p>`);
      if (ctx.status >= 500) this.#onError(err);
      return undefined;
    }
  }

  async #grantFor(provider, details, accountId) {
    const { params, grantId, prompt } = details;
    const existing = grantId ? await provider.Grant.find(grantId) : undefined;
    const grant = existing && existing.accountId === accountId
      ? existing
      : new provider.Grant({ accountId, clientId: params.client_id });
    grant.addOIDCScope(params.scope || 'openid');
    if (prompt.details?.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    return grant.save();
  }

  async #finish(provider, ctx, result, merge = false) {
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
      mergeWithLastSubmission: merge,
    });
    ctx.redirect(returnTo);
    ctx.status = 303;
  }

  // Runs around the provider's own token endpoint and re-signs the ID token it returned.
  async #tamperTokenResponse(ctx, next) {
    await next();
    if (this.#tamperMode === 'none' || ctx.method !== 'POST' || ctx.path !== '/token') return;
    if (ctx.status !== 200 || !ctx.body || typeof ctx.body.id_token !== 'string') return;
    const idToken = await this.#tamper(ctx.body.id_token, this.#tamperMode);
    ctx.body = { ...ctx.body, id_token: idToken };
  }

  async #tamper(idToken, mode) {
    const [encodedHeader, encodedPayload] = idToken.split('.');
    const header = JSON.parse(Buffer.from(encodedHeader, 'base64url'));
    const claims = JSON.parse(Buffer.from(encodedPayload, 'base64url'));
    const now = Math.floor(Date.now() / 1000);
    switch (mode) {
      case 'expired': {
        const shift = claims.exp - (now - twoHours);
        claims.exp = now - twoHours;
        claims.iat = now - twoHours;
        if (claims.auth_time) claims.auth_time -= shift;
        break;
      }
      case 'wrong-audience': claims.aud = wrongAudience; break;
      case 'wrong-nonce': claims.nonce = `not-${claims.nonce ?? 'the-nonce'}`; break;
      case 'wrong-issuer': claims.iss = wrongIssuer; break;
      default: break;
    }
    if (mode === 'foreign-key') this.#foreignKey ??= await generateKey(header.alg);
    const key = mode === 'foreign-key'
      ? this.#foreignKey
      : this.#keys.find((k) => k.kid === header.kid);
    if (!key) throw new Error(`no key for kid ${header.kid} (${header.alg})`);
    return signJws(encodedHeader, claims, header.alg, key.privateKey);
  }

  async #control(req, res) {
    const url = new URL(req.url, this.issuer);
    const action = url.pathname.slice(controlPrefix.length);
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, { error: 'POST only' });
    switch (action) {
      case '/rotate':
        return reply(200, { kid: await this.rotateKeys(), kids: this.publishedKids });
      case '/tamper': {
        const mode = url.searchParams.get('mode') ?? '';
        if (!tamperModes.includes(mode)) return reply(400, { error: `unknown mode "${mode}"`, modes: tamperModes });
        this.setTamper(mode);
        return reply(200, { mode });
      }
      case '/accounts': {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        try {
          const { id, ...claims } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          this.addAccount(id, claims);
          return reply(201, { id });
        } catch (err) {
          return reply(400, { error: err.message });
        }
      }
      case '/forget-sessions':
        this.forgetSessions();
        return reply(200, {});
      default:
        return reply(404, { error: `unknown control ${action}` });
    }
  }

  // ----- public API -----

  // The kid the client's ID tokens are signed with now.
  get signingKid() {
    return this.#keys[0].kid;
  }

  get publishedKids() {
    return this.#keys.map((key) => key.kid);
  }

  get tamperMode() {
    return this.#tamperMode;
  }

  get clientId() {
    return clientId;
  }

  get clientSecret() {
    return this.#clientSecret;
  }

  get provider() {
    return this.#provider;
  }

  // A new key signs from now on; the old ones stay in the JWKS.
  async rotateKeys() {
    this.#keys = [await generateKey(this.#alg), ...this.#keys];
    this.#rebuild();
    return this.signingKid;
  }

  setTamper(mode) {
    if (!tamperModes.includes(mode)) throw new TypeError(`unknown tamper mode "${mode}"`);
    this.#tamperMode = mode;
  }

  // Claims left out are absent from the tokens (so email_verified can be missing altogether).
  addAccount(id, { email, email_verified: emailVerified, name } = {}) {
    if (typeof id !== 'string' || !id) throw new TypeError('addAccount: id must be a non-empty string');
    const claims = { email, email_verified: emailVerified, name };
    for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
    this.#accounts.set(id, claims);
  }

  // Ends every sign-in session at the provider: the next authorization request shows the form.
  forgetSessions() {
    for (const key of [...this.#store.keys()]) {
      if (key.startsWith('Session:') || key.startsWith('SessionUid:')) this.#store.delete(key);
    }
  }

  async stop() {
    if (!this.#server?.listening) return;
    const closed = once(this.#server, 'close');
    this.#server.close();
    this.#server.closeAllConnections();
    await closed;
  }
}

// options: redirectUri (string or array, required), port (0), clientSecret, idTokenAlg
// ('RS256' | 'ES256'), emailInIdToken (true: ID token carries email, email_verified and name;
// false: only userinfo does), onError (server errors; default: stderr).
export async function startProvider(options = {}) {
  return new TestProvider(options).start();
}

// ---------------------------------------------------------------------------------------------
// Script mode

async function main() {
  // oidc-provider prints notices with console.info; stdout carries only the JSON line.
  console.log = console.info = console.error; // eslint-disable-line no-console
  const { values } = parseArgs({
    options: {
      'redirect-uri': { type: 'string', multiple: true },
      port: { type: 'string', default: '0' },
      'client-secret': { type: 'string' },
      alg: { type: 'string', default: 'RS256' },
      'no-email-in-id-token': { type: 'boolean', default: false },
    },
  });
  if (!values['redirect-uri']?.length) {
    process.stderr.write('usage: node tests/oidc/provider.mjs --redirect-uri URL [--redirect-uri URL]'
      + ' [--port N] [--client-secret S] [--alg RS256|ES256] [--no-email-in-id-token]\n');
    process.exit(2);
  }
  const op = await startProvider({
    redirectUri: values['redirect-uri'],
    port: Number(values.port),
    clientSecret: values['client-secret'],
    idTokenAlg: values.alg,
    emailInIdToken: !values['no-email-in-id-token'],
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => op.stop().then(() => process.exit(0)));
  }
  process.stdout.write(`${JSON.stringify({ issuer: op.issuer, control: op.control })}\n`);
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  main().catch((err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  });
}
