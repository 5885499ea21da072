// End-to-end test of projects and news, in headless Chromium, against the
// real server: the administrator creates a hosted group (and so runs it);
// Léa joins, starts a project and says where it stands; the administrator
// sees it at the top of the follow-up board and records the week's review,
// then finds it in the draft of the group's next newsletter;
// Karim, who has no account, subscribes to the group's news by email and
// confirms by the link he receives.
//
// Run from the repository root, after `cargo build -p essaim`:
//     node --test tests/browser/projects.test.mjs
// Screenshots go to target/screenshots/projects-*.png, at phone and
// desktop widths.

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
const KARIM = 'karim@example.org';

const GROUP = {
  name: 'Jardins partagés de la Croix-Rousse',
  summary: 'Cultiver ensemble des potagers sur les pentes, et composter les déchets du quartier.',
  slug: 'jardins-croix-rousse',
};
const GROUP_PATH = `/g/${GROUP.slug}`;
const PROJECT = 'Grainothèque du quartier';
const NEWS = 'La boîte est posée à la bibliothèque, il reste à faire les étiquettes.';

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

describe('projects and news', () => {
  let server;
  let browser;
  let admin;
  let lea;
  let karim;
  let projectPath;

  const step = storyStep({
    prefix: 'projects',
    timeout: STEP_TIMEOUT,
    pages: () => [['admin', admin], ['lea', lea], ['karim', karim]],
    serverOutput: () => server?.output() ?? '',
  });

  before(async () => {
    cleanScreenshots('projects-');
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

  step('Léa starts a project and posts where it stands', async () => {
    await open(lea, `${GROUP_PATH}/projects`);
    await clickAndLoad(lea, lea.getByRole('link', { name: 'Nouveau projet' }));
    await lea.getByLabel('Nom du projet').fill(PROJECT);
    await lea.getByLabel('Description courte').fill('Échanger des graines entre voisins, au fil des saisons.');
    await lea.locator('input[name="open"]').check();
    await shots(lea, 'projects-new');
    let response = await clickAndLoad(lea, lea.getByRole('button', { name: 'Enregistrer le projet' }));
    assert.equal(response.status(), 200);
    projectPath = new URL(lea.url()).pathname;
    assert.match(projectPath, new RegExp(`^${GROUP_PATH}/projects/\\d+$`));
    assert.equal(await h1(lea), PROJECT);
    assert.match(spaced(await lea.locator('#news').innerText()), /Pas encore de nouvelles/);

    await lea.getByLabel('Les nouvelles').fill(NEWS);
    response = await clickAndLoad(lea, lea.getByRole('button', { name: 'Publier les nouvelles' }));
    assert.equal(response.status(), 200);
    assert.match(spaced(await lea.locator('.flash').innerText()), /Merci pour ces nouvelles/);
    assert.ok(spaced(await lea.locator('#news').innerText()).includes(NEWS));
    await shots(lea, 'projects-news');

    // Open to contributors: it is in the instance's catalogue.
    await open(karim, '/projects');
    assert.equal(await karim.locator(`a[href="${projectPath}"]`).count() > 0, true);
  });

  step('the follow-up board shows the news and takes the review', async () => {
    await open(admin, `${GROUP_PATH}/projects`);
    await clickAndLoad(admin, admin.getByRole('link', { name: 'Suivi des projets' }));
    assert.equal(await h1(admin), 'Suivi des projets');
    const row = admin.locator('table.follow-up tbody tr').filter({ hasText: PROJECT });
    assert.equal(await row.count(), 1);
    const cells = await row.locator('td').allInnerTexts();
    assert.match(spaced(cells[0]), /Léa/);
    assert.match(spaced(cells[1]), /aujourd'hui/);
    await shots(admin, 'projects-follow-up');

    await admin.getByLabel('Une note (facultatif)').fill('Étiquettes à faire avec les enfants.');
    const response = await clickAndLoad(admin, admin.getByRole('button', { name: "J'ai fait le point" }));
    assert.equal(response.status(), 200);
    assert.match(spaced(await admin.locator('.flash').innerText()), /le suivi de cette semaine est fait/);
    assert.match(spaced(await admin.locator('main').innerText()), /Étiquettes à faire avec les enfants/);
  });

  step("the project's news is in the next newsletter's draft, and Léa is thanked", async () => {
    await open(admin, `${GROUP_PATH}/newsletters`);
    const response = await clickAndLoad(admin, admin.getByRole('button', { name: 'Préparer la lettre' }));
    assert.equal(response.status(), 200);
    assert.match(new URL(admin.url()).pathname, new RegExp(`^${GROUP_PATH}/newsletters/\\d+$`));
    const draft = spaced(await admin.locator('main').innerText());
    assert.ok(draft.includes(PROJECT), `the draft names the project:\n${draft}`);
    assert.ok(draft.includes('Des nouvelles d’un projet'), `the draft has the project news part:\n${draft}`);
    assert.match(draft, /Léa/);
    await shots(admin, 'projects-newsletter-draft');
  });

  step('Karim subscribes to the news without an account and confirms', async () => {
    await open(karim, `${GROUP_PATH}/news`);
    await karim.getByLabel('Votre adresse e-mail').fill(KARIM);
    await shots(karim, 'projects-news-subscribe');
    let response = await clickAndLoad(karim, karim.getByRole('button', { name: 'Recevoir les nouvelles' }));
    assert.equal(response.status(), 200);
    assert.equal(await h1(karim), 'Regardez vos e-mails');

    // The confirmation email, as the administrator reads it in the outbox.
    await open(admin, '/admin/outbox');
    const message = admin.locator('table a.outbox-message').filter({ hasText: 'Confirmez pour recevoir les nouvelles' });
    assert.ok((await message.count()) > 0, 'the confirmation email is in the outbox');
    await clickAndLoad(admin, message.first());
    const text = await admin.locator('pre.mail-text').innerText();
    const link = text.match(/https?:\/\/\S+\/news\/confirm\/[0-9a-zA-Z_-]+/);
    assert.ok(link, `no confirmation link in:\n${text}`);

    await open(karim, new URL(link[0]).pathname);
    assert.equal(await h1(karim), "Confirmer l'abonnement");
    response = await clickAndLoad(karim, karim.getByRole('button', { name: 'Oui, recevoir les nouvelles' }));
    assert.equal(response.status(), 200);
    assert.equal(await h1(karim), "C'est confirmé");
    assert.ok(spaced(await karim.locator('main').innerText()).includes(GROUP.name));
    await shots(karim, 'projects-news-confirmed');
  });
});
