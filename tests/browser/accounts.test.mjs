// End-to-end test of accounts, in headless Chromium, against the real server.
//
// Run from the repository root, after `cargo build -p essaim`:
//     node --test tests/browser/
// (./scripts/test.sh does both.) Screenshots go to target/screenshots/.
//
// The server runs on SQLite in a fresh temporary folder, without SMTP: every
// email stays in the outbox, which the administrator reads at /admin/outbox.

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

const STEP_TIMEOUT = 30_000;

const ADMIN = { email: 'admin@example.org', name: 'Alice Admin', password: 'admin-password-2026' };
const VISITOR = {
  name: 'Camille Dupont',
  email: 'camille.dupont@example.org',
  password: 'une phrase facile à retenir',
};
const VERIFY_LINK = /https?:\/\/[^\s]+\/verify\/[0-9a-f]+/;
const MAGIC_LINK = /https?:\/\/[^\s]+\/login\/link\/[0-9a-f]+/;

// ------------------------------------------------------------------ helpers

/** Fills the registration form through its French labels. */
async function fillRegistration(page, { name, email, password }) {
  await page.getByLabel('Votre nom', { exact: true }).fill(name);
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
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
  let server; // {baseURL, output(), stop()}
  let baseURL;
  let browser;
  let visitor; // the page of a person who registers
  let admin; // the page of the administrator reading the outbox
  let verifyLink;
  let magicLink;

  /** One step of the story; on failure, keeps what both pages showed and the server's log. */
  const step = storyStep({
    prefix: 'accounts',
    timeout: STEP_TIMEOUT,
    pages: () => [['visitor', visitor], ['admin', admin]],
    serverOutput: () => server?.output() ?? '',
  });

  before(async () => {
    cleanScreenshots('accounts-');
    server = await startServer({ users: [{ ...ADMIN, admin: true }] });
    baseURL = server.baseURL;
    browser = await launchBrowser();
    visitor = await (await newContext(browser, baseURL)).newPage();
    admin = await (await newContext(browser, baseURL)).newPage();
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
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
