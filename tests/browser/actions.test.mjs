// Browser tests of the partnership at work, on the demo database (its current cycle is overdue
// and holds illustrative updates): a partner finds an overdue action on /my-actions, writes and
// submits its update and sees the new status on the outcome page; the form's error summary; the
// figures of a local measure in the form; the form without JavaScript; the analyst's cycle pages
// and CSV; the public action page. Every page is checked with axe-core at WCAG 2.2 AA.
// Screenshots: test-results/screenshots/actions-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoAxeViolations, assertNoHorizontalScroll, newTab, screenshot, setUpSuite, signInAs, visit,
} from './harness.mjs';

const suite = setUpSuite();
const partner = 'public-health@partners.example';
const analyst = 'analyst@barnet.example';

// The number after a status tag in the outcome's "Actions in …" list (0 when absent).
async function statusCount(tab, label) {
  const items = tab.locator('main ul.waymark-status-counts').first().locator('li');
  for (let i = 0; i < await items.count(); ++i) {
    const text = (await items.nth(i).textContent()).replace(/\s+/g, ' ').trim();
    const m = text.match(new RegExp(`^${label} (\\d+)$`));
    if (m) return Number(m[1]);
  }
  return 0;
}

describe('action updates', () => {
  test('a partner finds its overdue action, submits an update and sees it counted', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, partner);
      await visit(suite, tab, problems, '/my-actions', 200);
      assert.equal((await tab.locator('h1').textContent()).trim(), 'My actions');
      await screenshot(tab, 'actions-my-actions');
      const overdue = tab.locator('main tr', { has: tab.locator('strong', { hasText: 'Overdue' }) });
      assert.ok(await overdue.count() > 0, 'an overdue action is listed');
      // Overdue rows come first within their outcome's table.
      const first = tab.locator('main table').first().locator('tbody tr').first();
      assert.match(await first.textContent(), /Overdue/, 'overdue first');
      const row = overdue.first();
      const title = (await row.locator('td').first().textContent()).trim();
      const actionHref = await row.locator('td').first().locator('a').getAttribute('href');
      const updateHref = await row.locator('a', { hasText: /update/ }).getAttribute('href');
      await visit(suite, tab, problems, actionHref, 200);
      const outcomeHref = await tab.locator('main dl a').first().getAttribute('href');
      await visit(suite, tab, problems, outcomeHref, 200);
      const before = await statusCount(tab, 'On track');

      await visit(suite, tab, problems, updateHref, 200);
      await screenshot(tab, 'actions-update-form');
      await tab.getByLabel('On track').check();
      await tab.getByLabel('What has happened this period').fill(
        'Every family with a new baby was offered a visit this quarter.');
      await tab.getByLabel('Evidence (optional)').fill('https://www.barnet.gov.uk/');
      const loaded = tab.waitForEvent('load');
      await tab.getByRole('button', { name: 'Submit update' }).click();
      await loaded;
      assert.equal(new URL(tab.url()).pathname, new URL(suite.base + actionHref).pathname,
        'back on the action page');
      assert.equal(new URL(tab.url()).searchParams.get('saved'), 'submitted');
      await assertNoAxeViolations(tab, 'the action page after submitting');
      assert.match(await tab.locator('.govuk-notification-banner').textContent(),
        /Your update has been submitted/);
      assert.match(await tab.locator('main').textContent(),
        /Every family with a new baby was offered a visit this quarter\./);
      await screenshot(tab, 'actions-action-submitted');

      await visit(suite, tab, problems, outcomeHref, 200);
      assert.equal(await statusCount(tab, 'On track'), before + 1, `${title} counts as on track`);
      await screenshot(tab, 'actions-outcome');
    } finally {
      await context.close();
    }
  });

  test('the form lists its problems in an error summary linked to the fields', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, partner);
      await tab.goto(`${suite.base}/my-actions`);
      // An action with no update yet: every required field is empty.
      const link = tab.locator('main a', { hasText: /^Write update/ }).first();
      const href = await link.getAttribute('href');
      await visit(suite, tab, problems, href, 200);
      await tab.getByLabel('Expected completion (optional)').fill('2027-02-31');
      await tab.getByLabel('Evidence (optional)').fill('javascript:alert(1)');
      const loaded = tab.waitForEvent('load');
      await tab.getByRole('button', { name: 'Submit update' }).click();
      await loaded;
      const summary = tab.locator('.govuk-error-summary');
      assert.equal(await summary.count(), 1, 'an error summary');
      for (const field of ['status', 'narrative', 'evidence', 'expected_completion']) {
        assert.equal(await summary.locator(`a[href="#${field}"]`).count(), 1, `links to ${field}`);
      }
      assert.match(await tab.title(), /^Error: /);
      await assertNoHorizontalScroll(tab, 'the form with errors');
      await screenshot(tab, 'actions-update-errors');
      await assertNoAxeViolations(tab, 'the form with errors');
      // The link moves focus to the field.
      await summary.locator('a[href="#narrative"]').click();
      assert.equal(await tab.evaluate(() => document.activeElement.id), 'narrative');
    } finally {
      await context.close();
    }
  });

  // Without JavaScript the page cannot be scripted either, so only the form is used here.
  test('a draft can be saved without JavaScript', async () => {
    const { context, tab } = await newTab(suite, { javaScriptEnabled: false });
    try {
      await signInAs(suite, tab, partner);
      await tab.goto(`${suite.base}/my-actions`);
      const href = await tab.locator('main a', { hasText: /^(Write|Continue) update/ }).first()
        .getAttribute('href');
      await tab.goto(suite.base + href);
      await tab.getByLabel('At risk').check();
      await tab.getByLabel('What has happened this period').fill('Recruitment is behind plan.');
      const loaded = tab.waitForEvent('load');
      await tab.getByRole('button', { name: 'Save as draft' }).click();
      await loaded;
      assert.match(await tab.locator('main').textContent(), /Your draft has been saved/);
      assert.match(await tab.locator('main').textContent(), /Recruitment is behind plan\./);
    } finally {
      await context.close();
    }
  });

  // The analyst may enter every local measure; this action's objective has one.
  test('the form takes the figures of local measures, with their errors', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, analyst);
      await visit(suite, tab, problems, '/actions/fb-transforming-care-risk-register/update', 200);
      const measure = tab.getByRole('group', {
        name: 'Children and young people who feel Barnet is a family friendly place to live',
      });
      await measure.getByLabel('Value', { exact: true }).fill('lots');
      await tab.getByLabel('What has happened this period').fill('The register is reviewed monthly.');
      let loaded = tab.waitForEvent('load');
      await tab.getByRole('button', { name: 'Save as draft' }).click();
      await loaded;
      const link = '#figure-children-feel-barnet-family-friendly-value';
      assert.equal(await tab.locator(`.govuk-error-summary a[href="${link}"]`).count(), 1);
      await assertNoAxeViolations(tab, 'the form with a figure error');
      await screenshot(tab, 'actions-update-figures-error');
      await measure.getByLabel('Value', { exact: true }).fill('85');
      loaded = tab.waitForEvent('load');
      await tab.getByRole('button', { name: 'Save as draft' }).click();
      await loaded;
      assert.match(await tab.locator('.govuk-notification-banner').textContent(),
        /Your draft has been saved, with the figure of 1 local measure/);
    } finally {
      await context.close();
    }
  });

  test('my actions and the update form read at 320 px without scrolling sideways', async () => {
    const { context, tab, problems } = await newTab(suite, { viewport: { width: 320, height: 640 } });
    try {
      await signInAs(suite, tab, partner);
      await visit(suite, tab, problems, '/my-actions', 200);
      await assertNoHorizontalScroll(tab, '/my-actions at 320 px');
      const href = await tab.locator('main a', { hasText: /^(Write|Continue) update/ }).first()
        .getAttribute('href');
      await visit(suite, tab, problems, href, 200);
      await assertNoHorizontalScroll(tab, 'the update form at 320 px');
      await screenshot(tab, 'actions-update-form-320');
    } finally {
      await context.close();
    }
  });
});

describe('reporting cycles', () => {
  test('the analyst sees completion by organisation and downloads the CSV', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, analyst);
      await visit(suite, tab, problems, '/cycles', 200);
      await screenshot(tab, 'actions-cycles');
      const cycle = await tab.locator('main table a').first().getAttribute('href');
      await visit(suite, tab, problems, cycle, 200);
      assert.match(await tab.locator('main').textContent(), /Completion by organisation/);
      assert.ok(await tab.locator('main table tbody tr').count() > 5, 'organisations listed');
      await screenshot(tab, 'actions-cycle');
      const csv = await context.request.get(
        suite.base + await tab.getByRole('link', { name: /as CSV/ }).getAttribute('href'));
      assert.equal(csv.status(), 200);
      const lines = (await csv.text()).trim().split('\r\n');
      assert.equal(lines.length, 79, 'a header and the 78 actions');
      assert.match(lines[0], /^cycle,outcome,objective,action_id,/);
    } finally {
      await context.close();
    }
  });

  test('the public reads an action with its evidence and submitted updates', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await visit(suite, tab, problems, '/', 200);
      assert.match(await tab.locator('main').textContent(), /How the actions are going/);
      const href = await tab.locator('main a[href^="/actions/"]').first().getAttribute('href');
      await visit(suite, tab, problems, href, 200);
      assert.match(await tab.locator('main').textContent(), /The evidence/);
      assert.equal(await tab.getByRole('link', { name: /update/i }).count(), 0,
        'no update link for the public');
      await screenshot(tab, 'actions-public-action');
    } finally {
      await context.close();
    }
  });
});
