// Browser tests of the dashboard: every page type in Debian's chromium (through playwright-core)
// against `waymark serve --port 0` on a fresh demo database (set up by harness.mjs). Each page
// must have no axe-core violations at WCAG 2.2 AA, no Content-Security-Policy violations, a skip
// link reached first by Tab that moves focus to <main>, and no horizontal scroll at 320 px.
// Screenshots of each page go to test-results/screenshots/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  assertNoAxeViolations, assertNoHorizontalScroll, newTab, screenshot, setUpSuite, signInAs, visit,
  watchProblems, waymark,
} from './harness.mjs';

// One of each page type; `status` is the expected HTTP status.
const pages = [
  { name: 'overview', path: '/', status: 200 },
  { name: 'overview-older-plan', path: '/?plan=barnet-2013-16', status: 200 },
  { name: 'outcome', path: '/outcomes/safe-and-secure', status: 200 },
  { name: 'outcome-older-plan', path: '/outcomes/early-years?plan=barnet-2013-16', status: 200 },
  { name: 'outcome-priority-older-plan',
    path: '/outcomes/narrowing-the-gap?plan=barnet-2013-16', status: 200 },
  { name: 'outcome-with-checked-fact', path: '/outcomes/health-and-wellbeing', status: 200 },
  { name: 'overview-current-plan', path: '/?plan=barnet-cypp', status: 200 },
  { name: 'outcome-current-plan', path: '/outcomes/education-and-skills?plan=barnet-cypp',
    status: 200 },
  { name: 'strategies', path: '/strategies', status: 200 },
  { name: 'strategies-current-plan', path: '/strategies?plan=barnet-cypp', status: 200 },
  { name: 'strategy-current-plan', path: '/strategies/early-help-strategy?plan=barnet-cypp',
    status: 200 },
  { name: 'strategy-with-aims', path: '/strategies/cultural-education-strategy?plan=barnet-cypp',
    status: 200 },
  { name: 'strategy-not-found', path: '/strategies/no-such-strategy', status: 404 },
  { name: 'rights', path: '/rights', status: 200 },
  { name: 'rights-current-plan', path: '/rights?plan=barnet-cypp', status: 200 },
  { name: 'plans-compared', path: '/plans/barnet-2013-16/compare/barnet-2019-23', status: 200 },
  { name: 'plans-generations', path: '/plans/barnet-2013-16/compare/barnet-cypp', status: 200 },
  { name: 'plans-compared-not-found', path: '/plans/barnet-2019-23-draft/compare/barnet-2019-23',
    status: 404 },
  { name: 'search-form', path: '/search', status: 200 },
  { name: 'search-results', path: '/search?q=health', status: 200 },
  { name: 'search-no-results', path: '/search?q=zzzz', status: 200 },
  { name: 'search-indicators', path: '/search?q=looked%20after', status: 200 },
  { name: 'methods', path: '/methods', status: 200 },
  { name: 'young-people', path: '/young-people', status: 200 },
  { name: 'indicator-list', path: '/indicators', status: 200 },
  { name: 'indicator-search', path: '/indicators?q=weight', status: 200 },
  { name: 'indicator', path: '/indicators/excess-weight-year-6', status: 200 },
  { name: 'indicator-period', path: '/indicators/excess-weight-year-6?period=2022', status: 200 },
  { name: 'ward-indicator', path: '/indicators/ward-idaci-2019', status: 200 },
  { name: 'indicator-inequalities', path: '/indicators/child-injury-admissions', status: 200 },
  { name: 'indicator-social-care-groups', path: '/indicators/social-care-persistent-absence',
    status: 200 },
  { name: 'gaps', path: '/gaps', status: 200 },
  { name: 'compare-indicator', path: '/compare/excess-weight-year-6', status: 200 },
  { name: 'tartan-rug', path: '/compare', status: 200 },
  { name: 'tartan-rug-period', path: '/compare?period=2024/25', status: 200 },
  { name: 'area', path: '/areas/E09000003', status: 200 },
  { name: 'index', path: '/index', status: 200 },
  { name: 'index-year-area', path: '/index?year=2021&area=E09000007', status: 200 },
  { name: 'index-bad-year', path: '/index?year=1800', status: 400 },
  { name: 'index-current-plan', path: '/index?plan=barnet-cypp', status: 200 },
  { name: 'area-ward-map', path: '/areas/E09000003?map=ward-imd-score-2019&period=2024', status: 200 },
  { name: 'ward', path: '/areas/E05000044', status: 200 },
  { name: 'not-found', path: '/outcomes/no-such-outcome', status: 404 },
  { name: 'indicator-not-found', path: '/indicators/no-such-indicator', status: 404 },
  { name: 'bad-request', path: '/?plan=NOT%20A%20PLAN', status: 400 },
  { name: 'bad-period', path: '/compare?period=not-a-period', status: 400 },
];

const suite = setUpSuite();

// Opens a page in a fresh context, collecting CSP violations and failed requests.
async function open(page, width = 1024) {
  const context = await suite.browser.newContext({ viewport: { width, height: 800 } });
  const tab = await context.newPage();
  const problems = watchProblems(tab);
  const response = await tab.goto(suite.base + page.path, { waitUntil: 'load' });
  return { context, tab, response, problems };
}

describe('pages', () => {
  for (const page of pages) {
    test(`${page.name}: status, no axe violations, no CSP or script errors`, async () => {
      const { context, tab, response, problems } = await open(page);
      try {
        assert.equal(response.status(), page.status);
        await assertNoAxeViolations(tab, page.path);
        // Expected 4xx statuses show up as a console error of the document itself.
        const unexpected = problems.filter((p) => !/status of 40[04]/.test(p));
        assert.deepEqual(unexpected, [], `console errors on ${page.path}`);
        await screenshot(tab, page.name);
      } finally {
        await context.close();
      }
    });

    test(`${page.name}: Tab reaches the skip link first and it moves focus to main`, async () => {
      const { context, tab } = await open(page);
      try {
        await tab.keyboard.press('Tab');
        const first = await tab.evaluate(() => document.activeElement.className);
        assert.match(first, /govuk-skip-link/);
        await tab.keyboard.press('Enter');
        await tab.waitForFunction(() => document.activeElement.id === 'main-content');
        await tab.keyboard.press('Tab');
        const inMain = await tab.evaluate(() => document.activeElement.closest('main') !== null);
        assert.ok(inMain, 'the next Tab goes to a control inside main');
      } finally {
        await context.close();
      }
    });

    test(`${page.name}: no horizontal scroll at 320 px`, async () => {
      const { context, tab } = await open(page, 320);
      try {
        await assertNoHorizontalScroll(tab, page.path);
        await screenshot(tab, `${page.name}-320`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('without JavaScript', () => {
  test('the plan selector and search work as plain forms', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    try {
      await tab.goto(`${suite.base}/`);
      await tab.selectOption('#plan', 'barnet-2013-16');
      await Promise.all([tab.waitForURL(/plan=barnet-2013-16/), tab.click('text=Show plan')]);
      assert.match(await tab.textContent('h1'), /2013/);
      await tab.goto(`${suite.base}/search`);
      await tab.fill('#q', 'youth');
      await Promise.all([tab.waitForURL(/q=youth/), tab.click('button[type=submit]')]);
      assert.match(await tab.textContent('#results'), /results? for/);
    } finally {
      await context.close();
    }
  });

  test('the golden thread: an outcome page leads to the strategies that build on it', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    try {
      await tab.goto(`${suite.base}/outcomes/family-and-belonging?plan=barnet-cypp`);
      await Promise.all([
        tab.waitForURL(/\/strategies\/early-help-strategy\?plan=barnet-cypp/),
        tab.click('#strategies + ul >> text=Children and Families Early Help Strategy'),
      ]);
      const main = await tab.textContent('main');
      assert.match(main, /Children and Families Early Help Partnership Board/);
      assert.match(main, /Children and Education Overview and Scrutiny Committee/);
      assert.match(main, /March 2023/);
      await Promise.all([
        tab.waitForURL(/\/strategies\?plan=barnet-cypp/),
        tab.click('.govuk-breadcrumbs >> text=Governance and strategies'),
      ]);
      assert.ok(await tab.locator('main table tbody tr').count() > 10);
    } finally {
      await context.close();
    }
  });

  test('child rights: from the overview to a principle, an action and back to its badge', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    try {
      await tab.goto(`${suite.base}/`);
      await Promise.all([tab.waitForURL(/\/rights/), tab.click('text=Child rights:')]);
      const participation = tab.locator('#principle-participation ~ table').first();
      assert.equal(await participation.locator('tbody tr').count(), 6);
      assert.equal(await tab.locator('h3 .govuk-tag', { hasText: 'Foundational' }).count(), 3);
      await Promise.all([
        tab.waitForURL(/\/actions\/cl-youth-voice-forums/),
        participation.locator('text=Youth Voice Offer Forums for young people').click(),
      ]);
      const rows = await tab.textContent('.govuk-summary-list');
      assert.match(rows, /Child-rights principles\s*Participation/);
      assert.match(rows, /Child Friendly Cities outcomes\s*Cooperation and Leadership/);
      await Promise.all([
        tab.waitForURL(/\/rights(\?plan=barnet-2019-23)?#badge-cooperation-and-leadership/),
        tab.click('.govuk-summary-list a[href*="#badge-cooperation-and-leadership"]'),
      ]);
    } finally {
      await context.close();
    }
  });

  test('the current plan says its period is not stated and has its own index page', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    try {
      await tab.goto(`${suite.base}/`);
      await tab.selectOption('#plan', 'barnet-cypp');
      await Promise.all([tab.waitForURL(/plan=barnet-cypp/), tab.click('text=Show plan')]);
      assert.match(await tab.textContent('.govuk-caption-l'), /period not stated/);
      assert.equal(await tab.locator('.waymark-outcome').count(), 4);
      await Promise.all([
        tab.waitForURL(/\/index\?plan=barnet-cypp/),
        tab.click('text=See the Family Friendly Index ranking'),
      ]);
      assert.match(await tab.textContent('main'), /Barnet/);
      assert.doesNotMatch(await tab.textContent('main'), /has not been computed/);
      // The default plan is still the dated 2019-23 plan.
      await tab.goto(`${suite.base}/`);
      assert.match(await tab.textContent('.govuk-caption-l'), /1 April 2019 to 31 March 2023/);
    } finally {
      await context.close();
    }
  });

  test('the period and ward-map selectors work as plain forms', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    try {
      await tab.goto(`${suite.base}/compare`);
      await tab.selectOption('#period', '2024/25');
      await Promise.all([tab.waitForURL(/period=2024%2F25/), tab.click('text=Show period')]);
      assert.match(await tab.textContent('#rug-heading'), /in 2024\/25/);
      await tab.goto(`${suite.base}/areas/E09000003`);
      assert.equal(await tab.locator('#ward-map-svg-title').count(), 1);
      assert.equal(await tab.locator('svg.waymark-map path[data-area]').count(), 21);
      await tab.selectOption('#map', 'ward-imd-score-2019');
      await Promise.all([tab.waitForURL(/map=ward-imd-score-2019/), tab.click('text=Show on map')]);
      assert.match(await tab.textContent('#ward-map-svg-title'), /Index of Multiple Deprivation/);
      const burntOak = await tab.locator('path[data-area="E05000044"] title').textContent();
      assert.match(burntOak, /^Burnt Oak: 28\.0$/);
    } finally {
      await context.close();
    }
  });
});

describe('inequalities', () => {
  test('each gap on /gaps leads to its breakdown on the indicator page', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await visit(suite, tab, problems, '/gaps', 200);
      const link = tab.locator('main table a', { hasText: 'Male' }).first();
      const href = await link.getAttribute('href');
      assert.match(href, /^\/indicators\/child-injury-admissions\?area=E09000003#inequalities-sex$/);
      await Promise.all([tab.waitForURL(/#inequalities-sex$/), link.click()]);
      const heading = tab.locator('#inequalities-sex');
      assert.equal(await heading.textContent(), 'By sex');
      // England's deprivation deciles with the slope index in words, its chart labelled.
      const main = await tab.locator('main').textContent();
      assert.match(main, /published for England only/);
      assert.match(main, /Slope index of inequality \(SII\), England, \d{4}\/\d{2}: -?\d+\.\d/);
      assert.match(main, /Trend of the gap to \d{4}\/\d{2}: (Gap narrowing|Gap widening|No significant change|Cannot be calculated)/);
      assert.equal(await tab.locator('svg[role="img"][aria-labelledby^="ineq-2-sii-title"]').count(), 1);
    } finally {
      await context.close();
    }
  });
});

describe('you said, we did', () => {
  test('the analyst lists the findings by outcome and opens the forms', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await signInAs(suite, tab, 'analyst@barnet.example');
      await visit(suite, tab, problems, '/findings', 200);
      assert.match(await tab.locator('main').textContent(), /You said, we did/);
      await screenshot(tab, 'findings');
      const edit = await tab.locator('main .govuk-summary-card a').first().getAttribute('href');
      await visit(suite, tab, problems, '/findings/new', 200);
      await visit(suite, tab, problems, edit, 200);
      await assertNoHorizontalScroll(tab, edit);
      await screenshot(tab, 'finding');
    } finally {
      await context.close();
    }
  });
});

// The headline rows of one area in the export: persons, no category, all ages where there are
// figures for all ages, the latest period with a figure of each indicator (the figure the area
// page shows first), or its latest row when it has no figure at all.
function headlineRows(csv, area) {
  const lines = csv.trim().split('\n');
  const columns = splitCsv(lines[0]);
  const latest = new Map();
  for (const line of lines.slice(1)) {
    const cells = splitCsv(line);
    const row = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
    if (row.area_code !== area || row.category !== '' || row.sex !== 'Persons') continue;
    const seen = latest.get(row.indicator);
    // All ages first (as core/headline.h), then a figure, then the latest period.
    const rank = (r) => [r.age === '' ? 1 : 0, r.value !== '' ? 1 : 0];
    const [age, value] = rank(row);
    const [seenAge, seenValue] = seen ? rank(seen) : [-1, -1];
    const better = !seen || age > seenAge || (age === seenAge && value > seenValue) ||
      (age === seenAge && value === seenValue && row.period > seen.period);
    if (better) latest.set(row.indicator, row);
  }
  return [...latest.values()];
}

// One CSV line's cells (quoted cells may hold commas and doubled quotes).
function splitCsv(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i += 1; continue; }
    if (c === '"') { quoted = !quoted; continue; }
    if (c === ',' && !quoted) { cells.push(cell); cell = ''; continue; }
    cell += c;
  }
  cells.push(cell);
  return cells;
}

describe('judgements and their basis', () => {
  test('most of Barnet\'s headline indicators are compared with England, each with its basis',
    () => {
      const csv = execFileSync(waymark, ['--db', suite.db, 'export', 'assessments', '--area',
        'E09000003', '--format', 'csv'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const rows = headlineRows(csv, 'E09000003');
      assert.ok(rows.length >= 60, `${rows.length} headline indicators`);
      const compared = rows.filter((r) => /^95% interval|^interval supplied|^quintile/
        .test(r.comparison_basis));
      for (const r of rows) {
        assert.notEqual(r.comparison_basis, '', `${r.indicator} has no basis`);
        if (r.compared_to_england === 'Not compared') {
          assert.match(r.comparison_basis, /^not compared: /, `${r.indicator} says why not`);
        }
        if (r.comparison_basis === 'quintile among English councils') {
          assert.match(r.compared_to_england, / fifth$/, `${r.indicator} is a fifth`);
        }
      }
      // The aim is 80%. The data held for 12 series covers only London and Barnet's statistical
      // neighbours (too few councils for fifths) and 5 are local measures, so 48 of 65 (74%) is
      // what the demo's data allows today; fewer would be a regression.
      console.log(`Barnet: ${compared.length} of ${rows.length} headline indicators compared`);
      assert.equal(rows.length, 65);
      assert.ok(compared.length >= 48, `only ${compared.length} of ${rows.length} compared`);
      const reasons = new Set(rows.filter((r) => !compared.includes(r))
        .map((r) => r.comparison_basis));
      assert.deepEqual([...reasons].sort(), [
        'not compared: local measure',
        'not compared: too few English councils have figures to place in fifths',
      ]);
    });

  test('the rug is mostly colour and its key explains fifths and "N"', async () => {
    const { context, tab, problems } = await newTab(suite);
    try {
      await visit(suite, tab, problems, '/compare', 200);
      const cells = await tab.locator('tbody .waymark-rug-cell').evaluateAll(
        (tds) => tds.map((td) => td.className));
      const grey = cells.filter((c) => /waymark-j-[NX]\b/.test(c)).length;
      assert.ok(cells.length > 500, `${cells.length} cells`);
      assert.ok(grey / cells.length < 0.35, `${grey} of ${cells.length} cells are grey`);
      const key = await tab.locator('.waymark-legend').allTextContents();
      assert.match(key.join(' '), /Best fifth/);
      assert.match(key.join(' '), /Not compared: only London boroughs publish it/);
      // A screen reader hears the judgement and its basis in each cell.
      const first = await tab.locator('tbody .waymark-rug-cell .govuk-visually-hidden').first()
        .textContent();
      assert.match(first, /\((95% interval|interval supplied|quintile|not compared)/);
      await screenshot(tab, 'judgements-rug');
    } finally {
      await context.close();
    }
  });

  test('an indicator without counts shows its fifth, the basis and why there are no counts',
    async () => {
      const { context, tab, problems } = await newTab(suite);
      try {
        await visit(suite, tab, problems, '/indicators/excess-weight-year-6', 200);
        const table = tab.locator('table').filter({ hasText: 'Compared with England' }).first();
        assert.match(await table.textContent(), /(Best|Second-best|Middle|Second-worst|Worst) fifth/);
        assert.match(await table.locator('.waymark-basis').first().textContent(), /Fifths/);
        assert.match(await table.locator('.govuk-visually-hidden').first().textContent(),
          /basis: quintile among English councils/);
        assert.match(await tab.locator('.govuk-summary-list').first().textContent(),
          /Why there are no counts: LAIT publishes the percentage alone/);
        await assertNoAxeViolations(tab, 'indicator with fifths');
        await screenshot(tab, 'judgements-indicator-fifths');
        await visit(suite, tab, problems, '/indicators/referrals-rate', 200);
        assert.match(await tab.locator('main').textContent(), /Byar 95%/);
      } finally {
        await context.close();
      }
    });
});
