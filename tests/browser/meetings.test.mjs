// End-to-end test of date polls and the group's calendar, in headless
// Chromium, against the real server: the administrator creates a hosted
// group and proposes two dates; Léa (a member) and Karim (no account, by the
// poll's link) answer; the administrator closes the poll on the best date,
// and the meeting appears in the group's calendar and its feed.
//
// Run from the repository root, after `cargo build -p essaim`:
//     node --test tests/browser/meetings.test.mjs
// Screenshots go to target/screenshots/meetings-*.png.

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  clickAndLoad,
  cleanScreenshots,
  h1,
  launchBrowser,
  newContext,
  open,
  passwordLogin,
  plain,
  screenshots,
  startServer,
  storyStep,
} from './lib.mjs';

const STEP_TIMEOUT = 60_000;

const ADMIN = { email: 'admin@example.org', name: 'Alice Admin', password: 'admin-password-2026', admin: true };
const LEA = { email: 'lea@example.org', name: 'Léa', password: 'des radis et des courges' };

const GROUP = {
  name: 'Jardins partagés de la Croix-Rousse',
  summary: 'Cultiver ensemble des potagers sur les pentes, et composter les déchets du quartier.',
  slug: 'jardins-croix-rousse',
};
const GROUP_PATH = `/g/${GROUP.slug}`;
const POLL_TITLE = 'Fête des semis';

/** `days` from today at 18:30, as a date picker gives it (local time). */
function inDays(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T18:30`;
}

/** Text without Fluent's isolation marks, spaces made plain. */
function spaced(text) {
  return plain(text).replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

async function shots(page, name) {
  await screenshots(page, name, {
    settle: async (shown, width) => {
      const scrollWidth = await shown.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= width, `${name} at ${width} px scrolls sideways (${scrollWidth} px wide)`);
    },
  });
}

/** Answers the poll on `page`: one choice per option, in order. */
async function answer(page, choices, name) {
  const row = page.locator('tr.answer-row');
  if (name) await row.locator('input[name="name"]').fill(name);
  const groups = row.locator('td fieldset');
  assert.equal(await groups.count(), choices.length);
  for (const [i, choice] of choices.entries()) {
    await groups.nth(i).getByLabel(choice, { exact: true }).check();
  }
  return clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer ma réponse' }));
}

describe('meetings', () => {
  let server;
  let browser;
  let admin;
  let lea;
  let karim;
  let pollPath;

  const step = storyStep({
    prefix: 'meetings',
    timeout: STEP_TIMEOUT,
    pages: () => [['admin', admin], ['lea', lea], ['karim', karim]],
    serverOutput: () => server?.output() ?? '',
  });

  before(async () => {
    cleanScreenshots('meetings-');
    server = await startServer({ users: [ADMIN, LEA] });
    browser = await launchBrowser();
    admin = await (await newContext(browser, server.baseURL)).newPage();
    lea = await (await newContext(browser, server.baseURL)).newPage();
    karim = await (await newContext(browser, server.baseURL)).newPage();
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  step('the administrator creates a hosted group and Léa joins it', async () => {
    await passwordLogin(admin, ADMIN);
    await open(admin, '/groups/new');
    const form = admin.locator('form[action="/groups/new"]');
    await form.locator('input[name="name"]').fill(GROUP.name);
    await form.locator('input[name="summary"]').fill(GROUP.summary);
    await form.locator('input[name="kind"][value="thematic"]').check();
    await form.locator('input[name="slug"]').fill(GROUP.slug);
    await form.locator('input[name="hosted"]').check();
    await form.locator('input[name="charter"]').check();
    const created = await clickAndLoad(admin, form.getByRole('button', { name: 'Proposer le groupe' }));
    assert.equal(created.status(), 200);

    await passwordLogin(lea, LEA);
    await open(lea, GROUP_PATH);
    const join = lea.locator(`form[action="${GROUP_PATH}/join"]`);
    assert.equal((await clickAndLoad(lea, join.getByRole('button', { name: 'Rejoindre le groupe' }))).status(), 200);
  });

  step('the administrator proposes two dates', async () => {
    await open(admin, `${GROUP_PATH}/meetings`);
    assert.match(spaced(await admin.locator('main').innerText()), /Aucune rencontre prévue/);
    await clickAndLoad(admin, admin.getByRole('link', { name: 'Proposer des dates' }));
    assert.equal(await h1(admin), 'Proposer des dates');
    await admin.getByLabel('Pour quelle rencontre ?').fill(POLL_TITLE);
    await admin.getByLabel('Date 1', { exact: true }).fill(inDays(10));
    await admin.getByLabel('Date 2', { exact: true }).fill(inDays(12));
    await admin.getByLabel('Les personnes sans compte peuvent répondre avec leur nom').check();
    await shots(admin, 'meetings-poll-new');
    const response = await clickAndLoad(admin, admin.getByRole('button', { name: 'Lancer le sondage' }));
    assert.equal(response.status(), 200);
    pollPath = new URL(admin.url()).pathname;
    assert.match(pollPath, /^\/p\/[0-9a-f]+$/);
    assert.equal(await h1(admin), POLL_TITLE);
  });

  step('Léa and Karim (without an account) answer', async () => {
    await open(lea, pollPath);
    let response = await answer(lea, ['Non', 'Oui']);
    assert.equal(response.status(), 200);
    assert.match(spaced(await lea.locator('.flash').innerText()), /votre réponse est enregistrée/);

    await open(karim, pollPath);
    response = await answer(karim, ['Si besoin', 'Oui'], 'Karim');
    assert.equal(response.status(), 200);
    assert.match(new URL(karim.url()).pathname, new RegExp(`^${pollPath}/k/`));
    assert.match(spaced(await karim.locator('#private-link').innerText()), new RegExp(`${pollPath}/k/`));

    // The second date is best: two yes.
    const best = karim.locator('thead th.best');
    assert.equal(await best.count(), 1);
    assert.match(spaced(await best.innerText()), /Le mieux/);
    const rows = await karim.locator('tbody tr:not(.answer-row) th').allInnerTexts();
    assert.deepEqual(rows.map((r) => spaced(r).replace(' (sans compte)', '')), ['Léa', 'Karim']);
    await shots(karim, 'meetings-poll-answered');
  });

  step('the administrator closes the poll on the best date', async () => {
    await open(admin, pollPath);
    const close = admin.locator(`form[action="${pollPath}/close"]`);
    const options = close.locator('input[name="option"]');
    assert.equal(await options.count(), 2);
    await options.nth(1).check();
    const response = await clickAndLoad(admin, close.getByRole('button', { name: 'Choisir et créer la rencontre' }));
    assert.equal(response.status(), 200);
    assert.match(new URL(admin.url()).pathname, new RegExp(`^${GROUP_PATH}/meetings/\\d+$`));
    assert.equal(await h1(admin), POLL_TITLE);
    assert.match(spaced(await admin.locator('.lead').innerText()), /18 h 30 – 20 h 30/);
    await shots(admin, 'meetings-meeting');
  });

  step("the meeting is in the group's calendar and its feed", async () => {
    await open(lea, `${GROUP_PATH}/meetings`);
    const item = lea.locator('.meeting-item').filter({ hasText: POLL_TITLE });
    assert.equal(await item.count(), 1);
    assert.match(spaced(await lea.locator('main').innerText()), /À venir/);
    await shots(lea, 'meetings-calendar');
    const feed = await lea.request.get(`${GROUP_PATH}/meetings.ics`);
    assert.equal(feed.status(), 200);
    const text = await feed.text();
    assert.match(text, /BEGIN:VEVENT\r\n/);
    assert.match(text, new RegExp(`SUMMARY:${POLL_TITLE}`));
    // Closing again is no longer offered.
    await open(admin, pollPath);
    assert.equal(await admin.locator(`form[action="${pollPath}/close"]`).count(), 0);
  });
});
