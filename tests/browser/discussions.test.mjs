// End-to-end test of the discussions, in headless Chromium, against the
// real server: the administrator creates a hosted group, Léa joins it and
// starts a topic, the administrator likes her message, quotes a passage in a
// reply that mentions her, Léa sees the bell and the reply, and the
// administrator reads Léa's message as the email the list wrote
// (/admin/outbox).
//
// Run from the repository root, after `cargo build -p essaim`:
//     node --test tests/browser/discussions.test.mjs
// Screenshots go to target/screenshots/discussions-*.png.

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
  kind: 'thematic',
  slug: 'jardins-croix-rousse',
  joining: 'open',
};
const GROUP_PATH = `/g/${GROUP.slug}`;
const FORUM = `${GROUP_PATH}/discussions`;
const TITLE = 'Bourse aux graines du 12 avril';
const TEXT = 'Qui apporte des graines de **tomates** ? Je tiens la table de 10 h à midi.';

/** `text` without Fluent's isolation marks, its spaces made plain. */
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

describe('discussions', () => {
  let server;
  let browser;
  let admin;
  let lea;
  let topicPath;

  const step = storyStep({
    prefix: 'discussions',
    timeout: STEP_TIMEOUT,
    pages: () => [['admin', admin], ['lea', lea]],
    serverOutput: () => server?.output() ?? '',
  });

  before(async () => {
    cleanScreenshots('discussions-');
    server = await startServer({ users: [ADMIN, LEA] });
    browser = await launchBrowser();
    admin = await (await newContext(browser, server.baseURL)).newPage();
    lea = await (await newContext(browser, server.baseURL)).newPage();
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  step('the administrator creates a hosted group; Léa joins it', async () => {
    await passwordLogin(admin, ADMIN);
    await open(admin, '/groups/new');
    const form = admin.locator('form[action="/groups/new"]');
    await form.locator('input[name="name"]').fill(GROUP.name);
    await form.locator('input[name="summary"]').fill(GROUP.summary);
    await form.locator(`input[name="kind"][value="${GROUP.kind}"]`).check();
    await form.locator('input[name="slug"]').fill(GROUP.slug);
    await form.locator('input[name="hosted"]').check();
    await form.locator('select[name="joining"]').selectOption(GROUP.joining);
    await form.locator('input[name="charter"]').check();
    const made = await clickAndLoad(admin, form.getByRole('button', { name: 'Proposer le groupe' }));
    assert.equal(made.status(), 200);

    await passwordLogin(lea, LEA);
    await open(lea, GROUP_PATH);
    const join = lea.locator(`form[action="${GROUP_PATH}/join"]`);
    const joined = await clickAndLoad(lea, join.getByRole('button', { name: 'Rejoindre le groupe' }));
    assert.equal(joined.status(), 200);
  });

  step('Léa starts a topic from the group page', async () => {
    await open(lea, GROUP_PATH);
    const link = await clickAndLoad(lea, lea.locator(`main a[href="${FORUM}"]`).first());
    assert.equal(link.status(), 200);
    assert.equal(spaced(await h1(lea)), `Les discussions de ${GROUP.name}`);
    assert.match(spaced(await lea.locator('main').innerText()), /Lancez la première discussion/);
    await shots(lea, 'discussions-empty');
    await lea.getByLabel('Titre du sujet', { exact: true }).fill(TITLE);
    await lea.getByLabel('Votre message', { exact: true }).fill(TEXT);
    const posted = await clickAndLoad(lea, lea.getByRole('button', { name: 'Lancer la discussion' }));
    assert.equal(posted.status(), 200);
    topicPath = new URL(lea.url()).pathname;
    assert.match(topicPath, new RegExp(`^${FORUM}/\\d+$`));
    assert.equal(await h1(lea), TITLE);
    assert.equal(spaced(await lea.locator('.flash').innerText()), 'Votre sujet est lancé.');
    assert.equal((await lea.locator('.post .prose strong').first().innerText()).trim(), 'tomates');
  });

  step('the administrator sees it as new, likes it, and replies quoting it', async () => {
    await open(admin, FORUM);
    const line = admin.locator('li.topic-line.unread');
    assert.equal(await line.count(), 1, 'a new topic is marked');
    assert.match(spaced(await line.innerText()), new RegExp(TITLE));
    await shots(admin, 'discussions-list');
    await clickAndLoad(admin, line.locator('a').first());
    assert.equal(await h1(admin), TITLE);

    const like = admin.locator('.post-actions button', { hasText: "J'aime" }).first();
    assert.equal(spaced(await like.innerText()), "J'aime · 0");
    await clickAndLoad(admin, like);
    assert.equal(spaced(await admin.locator('.post-actions button', { hasText: "J'aime" }).first().innerText()), "J'aime · 1");
    assert.equal(await admin.locator('.post-actions button', { hasText: "J'aime" }).first().getAttribute('aria-pressed'), 'true');

    // She selects the start of Léa's sentence and quotes just that passage.
    await admin.evaluate(() => {
      const words = document.querySelector('li.post .prose p').firstChild;
      const range = document.createRange();
      range.selectNodeContents(words);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await clickAndLoad(admin, admin.getByRole('link', { name: 'Citer' }).first());
    const area = admin.locator('#reply textarea[name="markdown"]');
    const quoted = await area.inputValue();
    assert.equal(quoted, '> Léa a écrit :\n>\n> Qui apporte des graines de\n\n');
    await area.fill(`${quoted}Moi ! @Léa, je viens à 10 h avec des tomates cerises.`);
    const replied = await clickAndLoad(admin, admin.getByRole('button', { name: 'Envoyer la réponse' }));
    assert.equal(replied.status(), 200);
    assert.equal(spaced(await admin.locator('.flash').innerText()), 'Votre réponse est publiée.');
    const posts = admin.locator('li.post');
    assert.equal(await posts.count(), 2);
    assert.equal(await posts.nth(1).locator('blockquote').count(), 1, 'the quote is shown as a quote');
    await shots(admin, 'discussions-topic');
  });

  step('Léa sees the bell, then the reply', async () => {
    await open(lea, '/');
    const bell = lea.locator('a.bell');
    assert.equal((await bell.locator('.bell-count').innerText()).trim(), '1');
    await clickAndLoad(lea, bell);
    assert.equal(await h1(lea), 'Vos notifications');
    const note = lea.locator('main li a').first();
    assert.match(spaced(await note.innerText()), /Alice Admin vous a mentionné dans « Bourse aux graines du 12 avril »/);
    await shots(lea, 'discussions-notifications');
    await clickAndLoad(lea, note);
    assert.equal(new URL(lea.url()).pathname, topicPath);
    assert.match(spaced(await lea.locator('li.post').nth(1).innerText()), /tomates cerises/);
    assert.equal(await lea.locator('a.bell .bell-count').count(), 0, 'read notifications are no longer counted');
  });

  step("the administrator reads Léa's message as the list's email", async () => {
    const subject = `[${GROUP.slug}] ${TITLE}`;
    // The worker writes the list's emails in the background: wait for it.
    let row;
    for (let i = 0; i < 40; i += 1) {
      await open(admin, '/admin/outbox');
      row = admin.locator('tbody tr', { hasText: subject }).filter({ hasText: ADMIN.email });
      if ((await row.count()) > 0) break;
      await admin.waitForTimeout(250);
    }
    assert.equal(await row.count(), 1, 'the list wrote to the administrator');
    await clickAndLoad(admin, row.locator('a.outbox-message'));
    assert.equal(spaced(await h1(admin)), subject);
    const text = await admin.locator('pre.mail-text').innerText();
    assert.match(text, /Léa a écrit au groupe/);
    assert.match(text, /Qui apporte des graines de \*\*tomates\*\*/);
    assert.match(text, /Répondez simplement à cet e-mail/);
    assert.ok(text.includes(`${server.baseURL}${topicPath}`), text);
    await shots(admin, 'discussions-email');
    const raw = await (await admin.request.get(admin.url() + '/raw')).text();
    assert.match(raw, /List-Id: =\?utf-8\?q\?Jardins_partag=C3=A9s_de_la_Croix-Rousse\?= <jardins-croix-rousse\./);
    assert.match(raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    assert.match(raw, new RegExp(`Reply-To: <?${GROUP.slug}\\+[0-9a-f]+@`));
  });
});
