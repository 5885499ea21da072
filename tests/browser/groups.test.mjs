// End-to-end test of groups, in headless Chromium, against the real server:
// Léa proposes a group, the administrator approves it, Yanis joins it, the
// directory shows it as cards and on the map, its ecosystem page counts it,
// and another site embeds the ecosystem (cards and map) in an <iframe>.
//
// Run from the repository root, after `cargo build -p essaim`:
//     node --test tests/browser/
// Screenshots go to target/screenshots/groups-*.png.
//
// "Another site" is a small node:http server on 127.0.0.2 (another origin,
// and another site, than the Essaim server on 127.0.0.1). It also serves the
// map tiles, so that the map never reaches for the internet.

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  clickAndLoad,
  cleanScreenshots,
  h1,
  launchBrowser,
  newContext,
  nextPaint,
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
const LEA = { email: 'lea@example.org', name: 'Léa Dubois', password: 'des radis et des courges' };
const YANIS = { email: 'yanis@example.org', name: 'Yanis Benali', password: 'un composteur au pied de chez moi' };

const GROUP = {
  name: 'Jardins partagés de la Croix-Rousse',
  summary: 'Cultiver ensemble des potagers sur les pentes, et composter les déchets du quartier.',
  kind: 'thematic',
  slug: 'jardins-croix-rousse',
  description: 'Nous cultivons **trois jardins** sur les pentes.\n\n- ateliers compost le samedi\n- trocs de graines',
  keywords: 'jardin, compost',
  status: 'active',
  joining: 'open',
  country: 'FR',
  region: 'Auvergne-Rhône-Alpes',
  latitude: '45,77',
  longitude: '4,83',
  partnerName: 'Maison des Associations',
  partnerUrl: 'https://maison-associations.example.org',
  information: 'https://jardins-croix-rousse.example.org',
};
const GROUP_PATH = `/g/${GROUP.slug}`;

// ------------------------------------------------------------------ another site

/**
 * The site of someone else, on 127.0.0.2: serves the pages put in `pages`
 * (path → HTML), and map tiles at /tiles/{z}/{x}/{y}.svg, counting them.
 */
async function startOtherSite() {
  const pages = new Map();
  const site = { pages, tiles: 0, url: '' };
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (/^\/tiles\/\d+\/\d+\/\d+\.svg$/.test(pathname)) {
      site.tiles += 1;
      response.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' });
      response.end(
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">' +
          '<rect width="256" height="256" fill="#eef2ea"/>' +
          '<path d="M0 128H256M128 0V256" stroke="#d5ddd0" stroke-width="2"/></svg>',
      );
    } else if (pages.has(pathname)) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(pages.get(pathname));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.2', resolve);
  });
  site.url = `http://127.0.0.2:${server.address().port}`;
  site.close = () => new Promise((resolve) => server.close(resolve));
  return site;
}

/** A page of the other site around `snippet`, the embed code exactly as copied. */
function hostPage(title, snippet) {
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <style>
    body { font-family: Georgia, serif; margin: 0; background: #fdf6e3; color: #222; }
    header { background: #5b3a29; color: #fff; padding: 1rem 1.5rem; }
    main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
    footer { border-top: 2px solid #5b3a29; padding: 1rem 1.5rem; }
  </style>
</head>
<body>
  <header><strong>Association Les Pentes Vertes</strong></header>
  <main>
    <h1>${title}</h1>
    <p>Les groupes du réseau autour du jardin, à jour automatiquement :</p>
    ${snippet}
    <p id="after-embed">Vous voulez créer un jardin ? Écrivez-nous.</p>
  </main>
  <footer>Pied de page du site hôte</footer>
</body>
</html>`;
}

// ------------------------------------------------------------------ helpers

/** The card form of /groups/new filled with `values` (charter left as it is). */
async function fillGroupForm(page, values) {
  const form = page.locator('form[action="/groups/new"]');
  await form.locator('input[name="name"]').fill(values.name);
  await form.locator('input[name="summary"]').fill(values.summary);
  await form.locator(`input[name="kind"][value="${values.kind}"]`).check();
  await form.locator('input[name="slug"]').fill(values.slug);
  await form.locator('input[name="hosted"]').check();
  await form.locator('textarea[name="description"]').fill(values.description);
  await form.locator('input[name="keywords"]').fill(values.keywords);
  await form.locator('select[name="status"]').selectOption(values.status);
  await form.locator('select[name="joining"]').selectOption(values.joining);
  await form.locator('input[name="country"]').fill(values.country);
  await form.locator('input[name="region"]').fill(values.region);
  await form.locator('input[name="latitude"]').fill(values.latitude);
  await form.locator('input[name="longitude"]').fill(values.longitude);
  await form.locator('input[name="partner_name"]').first().fill(values.partnerName);
  await form.locator('input[name="partner_url"]').first().fill(values.partnerUrl);
  await form.locator('input[name="link_information"]').fill(values.information);
  return form;
}

/** Checks that the form still holds everything typed in `values`. */
async function assertGroupFormKeeps(form, values) {
  const value = (selector) => form.locator(selector).inputValue();
  assert.equal(await value('input[name="name"]'), values.name);
  assert.equal(await value('input[name="summary"]'), values.summary);
  assert.ok(await form.locator(`input[name="kind"][value="${values.kind}"]`).isChecked(), 'kind kept');
  assert.equal(await value('input[name="slug"]'), values.slug);
  assert.ok(await form.locator('input[name="hosted"]').isChecked(), 'hosted kept');
  assert.equal(await value('textarea[name="description"]'), values.description);
  assert.equal(await value('input[name="keywords"]'), values.keywords);
  assert.equal(await value('select[name="status"]'), values.status);
  assert.equal(await value('select[name="joining"]'), values.joining);
  assert.equal(await value('input[name="country"]'), values.country);
  assert.equal(await value('input[name="region"]'), values.region);
  assert.equal(await value('input[name="latitude"]'), values.latitude);
  assert.equal(await value('input[name="longitude"]'), values.longitude);
  assert.equal(await form.locator('input[name="partner_name"]').first().inputValue(), values.partnerName);
  assert.equal(await form.locator('input[name="partner_url"]').first().inputValue(), values.partnerUrl);
  assert.equal(await value('input[name="link_information"]'), values.information);
}

/** The text of the first element matching `selector`, without Fluent's isolation marks. */
async function textOf(page, selector) {
  return plain(await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits for the Leaflet map of `scope` (a page or a frame) to show its markers, and returns them. */
async function mapMarkers(scope) {
  await scope.locator('div.group-map[data-map-ready="true"]').waitFor(WAIT);
  const markers = scope.locator('.group-map .leaflet-marker-icon');
  await markers.first().waitFor({ state: 'visible', ...WAIT });
  return markers;
}

/**
 * Waits until the popup of the map in `scope` has faded in and the map has
 * panned to show it: whole, or with `{ whole: false }` at least its full
 * height (on a phone, a popup may be wider than an embedded map).
 */
async function popupShown(scope, { whole = true } = {}) {
  await scope.locator('.group-map .leaflet-popup').waitFor({ state: 'visible', ...WAIT });
  await scope.waitForFunction(
    (whole) => {
      const map = document.querySelector('.group-map').getBoundingClientRect();
      const popup = document.querySelector('.group-map .leaflet-popup');
      const box = popup.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
      const tall = box.top >= map.top - 1 && box.bottom <= map.bottom + 1;
      const wide = box.left >= map.left - 1 && box.right <= map.right + 1;
      return getComputedStyle(popup).opacity === '1' && tall && (wide || !whole);
    },
    whole,
    WAIT,
  );
}

/** Clicks a marker and checks its popup names the group and links to its page. */
async function openMarkerPopup(scope, markers, baseURL) {
  await markers.first().click();
  await popupShown(scope);
  const popup = scope.locator('.leaflet-popup');
  const link = popup.locator('.map-popup-title a');
  assert.equal((await link.innerText()).trim(), GROUP.name);
  assert.equal(await link.getAttribute('href'), `${baseURL}${GROUP_PATH}`);
  assert.equal(plain(await popup.locator('.map-popup-members').innerText()).trim(), '2 membres');
  return { popup, link };
}

/** Waits until every map tile asked for has loaded (at least one). */
async function tilesLoaded(scope) {
  await scope.waitForFunction(
    () =>
      document.querySelectorAll('.group-map img.leaflet-tile-loaded').length > 0 &&
      document.querySelectorAll('.group-map img.leaflet-tile:not(.leaflet-tile-loaded)').length === 0,
    null,
    WAIT,
  );
}

/** The embed code offered by the share panel of the page shown. */
async function embedSnippet(page) {
  const panel = page.locator('details.share-panel');
  assert.equal(await panel.count(), 1, 'one share panel');
  await panel.locator('summary').click();
  const code = panel.locator('textarea.embed-code');
  await code.waitFor({ state: 'visible', ...WAIT });
  return code.inputValue();
}

/**
 * Waits until the embed of `host` is resized by embed-host.js to its
 * content: taller than an iframe's default 150 px, no scrolling inside,
 * and no large empty space under the content. Returns the frame and sizes.
 */
async function fittedEmbed(host) {
  const iframe = host.locator('iframe[data-essaim-embed]');
  await iframe.waitFor(WAIT);
  const frame = await (await iframe.elementHandle()).contentFrame();
  assert.ok(frame, 'the iframe has a frame');
  await frame.waitForLoadState('load');
  const handle = await frame.waitForFunction(
    () => {
      const doc = document.documentElement;
      let bottom = 0;
      for (const child of document.body.children) {
        const rect = child.getBoundingClientRect();
        if (rect.width || rect.height) bottom = Math.max(bottom, rect.bottom + window.scrollY);
      }
      const fits = window.innerHeight > 150 && doc.scrollHeight <= window.innerHeight + 1;
      const snug = window.innerHeight - bottom <= 64;
      return fits && snug ? { inner: window.innerHeight, bottom, scroll: doc.scrollHeight } : false;
    },
    null,
    WAIT,
  );
  const sizes = await handle.jsonValue();
  const style = await iframe.evaluate((el) => el.style.height);
  const box = await iframe.boundingBox();
  return { iframe, frame, sizes, style, box };
}

/**
 * Screenshots at both widths (see lib.mjs), checking at each width that the
 * page does not scroll sideways.
 */
async function shots(page, name, { settle } = {}) {
  await screenshots(page, name, {
    settle: async (shown, width) => {
      if (settle) await settle(shown, width);
      const scrollWidth = await shown.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= width, `${name} at ${width} px scrolls sideways (${scrollWidth} px wide)`);
    },
  });
}

// ------------------------------------------------------------------ the test

describe('groups', () => {
  let server; // {baseURL, output(), stop()}
  let baseURL;
  let other; // the other site: {url, pages, tiles, close()}
  let browser;
  let lea;
  let admin;
  let yanis;
  let host; // a visitor of the other site

  /** One step of the story; on failure, keeps what every page showed and the server's log. */
  const step = storyStep({
    prefix: 'groups',
    timeout: STEP_TIMEOUT,
    pages: () => [['lea', lea], ['admin', admin], ['yanis', yanis], ['host', host]],
    serverOutput: () => server?.output() ?? '',
  });

  before(async () => {
    cleanScreenshots('groups-');
    other = await startOtherSite();
    server = await startServer({
      users: [ADMIN, LEA, YANIS],
      settings: { ESSAIM_MAP_TILES: `${other.url}/tiles/{z}/{x}/{y}.svg` },
    });
    baseURL = server.baseURL;
    browser = await launchBrowser();
    lea = await (await newContext(browser, baseURL)).newPage();
    admin = await (await newContext(browser, baseURL)).newPage();
    yanis = await (await newContext(browser, baseURL)).newPage();
    host = await (await newContext(browser, other.url)).newPage();
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    await other?.close();
  });

  step('a proposal without the charter and with a reserved address is refused, keeping the input', async () => {
    await passwordLogin(lea, LEA);
    assert.equal((await lea.locator('.user-name').innerText()).trim(), LEA.name);
    await open(lea, '/groups/new');
    assert.equal(await h1(lea), 'Proposer un groupe');
    assert.match(await textOf(lea, 'main .flash-info'), /relira votre proposition/);

    const form = await fillGroupForm(lea, { ...GROUP, slug: 'admin' });
    assert.equal(await form.locator('input[name="charter"]').isChecked(), false);
    const response = await clickAndLoad(lea, form.getByRole('button', { name: 'Proposer le groupe' }));
    assert.equal(response.status(), 422);
    assert.equal(new URL(lea.url()).pathname, '/groups/new');

    const summary = lea.locator('.error-summary');
    assert.equal(await summary.locator('li').count(), 2, await summary.innerText());
    const main = plain(await lea.locator('main').innerText());
    assert.match(main, /Cette adresse courte est réservée/);
    assert.match(main, /il faut accepter la charte du réseau/);
    const again = lea.locator('form[action="/groups/new"]');
    assert.equal(await again.locator('input[name="slug"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await again.locator('input[name="charter"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await again.locator('input[name="charter"]').isChecked(), false);
    assert.equal(await again.locator('input[name="name"]').getAttribute('aria-invalid'), null);
    const suggestion = await textOf(lea, 'form .flash-info');
    const suggested = suggestion.match(/Cette adresse est libre : (\S+)/);
    assert.ok(suggested, `a free address is suggested: ${suggestion}`);
    assert.notEqual(suggested[1], 'admin');
    await assertGroupFormKeeps(again, { ...GROUP, slug: 'admin' });
    await shots(lea, 'groups-propose-errors');
  });

  step('the corrected proposal waits for a helper', async () => {
    const form = lea.locator('form[action="/groups/new"]');
    await form.locator('input[name="slug"]').fill(GROUP.slug);
    await form.locator('input[name="charter"]').check();
    const response = await clickAndLoad(lea, form.getByRole('button', { name: 'Proposer le groupe' }));
    assert.equal(response.status(), 200);
    assert.equal(new URL(lea.url()).pathname, GROUP_PATH);
    assert.equal(await h1(lea), GROUP.name);
    assert.match(await textOf(lea, '.flash'), /Merci ! Votre proposition est envoyée/);
    assert.match(await textOf(lea, 'main'), /attend qu'une personne d'appui/);
    assert.match(await textOf(lea, '.group-meta'), /1 membre\b/);
    assert.match(await textOf(lea, '.group-meta'), /Auvergne-Rhône-Alpes \(FR\)/);
    assert.match(await textOf(lea, '#join'), /Vous êtes membre de ce groupe/);
    assert.deepEqual(await lea.locator('ul.keywords a.keyword').allInnerTexts(), ['jardin', 'compost']);
    assert.equal(await lea.locator('details.share-panel').count(), 0, 'no embed code before approval');
    await shots(lea, 'groups-pending');

    // Not in the directory, nor on the map, until approved.
    const directory = await (await fetch(`${baseURL}/groups`)).text();
    assert.ok(!directory.includes(GROUP.name), 'the proposal is not listed yet');
    const geojson = await (await fetch(`${baseURL}/api/v1/groups.geojson`)).json();
    assert.equal(geojson.features.length, 0);
  });

  step('the administrator approves the group, which appears in the directory', async () => {
    await passwordLogin(admin, ADMIN);
    await open(admin, '/admin/groups');
    const card = admin.locator('li.card').filter({ hasText: GROUP.name });
    assert.equal(await card.count(), 1, 'the proposal waits for review');
    assert.match(plain(await card.innerText()), new RegExp(GROUP.summary));
    await shots(admin, 'groups-admin-review');

    const response = await clickAndLoad(admin, card.locator('button[name="decision"][value="approve"]'));
    assert.equal(response.status(), 200);
    assert.equal(new URL(admin.url()).pathname, '/admin/groups');
    assert.match(await textOf(admin, '.flash'), /validé et apparaît dans l'annuaire/);
    assert.equal(await admin.locator('li.card').filter({ hasText: GROUP.name }).count(), 0);
    assert.match(await textOf(admin, 'main'), /Aucune proposition en attente/);

    await open(admin, '/groups?view=cards');
    const cards = admin.locator('li.group-card');
    assert.equal(await cards.count(), 1);
    const link = cards.first().locator('h3 a');
    assert.equal((await link.innerText()).trim(), GROUP.name);
    assert.equal(await link.getAttribute('href'), GROUP_PATH);
    assert.equal(plain(await cards.first().locator('.group-summary').innerText()).trim(), GROUP.summary);
    assert.match(plain(await cards.first().innerText()), /Auvergne-Rhône-Alpes · 1 membre/);
    await shots(admin, 'groups-directory-cards');

    // Léa sees her group listed now.
    await open(lea, GROUP_PATH);
    assert.doesNotMatch(await textOf(lea, 'main'), /attend qu'une personne d'appui/);
    assert.equal(await lea.locator('details.share-panel').count(), 1);
  });

  step('Yanis joins the group in one click', async () => {
    await open(yanis, GROUP_PATH);
    assert.match(await textOf(yanis, '#join'), /Connectez-vous pour rejoindre ce groupe/);
    await passwordLogin(yanis, YANIS);
    await open(yanis, GROUP_PATH);
    const join = yanis.locator(`form[action="${GROUP_PATH}/join"]`);
    assert.equal(await join.count(), 1);
    const response = await clickAndLoad(yanis, join.getByRole('button', { name: 'Rejoindre le groupe' }));
    assert.equal(response.status(), 200);
    assert.equal(new URL(yanis.url()).pathname, GROUP_PATH);
    assert.equal(await textOf(yanis, '.flash'), 'Bienvenue dans le groupe !');
    assert.match(await textOf(yanis, '#join'), /Vous êtes membre de ce groupe/);
    assert.equal(await yanis.locator(`form[action="${GROUP_PATH}/join"]`).count(), 0);
    assert.match(await textOf(yanis, '.group-meta'), /2 membres/);
    await shots(yanis, 'groups-joined');
  });

  step('the map shows the group; its marker opens a popup with its name', async () => {
    await open(yanis, '/groups?view=map');
    const markers = await mapMarkers(yanis);
    assert.equal(await markers.count(), 1);
    assert.equal(await markers.first().getAttribute('title'), GROUP.name);
    // Tiles come from the configured server (here the other site), not from the internet.
    await tilesLoaded(yanis);
    assert.ok(other.tiles > 0, 'tiles were asked for');
    const { link } = await openMarkerPopup(yanis, markers, baseURL);
    assert.equal(await link.getAttribute('target'), null, 'no target on the site itself');
    // Leaflet keeps neither the marker nor its popup in view when the map
    // shrinks with the popup open: show the map afresh at each width.
    await shots(yanis, 'groups-map', {
      settle: async (page) => {
        await page.reload();
        await (await mapMarkers(page)).first().click();
        // On a phone the popup may be wider than the map: its height shows.
        await popupShown(page, { whole: false });
        await tilesLoaded(page);
        await nextPaint(page);
      },
    });
  });

  step('the ecosystem page counts the groups and members', async () => {
    await open(yanis, '/e/jardin');
    // French typography: no-break spaces inside « ».
    assert.equal((await h1(yanis)).replace(/\s+/g, ' '), 'Écosystème « jardin »');
    const figures = yanis.locator('.ecosystem-figures .figure');
    assert.equal(await figures.count(), 3);
    assert.equal(plain(await figures.nth(0).innerText()).replace(/\s+/g, ' ').trim(), '1 groupe');
    assert.equal(plain(await figures.nth(1).innerText()).replace(/\s+/g, ' ').trim(), '2 membres');
    assert.equal(await yanis.locator('li.group-card').count(), 1);
    assert.equal((await yanis.locator('li.group-card h3 a').innerText()).trim(), GROUP.name);
    const snippet = await embedSnippet(yanis);
    assert.ok(snippet.startsWith(`<iframe src="${baseURL}/embed/e/jardin?view=cards"`), snippet);
    await shots(yanis, 'groups-ecosystem');
  });

  step('another site embeds the ecosystem, resized to its content', async () => {
    await open(yanis, '/e/jardin');
    const snippet = await embedSnippet(yanis);
    assert.match(snippet, /data-essaim-embed=/);
    assert.ok(snippet.includes(`<script src="${baseURL}/static/embed-host.js" async></script>`), snippet);
    other.pages.set('/jardins.html', hostPage('Les jardins près de chez nous', snippet));

    await open(host, '/jardins.html');
    const { frame, sizes, style, box } = await fittedEmbed(host);
    const hostOrigin = new URL(host.url()).origin;
    const frameOrigin = new URL(frame.url()).origin;
    assert.equal(hostOrigin, other.url);
    assert.equal(frameOrigin, baseURL);
    assert.notEqual(frameOrigin, hostOrigin, 'the embed comes from another origin');
    assert.match(style, /^\d+px$/, 'embed-host.js set the height');
    assert.ok(box.height > 150 && Math.abs(box.height - sizes.inner) <= 1, `iframe ${box.height} px, ${JSON.stringify(sizes)}`);

    const cards = frame.locator('li.group-card');
    assert.equal(await cards.count(), 1);
    const link = cards.first().locator('h3 a');
    assert.equal((await link.innerText()).trim(), GROUP.name);
    assert.equal(await frame.locator('head base').getAttribute('target'), '_top');
    assert.equal(await link.getAttribute('target'), null, 'the link follows <base target="_top">');
    assert.equal(await frame.locator('.site-header, form[action="/logout"]').count(), 0, 'minimal chrome');
    assert.ok(await host.locator('#after-embed').isVisible());

    await shots(host, 'groups-embed-cards', {
      settle: async () => {
        await fittedEmbed(host);
      },
    });

    // A click in the frame opens the group's page in the whole window.
    await Promise.all([host.waitForURL(`${baseURL}${GROUP_PATH}`, WAIT), link.click()]);
    assert.equal(await h1(host), GROUP.name);
  });

  step('another site embeds the ecosystem map', async () => {
    await open(yanis, '/e/jardin?view=map');
    const snippet = await embedSnippet(yanis);
    assert.ok(snippet.startsWith(`<iframe src="${baseURL}/embed/e/jardin?view=map"`), snippet);
    other.pages.set('/carte.html', hostPage('La carte des jardins', snippet));

    await open(host, `${other.url}/carte.html`);
    const { frame, box } = await fittedEmbed(host);
    assert.ok(box.height > 300, `the map has room: ${box.height} px`);
    const markers = await mapMarkers(frame);
    assert.equal(await markers.count(), 1);
    const { link } = await openMarkerPopup(frame, markers, baseURL);
    assert.equal(await link.getAttribute('target'), '_top');
    await shots(host, 'groups-embed-map', {
      settle: async (page) => {
        await page.reload();
        const { frame: shown } = await fittedEmbed(page);
        await (await mapMarkers(shown)).first().click();
        await popupShown(shown, { whole: false });
        await tilesLoaded(shown);
        await nextPaint(page);
      },
    });
  });
});
