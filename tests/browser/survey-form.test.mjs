// Browser test of the survey response form as a young person uses it: on a 320 px wide phone,
// by keyboard only (Tab, Space, typing and Enter), from the list of open surveys through the age
// group, consent, every page of the demo survey and "check your answers" to sending. Every page
// is checked with axe-core at WCAG 2.2 AA and for sideways scrolling. Then the database file
// itself is read: the response holds the day and the answers only, and neither the browser's
// user agent nor its address is anywhere in the file; nothing was audited.
// Screenshots: test-results/screenshots/survey-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import {
  assertNoAxeViolations, assertNoHorizontalScroll, newTab, screenshot, setUpSuite,
} from './harness.mjs';

const suite = setUpSuite();
const userAgent = 'Mozilla/5.0 (Linux; Android 14) waymark-survey-test-5f3a9c';
const freeText = 'More places to play football after school.';

// What the focused element is.
function focused(tab) {
  return tab.evaluate(() => {
    const a = document.activeElement;
    return { tag: a.tagName, type: a.type || '', name: a.name || '', value: a.value || '',
             text: (a.textContent || '').trim() };
  });
}

// Presses Enter on the focused button and waits for the page it leads to.
async function pressEnter(tab) {
  await Promise.all([tab.waitForNavigation({ waitUntil: 'load' }), tab.keyboard.press('Enter')]);
}

// Tabs through the page's fields in order, answering each as a keyboard user would: Space
// chooses the first radio of a group and ticks the first box of a group, numbers and text are
// typed; stops on the button whose text is `button` and presses Enter.
async function answerByKeyboard(tab, button) {
  const answered = new Set();
  for (let i = 0; i < 400; ++i) {
    await tab.keyboard.press('Tab');
    const el = await focused(tab);
    if (el.tag === 'BUTTON' && el.text === button) {
      await pressEnter(tab);
      return;
    }
    // The optional one-time code is left empty.
    if (!el.name || answered.has(el.name) || el.name === '_code') continue;
    if (el.type === 'radio' || el.type === 'checkbox') {
      await tab.keyboard.press('Space');
    } else if (el.tag === 'INPUT' && el.type === 'text') {
      await tab.keyboard.type('3');
    } else if (el.tag === 'TEXTAREA') {
      await tab.keyboard.type(freeText);
    } else {
      continue;
    }
    answered.add(el.name);
  }
  throw new Error(`the button "${button}" was not reached by Tab`);
}

async function checkPage(tab, where) {
  await assertNoAxeViolations(tab, where);
  await assertNoHorizontalScroll(tab, `${where} at 320 px`);
}

// The demo database's survey responses, columns and audit count, read from the file.
function readDatabase(db) {
  const script = `
import json, sqlite3, sys
con = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
cur = con.execute("SELECT * FROM survey_responses")
print(json.dumps({
  "columns": [d[0] for d in cur.description],
  "rows": [list(r) for r in cur.fetchall()],
  "audit": con.execute("SELECT count(*) FROM audit_log").fetchone()[0],
}))`;
  return JSON.parse(execFileSync('python3', ['-c', script, db]).toString());
}

// Every byte of the database: its file and its write-ahead log.
function databaseBytes(db) {
  return Buffer.concat([db, `${db}-wal`].filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f)));
}

describe('the survey response form', () => {
  test('a young person answers the demo survey by keyboard on a phone', async () => {
    const { context, tab, problems } = await newTab(suite, {
      viewport: { width: 320, height: 640 }, userAgent, isMobile: true, hasTouch: true,
    });
    try {
      const before = readDatabase(suite.db);
      assert.deepEqual(before.columns, ['survey_id', 'wave_id', 'day', 'shuffle', 'answers']);

      await tab.goto(`${suite.base}/s`, { waitUntil: 'load' });
      await checkPage(tab, '/s');
      for (let i = 0; i < 60; ++i) {
        await tab.keyboard.press('Tab');
        const el = await focused(tab);
        if (el.tag === 'A' && el.text === 'Your say: growing up in Barnet') break;
      }
      await pressEnter(tab);
      await checkPage(tab, 'the start page');
      await answerByKeyboard(tab, 'Continue');  // the age group: 8 to 10
      assert.match(await tab.locator('main').innerText(), /Taking part/);
      await checkPage(tab, 'the consent page');
      await screenshot(tab, 'survey-consent-320');
      await answerByKeyboard(tab, 'Continue');  // yes, I want to take part

      let pages = 0;
      while (!/Check your answers/.test(await tab.locator('h1').innerText())) {
        pages += 1;
        const heading = await tab.locator('h1').innerText();
        const summary = await tab.locator('.govuk-error-summary').allInnerTexts();
        assert.ok(pages <= 10, `the form never reached "check your answers": ${heading} ${summary}`);
        await checkPage(tab, `question page ${pages}`);
        if (pages === 1) await screenshot(tab, 'survey-question-320');
        await answerByKeyboard(tab, 'Continue');
      }
      // Living in Barnet, having your say, free time (twice: the club days are routed), about you.
      assert.equal(pages, 5);
      await checkPage(tab, 'check your answers');
      await screenshot(tab, 'survey-check-320');
      const summary = await tab.locator('main').innerText();
      assert.match(summary, /Strongly agree/);
      assert.match(summary, new RegExp(freeText.replace('.', '\\.')));
      await answerByKeyboard(tab, 'Send your answers');
      assert.match(tab.url(), /\/s\/your-say-barnet\/sent$/);
      assert.match(await tab.locator('h1').innerText(), /Your answers have been sent/);
      await checkPage(tab, 'the sent page');
      assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), []);

      const after = readDatabase(suite.db);
      assert.equal(after.rows.length, before.rows.length + 1);
      const row = after.rows.find((r) => r[4].includes(freeText));
      assert.ok(row, 'the response is stored');
      assert.equal(row[2], new Date().toISOString().slice(0, 10));  // the day, nothing finer
      assert.match(row[2], /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(after.audit, before.audit, 'a response is never audited');
      const bytes = databaseBytes(suite.db);
      assert.equal(bytes.includes('waymark-survey-test-5f3a9c'), false, 'the user agent is stored');
      assert.equal(bytes.includes('127.0.0.1'), false, 'an address is stored');
    } finally {
      await context.close();
    }
  });
});
