// Browser tests of board reports on the demo database: an analyst writes commentary on an
// outcome (/reports/commentary and its form), issues a board pack from
// /reports/new (the form's error summary first), reads the report's page and the frozen document,
// and the public cannot see the draft. Every page, the frozen document included, is checked with
// axe-core at WCAG 2.2 AA. Screenshots: test-results/screenshots/reports-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoHorizontalScroll, newTab, screenshot, setUpSuite, signInAs, visit,
} from './harness.mjs';

const suite = setUpSuite();
const analyst = 'analyst@barnet.example';

describe('board reports', () => {
  test('an analyst issues a board pack and reads it; the public cannot see the draft', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, analyst);
      await visit(suite, tab, problems, '/reports', 200);

      // Commentary: the list, then one outcome's form, by keyboard-reachable links.
      await tab.getByRole('link', { name: 'Write commentary' }).click();
      await tab.waitForLoadState('load');
      await visit(suite, tab, problems, new URL(tab.url()).pathname + new URL(tab.url()).search, 200);
      await screenshot(tab, 'reports-commentary');
      const change = tab.locator('#c-outcome-health-and-wellbeing a');
      await change.click();
      await tab.waitForLoadState('load');
      const formPath = new URL(tab.url());
      await visit(suite, tab, problems, formPath.pathname + formPath.search, 200);
      await tab.getByLabel('Commentary').fill('Waiting times fell after the new clinic opened.');
      await screenshot(tab, 'reports-commentary-form');
      let loaded = tab.waitForEvent('load');
      await tab.getByRole('button', { name: 'Save commentary' }).click();
      await loaded;
      assert.match(await tab.locator('#c-outcome-health-and-wellbeing').textContent(),
        /Waiting times fell after the new clinic opened\./);

      await visit(suite, tab, problems, '/reports/new', 200);
      await screenshot(tab, 'reports-new');

      // Without a board the form comes back with its error summary linked to the field.
      loaded = tab.waitForEvent('load');
      await tab.getByRole('button', { name: 'Issue the report' }).click();
      await loaded;
      assert.match(await tab.locator('.govuk-error-summary').textContent(),
        /Choose the board the report goes to/);
      assert.equal(await tab.locator('.govuk-error-summary a').first().getAttribute('href'),
        '#board');

      await tab.getByLabel('Board pack').check();
      await tab.getByLabel('Family Services Improvement Board').check();
      // Issuing renders the PDF, which takes seconds.
      loaded = tab.waitForEvent('load', { timeout: 180000 });
      await tab.getByRole('button', { name: 'Issue the report' }).click({ timeout: 180000 });
      await loaded;
      const reportPath = new URL(tab.url()).pathname;
      assert.match(reportPath, /^\/reports\/\d+$/);
      await visit(suite, tab, problems, reportPath, 200);
      assert.match(await tab.locator('h1').textContent(), /Board pack/);
      assert.ok(await tab.getByRole('button', { name: 'Mark as reviewed' }).isVisible());
      await screenshot(tab, 'reports-issued');

      // The frozen document is accessible too, and reads at 320 px.
      await visit(suite, tab, problems, `${reportPath}/document`, 200);
      assert.match(await tab.locator('h1').textContent(), /Board pack/);
      assert.match(await tab.locator('#outcome-health-and-wellbeing').textContent(),
        /Waiting times fell after the new clinic opened\./);
      await screenshot(tab, 'reports-document');
      await tab.setViewportSize({ width: 320, height: 800 });
      await assertNoHorizontalScroll(tab, `${reportPath}/document at 320 px`);

      const pdf = await tab.request.get(`${suite.base}${reportPath}/download?format=pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

      const { context: publicContext, tab: publicTab, problems: publicProblems } =
        await newTab(suite);
      try {
        await visit(suite, publicTab, publicProblems, reportPath, 404);
        await visit(suite, publicTab, publicProblems, '/reports', 200);
        assert.doesNotMatch(await publicTab.locator('main').textContent(), /Board pack/);
      } finally {
        await publicContext.close();
      }
    } finally {
      await context.close();
    }
  });
});
