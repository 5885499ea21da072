// End-to-end test of the shared space (wiki), in headless Chromium, against
// the real server: the administrator creates a hosted group, Léa joins it
// and writes meeting minutes with the editor's toolbar, previews them,
// saves, follows a link to a page still to write, edits again, compares
// the two versions, restores the first one, and finds the page by search.
//
// Run from the repository root, after `cargo build -p essaim`:
//     node --test tests/browser/
// Screenshots go to target/screenshots/wiki-*.png.

import { after, before, describe, test } from 'node:test';
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
const WAIT = { timeout: 20_000 };

const ADMIN = { email: 'admin@example.org', name: 'Alice Admin', password: 'admin-password-2026', admin: true };
const LEA = { email: 'lea@example.org', name: 'Léa', password: 'des radis et des courges' };

const GROUP = {
  name: 'Jardins partagés de la Croix-Rousse',
  summary: 'Cultiver ensemble des potagers sur les pentes, et composter les déchets du quartier.',
  kind: 'thematic',
  slug: 'jardins-croix-rousse',
  description: 'Nous cultivons **trois jardins** sur les pentes.',
  joining: 'open',
};
const GROUP_PATH = `/g/${GROUP.slug}`;
const WIKI = `${GROUP_PATH}/wiki`;

const TITLE = 'Compte rendu du 12 mars';
const PAGE = `${WIKI}/compte-rendu-du-12-mars`;
const MISSING = 'Calendrier des semis';

/** What Léa types first, before any formatting. */
const TYPED = [
  'Présents',
  'Marie, Karim et Léa.',
  '',
  'Décisions',
  'Acheter des graines de tomates',
  'Réparer le composteur du jardin',
  '',
  'Pour tout le reste : ',
  `Le calendrier sera sur [[${MISSING}]].`,
  'Compte rendu écrit par Léa.',
].join('\n');

/** The same text after the toolbar: two headings, a list, a bold word, a wiki link. */
const FORMATTED = [
  '## Présents',
  'Marie, Karim et Léa.',
  '',
  '## Décisions',
  '- Acheter des graines de tomates',
  '- Réparer le **composteur** du jardin',
  '',
  'Pour tout le reste : [[Accueil]]',
  `Le calendrier sera sur [[${MISSING}]].`,
  'Compte rendu écrit par Léa.',
].join('\n');

// ------------------------------------------------------------------ helpers

/** The text of the first element matching `selector`, without Fluent's isolation marks. */
async function textOf(page, selector) {
  return spaced(await page.locator(selector).first().innerText());
}

/** `text` without Fluent's isolation marks, its spaces (French no-break ones too) made plain. */
function spaced(text) {
  return plain(text).replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/**
 * Screenshots at both widths (see lib.mjs), checking at each width that the
 * page does not scroll sideways.
 */
async function shots(page, name) {
  await screenshots(page, name, {
    settle: async (shown, width) => {
      const scrollWidth = await shown.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= width, `${name} at ${width} px scrolls sideways (${scrollWidth} px wide)`);
    },
  });
}

/** Selects `needle` in the textarea (the first occurrence), as a person would with the mouse. */
async function select(area, needle, { collapseToEnd = false } = {}) {
  const found = await area.evaluate(
    (el, [needle, collapseToEnd]) => {
      const start = el.value.indexOf(needle);
      if (start < 0) return false;
      const end = start + needle.length;
      el.focus();
      el.setSelectionRange(collapseToEnd ? end : start, end);
      return true;
    },
    [needle, collapseToEnd],
  );
  assert.ok(found, `"${needle}" is in the editor`);
}

/** The textarea's text and selection. */
function editorState(area) {
  return area.evaluate((el) => ({
    value: el.value,
    selected: el.value.slice(el.selectionStart, el.selectionEnd),
  }));
}

/**
 * Answers the next dialog (prompt or confirm) with `answer`, and returns an
 * object filled with what it asked, once it has.
 */
function answerNextDialog(page, answer) {
  const seen = {};
  seen.done = new Promise((resolve) => {
    page.once('dialog', async (dialog) => {
      seen.type = dialog.type();
      seen.message = dialog.message();
      seen.defaultValue = dialog.defaultValue();
      await dialog.accept(answer);
      resolve();
    });
  });
  return seen;
}

/**
 * Searches the group for `query`: the minutes must be among the results;
 * returns the words highlighted in their excerpt.
 */
async function searchHit(page, query) {
  await open(page, `${GROUP_PATH}/search?q=${encodeURIComponent(query)}`);
  assert.equal(await page.locator('#search-q').inputValue(), query);
  const hit = page.locator('ol.search-results > li').filter({ has: page.locator(`a[href="${PAGE}"]`) });
  assert.equal(await hit.count(), 1, `"${query}" finds the minutes`);
  assert.equal(plain(await hit.locator('a strong').innerText()).trim(), TITLE);
  return (await hit.locator('.excerpt mark').allInnerTexts()).map((t) => t.trim());
}

/** The number of the version a page says it shows ("… (version N)"). */
async function shownVersion(page) {
  const line = await textOf(page, 'article.wiki-page p.small.muted');
  const match = line.match(/\(version (\d+)\)/);
  assert.ok(match, `the page names its version: ${line}`);
  return Number(match[1]);
}

// ------------------------------------------------------------------ the test

describe('wiki', () => {
  let server; // {baseURL, output(), stop()}
  let baseURL;
  let browser;
  let admin;
  let lea;

  /** One step of the story; on failure, keeps what every page showed and the server's log. */
  const step = storyStep({
    prefix: 'wiki',
    timeout: STEP_TIMEOUT,
    pages: () => [['admin', admin], ['lea', lea]],
    serverOutput: () => server?.output() ?? '',
  });

  before(async () => {
    cleanScreenshots('wiki-');
    server = await startServer({ users: [ADMIN, LEA] });
    baseURL = server.baseURL;
    browser = await launchBrowser();
    admin = await (await newContext(browser, baseURL)).newPage();
    lea = await (await newContext(browser, baseURL)).newPage();
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  step('the administrator creates a hosted group, with its first pages', async () => {
    await passwordLogin(admin, ADMIN);
    await open(admin, '/groups/new');
    const form = admin.locator('form[action="/groups/new"]');
    await form.locator('input[name="name"]').fill(GROUP.name);
    await form.locator('input[name="summary"]').fill(GROUP.summary);
    await form.locator(`input[name="kind"][value="${GROUP.kind}"]`).check();
    await form.locator('input[name="slug"]').fill(GROUP.slug);
    await form.locator('input[name="hosted"]').check();
    await form.locator('textarea[name="description"]').fill(GROUP.description);
    await form.locator('select[name="joining"]').selectOption(GROUP.joining);
    await form.locator('input[name="charter"]').check();
    const response = await clickAndLoad(admin, form.getByRole('button', { name: 'Proposer le groupe' }));
    assert.equal(response.status(), 200);
    assert.equal(new URL(admin.url()).pathname, GROUP_PATH);
    assert.equal(await h1(admin), GROUP.name);
    assert.doesNotMatch(await textOf(admin, 'main'), /attend qu'une personne d'appui/, 'listed at once');

    await open(admin, WIKI);
    assert.equal(await h1(admin), `L'espace partagé de ${GROUP.name}`);
    const listed = await admin.locator('#pages-title + ul a').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href')),
    );
    for (const slug of ['accueil', 'reunions', 'discussions', 'projets', 'ressources', 'rejoindre']) {
      assert.ok(listed.includes(`${WIKI}/${slug}`), `${slug} is among the first pages: ${listed}`);
    }
  });

  step('Léa joins the group', async () => {
    await passwordLogin(lea, LEA);
    await open(lea, GROUP_PATH);
    const join = lea.locator(`form[action="${GROUP_PATH}/join"]`);
    const response = await clickAndLoad(lea, join.getByRole('button', { name: 'Rejoindre le groupe' }));
    assert.equal(response.status(), 200);
    assert.equal(await textOf(lea, '.flash'), 'Bienvenue dans le groupe !');
    assert.match(await textOf(lea, '#join'), /Vous êtes membre de ce groupe/);
  });

  step('Léa starts a page from the wiki home', async () => {
    await open(lea, WIKI);
    assert.match(await textOf(lea, 'main'), /Les pages/);
    await shots(lea, 'wiki-home');
    await lea.getByLabel('Titre de la nouvelle page', { exact: true }).fill(TITLE);
    const response = await clickAndLoad(lea, lea.getByRole('button', { name: 'Créer la page' }));
    assert.equal(response.status(), 200);
    const url = new URL(lea.url());
    assert.equal(url.pathname, `${PAGE}/edit`);
    assert.equal(url.searchParams.get('title'), TITLE);
    assert.equal(await h1(lea), 'Nouvelle page');
    assert.equal(await lea.locator('input[name="title"]').inputValue(), TITLE);
    assert.equal(await lea.locator('#field-markdown').inputValue(), '');

    // The toolbar appears with JavaScript; the cheat-sheet is there in French.
    const toolbar = lea.locator('.editor-toolbar');
    await toolbar.waitFor({ state: 'visible', ...WAIT });
    assert.equal(await toolbar.getAttribute('role'), 'toolbar');
    assert.deepEqual(
      (await toolbar.locator('button[data-md]').allInnerTexts()).map((t) => t.trim()),
      ['Gras', 'Titre', 'Liste', 'Lien', 'Image', 'Lien vers une page'],
    );
    const cheat = lea.locator('.cheat-sheet');
    assert.ok(await cheat.isVisible());
    assert.match(await textOf(lea, '.cheat-sheet'), /\*\*\S+\*\*/);
    assert.equal(await cheat.locator('dd strong').count(), 1, 'bold shown as bold');
  });

  step('the toolbar formats the text: bold, heading, list, wiki link', async () => {
    const area = lea.locator('#field-markdown');
    const bar = lea.locator('.editor-toolbar');
    await area.fill(TYPED);

    // Bold: the selected word gets wrapped, and stays selected.
    await select(area, 'composteur');
    await bar.locator('button[data-md="bold"]').click();
    let state = await editorState(area);
    assert.ok(state.value.includes('Réparer le **composteur** du jardin'), state.value);
    assert.equal(state.selected, 'composteur');

    // Heading on two lines, the caret anywhere in the line.
    await select(area, 'résent');
    await bar.getByRole('button', { name: 'Titre', exact: true }).click();
    await select(area, 'Décisions');
    await bar.getByRole('button', { name: 'Titre', exact: true }).click();
    state = await editorState(area);
    assert.ok(state.value.startsWith('## Présents\n'), state.value);
    assert.ok(state.value.includes('\n## Décisions\n'), state.value);

    // A list from two selected lines.
    await select(area, 'graines de tomates\nRéparer');
    await bar.getByRole('button', { name: 'Liste', exact: true }).click();
    state = await editorState(area);
    assert.ok(state.value.includes('\n- Acheter des graines de tomates\n- Réparer le **composteur** du jardin\n'), state.value);

    // A link to another page of the wiki, named in a prompt.
    await select(area, 'Pour tout le reste : ', { collapseToEnd: true });
    const dialog = answerNextDialog(lea, 'Accueil');
    await bar.getByRole('button', { name: 'Lien vers une page', exact: true }).click();
    await dialog.done;
    assert.equal(dialog.type, 'prompt');
    assert.equal(plain(dialog.message), 'Nom de la page :');
    await lea.waitForFunction(
      (expected) => document.getElementById('field-markdown').value === expected,
      FORMATTED,
      WAIT,
    );
    assert.equal(await area.inputValue(), FORMATTED);
    await shots(lea, 'wiki-editor');
  });

  step('the preview shows the formatting without saving', async () => {
    const response = await clickAndLoad(lea, lea.getByRole('button', { name: 'Aperçu', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(new URL(lea.url()).pathname, `${PAGE}/edit`);
    const preview = lea.locator('.preview');
    await preview.waitFor(WAIT);
    assert.equal((await preview.locator('strong').innerText()).trim(), 'composteur');
    assert.deepEqual((await preview.locator('h2:not(#preview-title)').allInnerTexts()).map((t) => t.trim()), [
      'Présents',
      'Décisions',
    ]);
    assert.equal(await preview.locator('li').count(), 2);
    const home = preview.locator('a.wikilink:not(.missing)');
    assert.equal(await home.count(), 1);
    assert.equal((await home.innerText()).trim(), 'Accueil');
    assert.equal(await home.getAttribute('href'), `${WIKI}/accueil`);
    assert.equal(await preview.locator('a.wikilink.missing').count(), 1);
    // Everything typed is still in the form.
    assert.equal(await lea.locator('input[name="title"]').inputValue(), TITLE);
    assert.equal(await lea.locator('#field-markdown').inputValue(), FORMATTED);
    await shots(lea, 'wiki-preview');

    const notYet = await lea.request.get(PAGE);
    assert.equal(notYet.status(), 404, 'a preview saves nothing');
  });

  step('Léa saves: bold text, a working link, a red link to a missing page', async () => {
    await lea.locator('input[name="summary"]').fill('Premier compte rendu');
    const response = await clickAndLoad(lea, lea.getByRole('button', { name: 'Enregistrer', exact: true }));
    assert.equal(response.status(), 200);
    assert.equal(new URL(lea.url()).pathname, PAGE);
    assert.equal(await h1(lea), TITLE);
    assert.equal(await shownVersion(lea), 1);
    assert.match(await textOf(lea, 'article.wiki-page p.small.muted'), /par Léa/);

    const article = lea.locator('article.wiki-page');
    assert.equal((await article.locator('strong').innerText()).trim(), 'composteur');
    const missing = article.locator('a.wikilink.missing');
    assert.equal(await missing.count(), 1);
    assert.equal((await missing.innerText()).trim(), MISSING);
    const color = await missing.evaluate((a) => getComputedStyle(a).color);
    const [r, g, b] = color.match(/\d+/g).map(Number);
    assert.ok(r > 150 && g < 80 && b < 80, `the missing link is red: ${color}`);
    await shots(lea, 'wiki-page');

    // The link to Accueil works.
    const home = article.locator('a.wikilink:not(.missing)');
    assert.equal((await home.innerText()).trim(), 'Accueil');
    const homeResponse = await clickAndLoad(lea, home);
    assert.equal(homeResponse.status(), 200);
    assert.equal(new URL(lea.url()).pathname, `${WIKI}/accueil`);
    assert.equal(await lea.locator('article.wiki-page').count(), 1, 'an existing page');
  });

  step('the red link leads to the creation form, title filled in', async () => {
    await open(lea, PAGE);
    const missing = lea.locator('article.wiki-page a.wikilink.missing');
    const response = await clickAndLoad(lea, missing);
    assert.equal(response.status(), 200);
    assert.equal(new URL(lea.url()).pathname, `${WIKI}/calendrier-des-semis/edit`);
    assert.equal(await h1(lea), 'Nouvelle page');
    assert.equal(await lea.locator('input[name="title"]').inputValue(), MISSING);
    assert.equal(await lea.locator('#field-markdown').inputValue(), '');
    await shots(lea, 'wiki-create-missing');
  });

  step('Léa edits the page again: version 2', async () => {
    await open(lea, PAGE);
    const response = await clickAndLoad(lea, lea.getByRole('link', { name: 'Modifier la page' }));
    assert.equal(response.status(), 200);
    assert.equal(new URL(lea.url()).pathname, `${PAGE}/edit`);
    assert.equal(spaced(await h1(lea)), `Modifier « ${TITLE} »`);
    const area = lea.locator('#field-markdown');
    assert.equal(await area.inputValue(), FORMATTED);
    await area.fill(FORMATTED.replace('Karim et Léa.', 'Karim, Léa et Sacha.').replace('tomates', 'courges'));
    await lea.locator('input[name="summary"]').fill('Ajout de Sacha');
    const saved = await clickAndLoad(lea, lea.getByRole('button', { name: 'Enregistrer', exact: true }));
    assert.equal(saved.status(), 200);
    assert.equal(new URL(lea.url()).pathname, PAGE);
    assert.equal(await shownVersion(lea), 2);
    assert.match(await textOf(lea, 'article.wiki-page'), /Marie, Karim, Léa et Sacha\./);
  });

  step('the history compares versions 1 and 2 word by word', async () => {
    const response = await clickAndLoad(lea, lea.getByRole('link', { name: 'Historique' }));
    assert.equal(response.status(), 200);
    assert.equal(new URL(lea.url()).pathname, `${PAGE}/history`);
    assert.equal(spaced(await h1(lea)), `Historique de « ${TITLE} »`);
    const rows = lea.locator('table.history tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(plain(await rows.nth(0).innerText()), /version 2[\s\S]*Léa[\s\S]*Ajout de Sacha/);
    assert.match(plain(await rows.nth(1).innerText()), /version 1[\s\S]*Léa[\s\S]*Premier compte rendu/);
    await shots(lea, 'wiki-history');

    await lea.locator('input[name="from"][value="1"]').check();
    await lea.locator('input[name="to"][value="2"]').check();
    const diff = await clickAndLoad(lea, lea.getByRole('button', { name: 'Comparer les deux versions choisies' }));
    assert.equal(diff.status(), 200);
    const url = new URL(lea.url());
    assert.equal(url.pathname, `${PAGE}/diff`);
    assert.equal(url.searchParams.get('from'), '1');
    assert.equal(url.searchParams.get('to'), '2');
    assert.equal(spaced(await h1(lea)), 'De la version 1 à la version 2');
    const inserted = (await lea.locator('.diff ins').allInnerTexts()).join(' ');
    const deleted = (await lea.locator('.diff del').allInnerTexts()).join(' ');
    assert.match(inserted, /Sacha/);
    assert.match(inserted, /courges/);
    assert.match(deleted, /tomates/);
    assert.doesNotMatch(deleted, /Sacha|courges/);
    assert.doesNotMatch(inserted, /tomates|composteur/);
    assert.match(await textOf(lea, '.diff'), /Réparer le \*\*composteur\*\* du jardin/, 'unchanged text shown too');
    await shots(lea, 'wiki-diff');
  });

  step('restoring version 1 makes version 3, with the old text', async () => {
    await open(lea, `${PAGE}/history`);
    const row = lea.locator('table.history tbody tr').filter({ hasText: 'version 1' });
    const dialog = answerNextDialog(lea, undefined);
    const response = await clickAndLoad(lea, row.getByRole('button', { name: 'Rétablir cette version' }));
    await dialog.done;
    assert.equal(dialog.type, 'confirm');
    assert.match(plain(dialog.message), /^Rétablir la version 1 \?/);
    assert.equal(response.status(), 200);
    assert.equal(new URL(lea.url()).pathname, PAGE);
    assert.equal(await shownVersion(lea), 3);
    const text = await textOf(lea, 'article.wiki-page');
    assert.match(text, /Marie, Karim et Léa\./);
    assert.match(text, /tomates/);
    assert.doesNotMatch(text, /Sacha|courges/);
    await shots(lea, 'wiki-restored');

    await open(lea, `${PAGE}/history`);
    const rows = lea.locator('table.history tbody tr');
    assert.equal(await rows.count(), 3);
    assert.match(plain(await rows.nth(0).innerText()), /version 3[\s\S]*Retour à la version 1/);
  });

  step('the search finds the page, plurals and accents aside, words highlighted', async () => {
    // "comptes" (plural) finds "Compte rendu…"; "decisions" (no accent) finds "Décisions".
    assert.deepEqual(await searchHit(lea, 'comptes'), ['Compte']);
    await shots(lea, 'wiki-search');
    assert.deepEqual(await searchHit(lea, 'decisions'), ['Décisions']);
  });

  // The cheat-sheet stacks each code above its explanation, so it fits.
  test('the cheat-sheet fits in its card at both widths', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    await open(lea, `${PAGE}/edit`);
    for (const width of [390, 1280]) {
      await lea.setViewportSize({ width, height: 800 });
      const overflow = await lea.locator('.cheat-sheet dl').evaluate((dl) => dl.scrollWidth - dl.clientWidth);
      assert.ok(overflow <= 0, `at ${width} px the cheat-sheet overflows its card by ${overflow} px`);
    }
  });

  // Both words plural: the singular's stem is indexed too (search.rs, `stems`).
  test('the search finds "comptes rendus" (plural of both words)', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    const marks = await searchHit(lea, 'comptes rendus');
    assert.deepEqual(marks, ['Compte', 'rendu']);
  });
});
