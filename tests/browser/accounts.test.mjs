// End-to-end test of accounts, in headless Chromium, against the real server.
//
// Run from the repository root, after `cargo build -p essaim`:
//     node --test tests/browser/
// (./scripts/test.sh does both.) Screenshots go to target/screenshots/.
//
// The server runs on SQLite in a fresh temporary folder, without SMTP: every
// email stays in the outbox, which the administrator reads at /admin/outbox.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BINARY = path.join(REPO, 'target', 'debug', 'essaim');
const SHOTS = path.join(REPO, 'target', 'screenshots');
const CHROMIUM = process.env.ESSAIM_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const STEP = { timeout: 30_000 };
const WIDTHS = [390, 1280];

const ADMIN = { email: 'admin@example.org', name: 'Alice Admin', password: 'admin-password-2026' };
const VISITOR = {
  name: 'Camille Dupont',
  email: 'camille.dupont@example.org',
  password: 'une phrase facile à retenir',
};
const VERIFY_LINK = /https?:\/\/[^\s]+\/verify\/[0-9a-f]+/;
const MAGIC_LINK = /https?:\/\/[^\s]+\/login\/link\/[0-9a-f]+/;

// ------------------------------------------------------------------ helpers

/** A TCP port free right now on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The environment of the server: ours, less any ESSAIM_* setting, plus `settings`. */
function serverEnv(settings) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('ESSAIM_')) env[key] = value;
  }
  return { ...env, ...settings };
}

/** Keeps the last lines a child printed, to show them when something fails. */
function captureOutput(child) {
  const log = [];
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => log.join('');
}

/** Runs `essaim ARGS…` to its end, writing `input` to its stdin. */
function runEssaim(args, { env, cwd, input = '' }) {
  return new Promise((resolve, reject) => {
    const child = spawn(BINARY, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const output = captureOutput(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, output: output() }));
    child.stdin.end(input);
  });
}

/** Polls `url` until it answers 200, failing early if `child` exits. */
async function waitForHealthy(url, child, output, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`essaim serve exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (${lastError}):\n${output()}`);
}

/** A French-speaking browser context, as a person in France would have. */
function newContext(browser, baseURL) {
  return browser.newContext({
    baseURL,
    locale: 'fr-FR',
    viewport: { width: 1280, height: 800 },
  });
}

/** Full-page screenshots at every width: target/screenshots/NAME-WIDTH.png. */
async function screenshots(page, name) {
  const original = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    // Chromium paints a sandboxed frame below the fold only once it has been
    // on screen: show each frame before the full-page capture.
    for (const frame of await page.locator('iframe').all()) {
      await frame.scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    }
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/**
 * Clicks something that loads a new page (a submit button, a link) and
 * returns the response of the page finally shown (after any redirect).
 */
async function clickAndLoad(page, locator) {
  const loaded = page.waitForResponse(
    (response) =>
      response.request().isNavigationRequest() &&
      response.frame() === page.mainFrame() &&
      !(response.status() >= 300 && response.status() < 400),
  );
  await locator.click();
  const response = await loaded;
  await page.waitForLoadState('load');
  return response;
}

/** Loads `url` and checks the HTTP status of the page shown. */
async function open(page, url, status = 200) {
  const response = await page.goto(url);
  assert.ok(response, `no response for ${url}`);
  assert.equal(response.status(), status, `GET ${url}: status`);
  return response;
}

async function h1(page) {
  return (await page.locator('h1').first().innerText()).trim();
}

/** Strips the Unicode isolation marks that Fluent puts around placeables. */
function plain(text) {
  return text.replace(/[\u2066-\u2069]/g, '');
}

/** Fills the registration form through its French labels. */
async function fillRegistration(page, { name, email, password }) {
  await page.getByLabel('Votre nom', { exact: true }).fill(name);
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
}

/** Logs in with the password form of /login. */
async function passwordLogin(page, { email, password }) {
  await open(page, '/login');
  const form = page.locator('form[action="/login"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  const response = await clickAndLoad(page, form.getByRole('button', { name: 'Se connecter' }));
  assert.equal(response.status(), 200, 'page after login');
}

/**
 * As an administrator, opens the newest outbox message whose subject
 * contains `subject`, and returns the first match of `pattern` in its text.
 */
async function linkFromOutbox(adminPage, subject, pattern) {
  await open(adminPage, '/admin/outbox');
  const links = adminPage.locator('table a.outbox-message').filter({ hasText: subject });
  assert.ok((await links.count()) > 0, `no message "${subject}" in the outbox`);
  const newest = links.first(); // the outbox lists the newest first
  const response = await clickAndLoad(adminPage, newest);
  assert.equal(response.status(), 200);
  assert.match(adminPage.url(), /\/admin\/outbox\/\d+$/);
  assert.ok(plain(await h1(adminPage)).includes(subject), 'the message page shows its subject');
  const text = await adminPage.locator('pre.mail-text').innerText();
  const match = text.match(pattern);
  assert.ok(match, `no link matching ${pattern} in:\n${text}`);
  return match[0];
}

// ------------------------------------------------------------------ the test

describe('accounts', () => {
  let tmp;
  let server;
  let serverOutput = () => '';
  let baseURL;
  let browser;
  let visitor; // the page of a person who registers
  let admin; // the page of the administrator reading the outbox
  let verifyLink;
  let magicLink;

  /** One step of the story; on failure, keeps what both pages showed and the server's log. */
  function step(name, fn) {
    test(name, STEP, async () => {
      try {
        await fn();
      } catch (error) {
        const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
        for (const [who, page] of [['visitor', visitor], ['admin', admin]]) {
          await page
            ?.screenshot({ path: path.join(SHOTS, `accounts-FAILED-${slug}-${who}.png`), fullPage: true })
            .catch(() => {});
        }
        process.stderr.write(`\n--- essaim serve (last lines) ---\n${serverOutput().slice(-8_000)}\n`);
        throw error;
      }
    });
  }

  before(async () => {
    assert.ok(existsSync(BINARY), `${BINARY} is missing: run \`cargo build -p essaim\` first`);
    mkdirSync(SHOTS, { recursive: true });
    for (const old of readdirSync(SHOTS)) {
      if (old.startsWith('accounts-')) rmSync(path.join(SHOTS, old), { force: true });
    }
    tmp = mkdtempSync(path.join(os.tmpdir(), 'essaim-browser-'));
    const port = await freePort();
    baseURL = `http://127.0.0.1:${port}`;
    const env = serverEnv({
      ESSAIM_DATABASE_URL: `sqlite://${tmp}/essaim.db`,
      ESSAIM_LISTEN: `127.0.0.1:${port}`,
      ESSAIM_BASE_URL: baseURL,
      ESSAIM_DATA_DIR: path.join(tmp, 'files'),
      NO_COLOR: '1', // plain server logs when a step fails
    });

    const add = await runEssaim(
      ['user', 'add', '--admin', '--email', ADMIN.email, '--name', ADMIN.name, '--password-stdin'],
      { env, cwd: tmp, input: `${ADMIN.password}\n` },
    );
    assert.equal(add.code, 0, `essaim user add failed (${add.code ?? add.signal}):\n${add.output}`);

    server = spawn(BINARY, ['serve'], { env, cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    serverOutput = captureOutput(server);
    await waitForHealthy(`${baseURL}/healthz`, server, serverOutput);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    visitor = await (await newContext(browser, baseURL)).newPage();
    admin = await (await newContext(browser, baseURL)).newPage();
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (process.env.ESSAIM_BROWSER_LOG) process.stderr.write(serverOutput());
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  step('the home page greets visitors in French', async () => {
    await open(visitor, '/');
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'fr');
    assert.match(await h1(visitor), /Bienvenue/);
    await screenshots(visitor, 'accounts-home');
  });

  step('registering with a short password shows the error and keeps the input', async () => {
    await open(visitor, '/register');
    await fillRegistration(visitor, { ...VISITOR, password: 'court' });
    await screenshots(visitor, 'accounts-register');

    const response = await clickAndLoad(visitor, visitor.getByRole('button', { name: 'Créer mon compte' }));
    assert.ok(response.status() >= 400 && response.status() < 500, `status ${response.status()}`);
    assert.match(await visitor.locator('main').innerText(), /au moins 10 caractères/);
    assert.equal(await visitor.locator('input[name="name"]').inputValue(), VISITOR.name);
    assert.equal(await visitor.locator('input[name="email"]').inputValue(), VISITOR.email);
    assert.equal(await visitor.locator('input[name="password"]').inputValue(), '', 'the password is not sent back');
    assert.equal(await visitor.locator('input[name="password"]').getAttribute('aria-invalid'), 'true');
    await screenshots(visitor, 'accounts-register-error');
  });

  step('registering sends a confirmation email', async () => {
    // The form shown again with the error, filled in again.
    assert.equal(new URL(visitor.url()).pathname, '/register');
    await fillRegistration(visitor, VISITOR);
    const response = await clickAndLoad(visitor, visitor.getByRole('button', { name: 'Créer mon compte' }));
    assert.equal(response.status(), 200);
    assert.equal(await h1(visitor), 'Regardez vos e-mails');
    assert.ok(plain(await visitor.locator('main').innerText()).includes(VISITOR.email));
    await screenshots(visitor, 'accounts-check-inbox');
  });

  step('the administrator finds the confirmation email in the outbox', async () => {
    await passwordLogin(admin, ADMIN);
    assert.equal((await admin.locator('.user-name').innerText()).trim(), ADMIN.name);
    await open(admin, '/admin/outbox');
    assert.ok(plain(await admin.locator('table').innerText()).includes(VISITOR.email));
    await screenshots(admin, 'accounts-admin-outbox');
    verifyLink = await linkFromOutbox(admin, 'Confirmez votre adresse', VERIFY_LINK);
    assert.ok(verifyLink.startsWith(`${baseURL}/verify/`), `link to this instance: ${verifyLink}`);
    await screenshots(admin, 'accounts-admin-message');
  });

  step('the confirmation link logs the person in', async () => {
    assert.ok(verifyLink, 'no link from the previous step');
    await open(visitor, verifyLink);
    assert.equal(new URL(visitor.url()).pathname, '/');
    assert.match(await visitor.locator('.flash').innerText(), /adresse est confirmée/);
    assert.equal((await visitor.locator('.user-name').innerText()).trim(), VISITOR.name);
    await screenshots(visitor, 'accounts-verified');

    const logout = visitor.locator('form[action="/logout"]').getByRole('button', { name: 'Se déconnecter' });
    const response = await clickAndLoad(visitor, logout);
    assert.equal(response.status(), 200);
    assert.equal(await visitor.locator('.user-name').count(), 0, 'logged out');
    assert.match(await visitor.locator('.flash').innerText(), /déconnecté/);
  });

  step('a confirmation link works only once', async () => {
    assert.ok(verifyLink, 'no link from the previous step');
    await open(visitor, verifyLink, 410);
    assert.equal(await h1(visitor), 'Lien expiré');
    assert.equal(await visitor.locator('.user-name').count(), 0);
  });

  step('a visitor asks for a login link', async () => {
    await open(visitor, '/login/link');
    await visitor.locator('input[name="email"]').fill(VISITOR.email);
    const response = await clickAndLoad(visitor, visitor.getByRole('button', { name: "M'envoyer le lien" }));
    assert.equal(response.status(), 200);
    assert.equal(await h1(visitor), 'Regardez vos e-mails');

    magicLink = await linkFromOutbox(admin, 'lien de connexion', MAGIC_LINK);
    assert.ok(magicLink.startsWith(`${baseURL}/login/link/`), `link to this instance: ${magicLink}`);
  });

  step('the login link asks for a click, then logs in, once', async () => {
    assert.ok(magicLink, 'no link from the previous step');
    await open(visitor, magicLink);
    assert.equal(await visitor.locator('.user-name').count(), 0, 'opening the link alone does not log in');
    const button = visitor.getByRole('button', { name: 'Me connecter', exact: true });
    await screenshots(visitor, 'accounts-magic-confirm');

    const response = await clickAndLoad(visitor, button);
    assert.equal(response.status(), 200);
    assert.match(await visitor.locator('.flash').innerText(), /Vous êtes connecté/);
    assert.equal((await visitor.locator('.user-name').innerText()).trim(), VISITOR.name);

    await open(visitor, magicLink, 410);
    assert.equal(await h1(visitor), 'Lien expiré');
    await screenshots(visitor, 'accounts-link-expired');
  });

  step('the language switcher turns the site into English', async () => {
    await open(visitor, '/account');
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'fr');
    const response = await clickAndLoad(visitor, visitor.locator('form.lang-switch button[value="en"]'));
    assert.equal(response.status(), 200);
    assert.equal(new URL(visitor.url()).pathname, '/account', 'back on the same page');
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'en');
    assert.equal(
      (await visitor.locator('form[action="/logout"] button').innerText()).trim(),
      'Log out',
    );
    assert.equal(
      await visitor.locator('form.lang-switch button[value="en"]').getAttribute('aria-pressed'),
      'true',
    );
    await screenshots(visitor, 'accounts-account-en');
  });

  step('a person logs in with their password in a new browser', async () => {
    const context = await newContext(browser, baseURL);
    try {
      const page = await context.newPage();
      await open(page, '/login');
      assert.equal(await page.locator('.user-name').count(), 0);
      await screenshots(page, 'accounts-login');
      await passwordLogin(page, VISITOR);
      assert.equal((await page.locator('.user-name').innerText()).trim(), VISITOR.name);
      // The language chosen with the switcher belongs to the account.
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    } finally {
      await context.close();
    }
  });
});
