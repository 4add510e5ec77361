// Browser tests of figures put in from the browser, on the demo database: a partner enters a
// figure of a local measure its organisation owns (bad numbers are listed in the error summary,
// nothing kept) and sees it judged; an analyst uploads a data file with an error (nothing
// changes, the error is listed with its line and column), then the file put right (imported and
// judged at once). Every page is checked with axe-core at WCAG 2.2 AA. Screenshots:
// test-results/screenshots/data-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoAxeViolations, assertNoHorizontalScroll, newTab, screenshot, setUpSuite, signInAs, visit,
} from './harness.mjs';

const suite = setUpSuite();
const owner = 'voice-of-the-child@partners.example';  // owns the survey measures
const analyst = 'analyst@barnet.example';
const measure = '/indicators/children-involved-in-decisions';

// Submits the form on `tab` with the button named `name` and waits for the answer.
async function submit(tab, name) {
  const loaded = tab.waitForEvent('load');
  await tab.getByRole('button', { name }).click();
  await loaded;
}

describe('local figures', () => {
  test('the owner enters a figure, is told what is wrong first, and sees it judged', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, owner);
      await visit(suite, tab, problems, `${measure}/figures`, 200);
      assert.equal((await tab.locator('h1').textContent()).trim(), 'Enter a figure');
      await screenshot(tab, 'data-figures-form');

      await tab.getByLabel('Period').fill('2025/26');
      await tab.getByLabel('Value').fill('1e999');
      await tab.getByLabel('Count').fill('600');
      await tab.getByLabel('Denominator').fill('500');
      await submit(tab, 'Save figure');
      const summary = tab.locator('.govuk-error-summary');
      assert.match(await summary.textContent(), /Enter the value as a number/);
      assert.match(await summary.textContent(), /must not be greater than the denominator/);
      assert.equal(await summary.locator('a[href="#value"]').count(), 1);
      assert.match(await tab.title(), /^Error: /);
      await assertNoAxeViolations(tab, 'the figures form with errors');
      await screenshot(tab, 'data-figures-errors');

      await tab.getByLabel('Value').fill('61');
      await tab.getByLabel('Count').fill('305');
      await submit(tab, 'Save figure');
      assert.equal(new URL(tab.url()).searchParams.get('saved'), '1');
      assert.match(await tab.locator('.govuk-notification-banner').textContent(), /Figure saved/);
      assert.match(await tab.locator('main table').textContent(), new RegExp(owner));
      await assertNoAxeViolations(tab, 'the figures page after saving');

      await visit(suite, tab, problems, measure, 200);
      assert.match(await tab.locator('main').textContent(), /2025\/26/);
    } finally {
      await context.close();
    }
  });

  test('another organisation may not enter them', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, 'police@partners.example');
      await visit(suite, tab, problems, `${measure}/figures`, 403);
    } finally {
      await context.close();
    }
  });
});

describe('data uploads', () => {
  test('a file with an error changes nothing and lists it; put right, it is imported', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, analyst);
      await visit(suite, tab, problems, '/data/import', 200);
      await screenshot(tab, 'data-import-form');
      const good = 'indicator,area_code,period,value\n' +
        'children-involved-in-decisions,E09000003,2030/31,58\n';
      const bad = `${good}children-involved-in-decisions,E09999999,2030/31,40\n`;

      await tab.getByLabel('Waymark CSV').check();
      await tab.getByLabel('The file').setInputFiles(
        { name: 'figures.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await submit(tab, 'Upload and import');
      assert.match(await tab.locator('.govuk-error-summary').textContent(), /nothing was imported/);
      assert.match(await tab.locator('#problems').textContent(),
        /figures\.csv:3:\d+: unknown area code 'E09999999'/);
      await assertNoAxeViolations(tab, 'the upload page with problems');
      await screenshot(tab, 'data-import-problems');
      await visit(suite, tab, problems, measure, 200);
      assert.doesNotMatch(await tab.locator('main').textContent(), /2030\/31/, 'nothing changed');

      await visit(suite, tab, problems, '/data/import', 200);
      await tab.getByLabel('Waymark CSV').check();
      await tab.getByLabel('The file').setInputFiles(
        { name: 'figures.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await submit(tab, 'Upload and import');
      assert.match(await tab.locator('.govuk-notification-banner').textContent(),
        /Figures imported from figures\.csv/);
      await assertNoAxeViolations(tab, 'the upload page after importing');
      await assertNoHorizontalScroll(tab, 'the upload page');
      await screenshot(tab, 'data-import-done');
      await visit(suite, tab, problems, measure, 200);
      assert.match(await tab.locator('main').textContent(), /2030\/31/, 'shown at once');
    } finally {
      await context.close();
    }
  });
});
