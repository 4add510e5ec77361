// Browser tests of survey results on the demo database: an analyst opens /surveys from the
// account bar and, for each survey listed, the latest wave's results page (the suppression
// explanation, the breakdown form) and the review of written answers; a phone-width view of the
// results has no horizontal scrolling; the public is asked to sign in for /surveys. Every page
// is checked with axe-core at WCAG 2.2 AA. Screenshots: test-results/screenshots/surveys-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoHorizontalScroll, newTab, screenshot, setUpSuite, signInAs, visit,
} from './harness.mjs';

const suite = setUpSuite();
const analyst = 'analyst@barnet.example';

describe('survey results', () => {
  test('an analyst reads the surveys, a wave\'s results and its written answers', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, analyst);
      await tab.getByRole('link', { name: 'Surveys' }).first().click();
      await tab.waitForLoadState('load');
      assert.equal(new URL(tab.url()).pathname, '/surveys');
      await visit(suite, tab, problems, '/surveys', 200);
      await screenshot(tab, 'surveys-list');

      const results = await tab.locator('main a[href*="/results?wave="]').evaluateAll(
        (links) => links.map((a) => a.getAttribute('href')));
      const reviews = await tab.locator('main a[href*="/free-text?wave="]').evaluateAll(
        (links) => links.map((a) => a.getAttribute('href')));
      // The demo survey's waves: the 2017 figures published elsewhere, then two of its own.
      assert.ok(results.length >= 3, `links to results: ${results}`);
      assert.ok(reviews.length >= 1, `links to the review of written answers: ${reviews}`);
      const published = results.find((href) => href.endsWith('wave=2017'));
      assert.ok(published, 'the 2017 wave has results');
      await visit(suite, tab, problems, published, 200);
      const main = await tab.locator('main').innerText();
      assert.match(main, /Figures published elsewhere/);
      assert.match(main, /Barnet is a family friendly place to live\.\s+Strongly agree or Agree/);
      await screenshot(tab, 'surveys-results-2017');
      await visit(suite, tab, problems, results[results.length - 1], 200);
      assert.match(await tab.locator('#suppression').textContent(), /Why some figures show c/);
      await screenshot(tab, 'surveys-results');
      await tab.setViewportSize({ width: 320, height: 800 });
      await assertNoHorizontalScroll(tab, results[results.length - 1]);
      await tab.setViewportSize({ width: 1024, height: 800 });
      await visit(suite, tab, problems, reviews[0], 200);
      await screenshot(tab, 'surveys-free-text');
    } finally {
      await context.close();
    }
  });

  test('the public is asked to sign in for the list of surveys', async () => {
    const { context, tab } = await newTab(suite);
    try {
      await tab.goto(`${suite.base}/surveys`, { waitUntil: 'load' });
      assert.equal(new URL(tab.url()).pathname, '/sign-in');
    } finally {
      await context.close();
    }
  });
});
