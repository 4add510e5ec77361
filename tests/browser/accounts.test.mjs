// Browser tests of signing in and out, against `waymark serve --insecure-cookies` on a fresh demo
// database whose demo users (scripts/demo-db.sh) share harness.mjs's password. For each role: the
// sign-in form used as a person would, the account bar, what the role may see (the draft plan,
// the audit log) and signing out, every page free of axe-core violations at WCAG 2.2 AA; the
// error summary of a wrong password; sign-in and sign-out without JavaScript; `next`; 320 px;
// and the page of too many attempts, last, since it locks an account. Screenshots go to
// test-results/screenshots/accounts-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoAxeViolations, assertNoHorizontalScroll, demoPassword, newTab, screenshot, setUpSuite,
  visit,
} from './harness.mjs';

const suite = setUpSuite();
const draft = '/?plan=barnet-2019-23-draft';

// The demo users; `drafts` and `audit` say whether the role may see the draft plan and the
// audit log.
const users = [
  { role: 'admin', email: 'admin@barnet.example', drafts: true, audit: true },
  { role: 'analyst', email: 'analyst@barnet.example', drafts: true, audit: false },
  { role: 'board', email: 'board@barnet.example', drafts: true, audit: false },
  { role: 'partner', email: 'public-health@partners.example', drafts: false, audit: false },
];
const admin = users[0];
// Locked out by the last test, and used by no other.
const lockedUser = 'barnet-ccg@partners.example';


// The account bar's text, with its white space collapsed.
async function accountBar(tab, where = tab.url()) {
  const bar = tab.locator('.waymark-account');
  if (await bar.count() !== 1) {
    const unfilled = (await tab.content()).includes('<!--waymark:account-->');
    assert.fail(`no account bar on ${where}` +
      (unfilled ? ' (the page still holds the unfilled <!--waymark:account--> marker)' : ''));
  }
  const text = await bar.textContent();
  return text.replace(/\s+/g, ' ').trim();
}

async function assertSignedIn(tab, user, where) {
  const bar = await accountBar(tab, where);
  assert.match(bar, new RegExp(`Signed in as [^,]+, .+ \\(${user.role}\\)`),
    `account bar on ${where}: ${bar}`);
  assert.equal(await tab.getByRole('button', { name: 'Sign out' }).count(), 1,
    `one Sign out button on ${where}`);
}

async function assertSignedOut(tab, where) {
  const bar = tab.locator('.waymark-account');
  assert.equal(await bar.count(), 1, `an account bar on ${where}`);
  assert.equal(await bar.getByRole('link', { name: 'Sign in' }).count(), 1,
    `a Sign in link in the account bar on ${where}`);
  assert.doesNotMatch(await accountBar(tab, where), /Signed in as/, `account bar on ${where}`);
  assert.equal(await tab.getByRole('button', { name: 'Sign out' }).count(), 0,
    `no Sign out button on ${where}`);
}

// Fills the open sign-in form as a person would: click the email field, type, Tab to the
// password, type; `submit` is 'click' (the button) or 'enter' (Enter in the password field).
async function fillSignIn(tab, email, password, submit = 'click') {
  await tab.getByLabel('Email address').click();
  await tab.keyboard.type(email);
  await tab.keyboard.press('Tab');
  assert.equal(await tab.evaluate(() => document.activeElement.id), 'password',
    'Tab goes from the email field to the password field');
  await tab.keyboard.type(password);
  const posted = tab.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
  const loaded = tab.waitForEvent('load');  // the next document: the form again, or `next`
  if (submit === 'enter') {
    await tab.keyboard.press('Enter');
  } else {
    await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  const [response] = await Promise.all([posted, loaded]);
  return response;
}

// Clicks the account bar's Sign out button; returns the POST's response once the next page has
// loaded.
async function signOut(tab) {
  const posted = tab.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-out');
  const loaded = tab.waitForEvent('load');
  await tab.locator('.waymark-account').getByRole('button', { name: 'Sign out' }).click();
  const [response] = await Promise.all([posted, loaded]);
  assert.equal(response.status(), 303, 'POST /sign-out answers 303');
  assert.equal(tab.url(), `${suite.base}/`, 'signing out lands on the overview');
  return response;
}

async function h1(tab) {
  return (await tab.locator('h1').textContent()).trim();
}

describe('signing in and out, for each role', () => {
  for (const user of users) {
    test(`${user.role}: signs in, sees what the role may, signs out; axe-clean`, async () => {
      const { context, tab, problems } = await newTab(suite);
      try {
        await visit(suite, tab, problems, '/sign-in', 200);
        assert.equal(await h1(tab), 'Sign in');
        await screenshot(tab, `accounts-${user.role}-sign-in`);

        const posted = await fillSignIn(tab, user.email, demoPassword);
        assert.equal(posted.status(), 303, 'POST /sign-in answers 303');
        assert.equal(tab.url(), `${suite.base}/`, 'lands on the overview');
        const session = (await context.cookies()).find((c) => c.name === 'waymark_session');
        assert.ok(session, 'a waymark_session cookie is set');
        assert.equal(session.httpOnly, true, 'the session cookie is HttpOnly');
        await assertNoAxeViolations(tab, '/ signed in');
        await assertSignedIn(tab, user, '/');
        await screenshot(tab, `accounts-${user.role}-overview`);

        await visit(suite, tab, problems, draft, user.drafts ? 200 : 404);
        if (user.drafts) {
          assert.match(await h1(tab), /2019/);
        } else {
          assert.equal(await h1(tab), 'Page not found');
        }
        await assertSignedIn(tab, user, draft);
        await screenshot(tab, `accounts-${user.role}-draft`);

        await visit(suite, tab, problems, '/admin/audit', user.audit ? 200 : 403);
        if (user.audit) {
          assert.equal(await h1(tab), 'Audit log');
          assert.equal(await tab.locator('main table.govuk-table').count(), 1, 'the audit table');
          assert.ok(await tab.locator('main table tbody tr').count() > 0, 'audit entries');
          await assertSignedIn(tab, user, '/admin/audit');
        } else {
          assert.equal(await h1(tab), 'You cannot use this page');
          // The account bar of the 403 page has its own test, below.
        }
        await screenshot(tab, `accounts-${user.role}-audit`);

        await visit(suite, tab, problems, '/', 200);
        await signOut(tab);
        assert.equal((await context.cookies()).find((c) => c.name === 'waymark_session'), undefined,
          'the session cookie is cleared');
        await assertSignedOut(tab, '/ after signing out');
        await assertNoAxeViolations(tab, '/ after signing out');
        await screenshot(tab, `accounts-${user.role}-signed-out`);
        await visit(suite, tab, problems, draft, 404);
        await assertSignedOut(tab, draft);
      } finally {
        await context.close();
      }
    });

    if (!user.audit) {
      test(`${user.role}: the 403 page of the audit log shows the account bar`, async () => {
        const { context, tab } = await newTab(suite);
        try {
          await tab.goto(`${suite.base}/sign-in`);
          await fillSignIn(tab, user.email, demoPassword);
          const response = await tab.goto(`${suite.base}/admin/audit`);
          assert.equal(response.status(), 403);
          await assertSignedIn(tab, user, '/admin/audit (403)');
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('a wrong password', () => {
  test('shows the error summary, focused; keeps the email, empties the password', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await visit(suite, tab, problems, '/sign-in', 200);
      const posted = await fillSignIn(tab, admin.email, 'not-the-password');
      assert.equal(posted.status(), 200, 'the form again');
      assert.equal(new URL(tab.url()).pathname, '/sign-in');
      assert.match(await tab.title(), /^Error: /, 'the title starts with "Error: "');
      const summary = tab.locator('.govuk-error-summary');
      assert.equal(await summary.count(), 1, 'an error summary');
      assert.match(await summary.locator('.govuk-error-summary__title').textContent(),
        /There is a problem/);
      const link = summary.getByRole('link',
        { name: 'Enter a correct email address and password' });
      assert.equal(await link.count(), 1, 'the summary links to the problem');
      // GOV.UK Frontend moves focus to the summary, so a screen reader announces it.
      await tab.waitForFunction(
        () => document.activeElement.classList.contains('govuk-error-summary'));
      assert.equal(await tab.inputValue('#email'), admin.email, 'the email is kept');
      assert.equal(await tab.inputValue('#password'), '', 'the password is not sent back');
      assert.equal(await tab.getAttribute('#email', 'aria-describedby'), 'email-error');
      assert.match(await tab.textContent('#email-error'),
        /Error:\s*Enter a correct email address and password/);
      await assertNoAxeViolations(tab, 'the sign-in error');
      await screenshot(tab, 'accounts-sign-in-error');
      // The summary's link takes focus to the email field.
      await link.click();
      await tab.waitForFunction(() => document.activeElement.id === 'email');
      const unexpected = problems.filter((p) => !/status of 40[34]/.test(p));
      assert.deepEqual(unexpected, [], 'console errors on the sign-in error');
    } finally {
      await context.close();
    }
  });
});

describe('without JavaScript', () => {
  test('signing in and out work as plain forms', async () => {
    const { context, tab } = await newTab(suite, { javaScriptEnabled: false });
    try {
      await tab.goto(`${suite.base}/sign-in`);
      await tab.fill('#email', users[1].email);
      await tab.fill('#password', demoPassword);
      await Promise.all([
        tab.waitForURL(`${suite.base}/`),
        tab.click('form[action="/sign-in"] button[type=submit]'),
      ]);
      await assertSignedIn(tab, users[1], '/ without JavaScript');
      const response = await tab.goto(suite.base + draft);
      assert.equal(response.status(), 200, 'the draft, signed in');
      await signOut(tab);
      await assertSignedOut(tab, '/ without JavaScript');
      const after = await tab.goto(suite.base + draft);
      assert.equal(after.status(), 404, 'the draft, signed out');
    } finally {
      await context.close();
    }
  });
});

describe('next', () => {
  test('the audit log asks the public to sign in and comes back after', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      const response = await tab.goto(`${suite.base}/admin/audit`);
      const redirect = response.request().redirectedFrom();
      assert.ok(redirect, 'a redirect');
      assert.equal((await redirect.response()).status(), 303);
      assert.equal(tab.url(), `${suite.base}/sign-in?next=%2Fadmin%2Faudit`);
      assert.equal(await tab.inputValue('input[name=next]'), '/admin/audit');
      await assertNoAxeViolations(tab, '/sign-in?next=%2Fadmin%2Faudit');
      const posted = await fillSignIn(tab, admin.email, demoPassword, 'enter');
      assert.equal(posted.status(), 303);
      assert.equal(tab.url(), `${suite.base}/admin/audit`);
      assert.equal(await h1(tab), 'Audit log');
      await assertSignedIn(tab, admin, '/admin/audit');
      assert.deepEqual(problems, [], 'console errors');
    } finally {
      await context.close();
    }
  });

  test('the Sign in link of a page brings you back to it', async () => {
    const { context, tab } = await newTab(suite);
    try {
      await tab.goto(`${suite.base}/indicators`);
      await Promise.all([
        tab.waitForURL(`${suite.base}/sign-in?next=%2Findicators`),
        tab.locator('.waymark-account').getByRole('link', { name: 'Sign in' }).click(),
      ]);
      await fillSignIn(tab, users[2].email, demoPassword);
      assert.equal(tab.url(), `${suite.base}/indicators`);
      await assertSignedIn(tab, users[2], '/indicators');
    } finally {
      await context.close();
    }
  });
});

describe('at 320 px', () => {
  test('the sign-in page and a signed-in page (account bar) do not scroll sideways', async () => {
    const { context, tab } = await newTab(suite, { viewport: { width: 320, height: 640 } });
    try {
      await tab.goto(`${suite.base}/sign-in`);
      await assertNoHorizontalScroll(tab, '/sign-in');
      await screenshot(tab, 'accounts-sign-in-320');
      await fillSignIn(tab, users[3].email, demoPassword);
      await assertSignedIn(tab, users[3], '/ at 320 px');
      await assertNoHorizontalScroll(tab, '/ signed in');
      const bar = await tab.locator('.waymark-account').boundingBox();
      assert.ok(bar.x >= 0 && bar.x + bar.width <= 320,
        `the account bar spans ${bar.x}..${bar.x + bar.width} px`);
      await screenshot(tab, 'accounts-signed-in-320');
      await tab.goto(`${suite.base}/admin/audit`);
      await assertNoHorizontalScroll(tab, '/admin/audit (403) signed in');
    } finally {
      await context.close();
    }
  });
});

// Last: it locks `lockedUser` for 15 minutes.
describe('too many attempts', () => {
  test('five wrong passwords, then the sixth attempt gets 429; no axe violations', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      for (let attempt = 1; attempt <= 5; attempt++) {
        await tab.goto(`${suite.base}/sign-in`);
        const posted = await fillSignIn(tab, lockedUser, `wrong-${attempt}`);
        assert.equal(posted.status(), 200, `wrong password ${attempt}: the form again`);
        assert.equal(await tab.locator('.govuk-error-summary').count(), 1);
      }
      problems.length = 0;
      await tab.goto(`${suite.base}/sign-in`);
      // Even the right password is refused now.
      const posted = await fillSignIn(tab, lockedUser, demoPassword);
      assert.equal(posted.status(), 429);
      assert.ok(Number(posted.headers()['retry-after']) > 0, 'a Retry-After header');
      assert.equal(await h1(tab), 'Too many attempts to sign in');
      assert.doesNotMatch(await accountBar(tab), /Signed in as/, 'account bar on the 429 page');
      await assertNoAxeViolations(tab, 'the 429 page');
      const unexpected = problems.filter((p) => !/status of 429/.test(p));
      assert.deepEqual(unexpected, [], 'console errors on the 429 page');
      await screenshot(tab, 'accounts-too-many-attempts');
    } finally {
      await context.close();
    }
  });
});
