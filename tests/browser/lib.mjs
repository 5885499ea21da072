// Shared helpers of the browser tests: the real server on a fresh SQLite
// database, headless Chromium, screenshots, and page helpers.
//
// Every test file starts its own server (`startServer`) on a free port of
// 127.0.0.1, with its data in a new temporary folder removed at the end.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// ESSAIM_BINARY runs the tests against another build of the server.
export const BINARY = process.env.ESSAIM_BINARY || path.join(REPO, 'target', 'debug', 'essaim');
export const SHOTS = path.join(REPO, 'target', 'screenshots');
export const CHROMIUM = process.env.ESSAIM_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
export const WIDTHS = [390, 1280];

// ------------------------------------------------------------------ processes

/** A TCP port free right now on `host`. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The environment of the server: ours, less any ESSAIM_* setting, plus `settings`. */
export function serverEnv(settings) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('ESSAIM_')) env[key] = value;
  }
  return { ...env, ...settings };
}

/** Keeps the last lines a child printed, to show them when something fails. */
export function captureOutput(child) {
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
export function runEssaim(args, { env, cwd, input = '' }) {
  return new Promise((resolve, reject) => {
    const child = spawn(BINARY, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const output = captureOutput(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, output: output() }));
    child.stdin.end(input);
  });
}

/** Polls `url` until it answers 200, failing early if `child` exits. */
export async function waitForHealthy(url, child, output, timeoutMs = 30_000) {
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

/**
 * Creates the accounts `users` ({email, name, password, admin?}) with
 * `essaim user add`, then starts `essaim serve` on SQLite in a new temporary
 * folder and waits until it answers. `settings` (an object, or a function of
 * the base URL returning one) adds ESSAIM_* variables.
 *
 * Returns {baseURL, env, tmp, output(), stop()}; `stop` ends the server and
 * removes the folder (and prints the server's log when ESSAIM_BROWSER_LOG is set).
 */
export async function startServer({ users = [], settings = {} } = {}) {
  assert.ok(existsSync(BINARY), `${BINARY} is missing: run \`cargo build -p essaim\` first`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'essaim-browser-'));
  let server;
  let output = () => '';
  const stop = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (process.env.ESSAIM_BROWSER_LOG) process.stderr.write(output());
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const extra = typeof settings === 'function' ? settings(baseURL) : settings;
    const env = serverEnv({
      ESSAIM_DATABASE_URL: `sqlite://${tmp}/essaim.db`,
      ESSAIM_LISTEN: `127.0.0.1:${port}`,
      ESSAIM_BASE_URL: baseURL,
      ESSAIM_DATA_DIR: path.join(tmp, 'files'),
      NO_COLOR: '1', // plain server logs when a step fails
      ...extra,
    });

    for (const user of users) {
      const args = ['user', 'add'];
      if (user.admin) args.push('--admin');
      args.push('--email', user.email, '--name', user.name, '--password-stdin');
      const add = await runEssaim(args, { env, cwd: tmp, input: `${user.password}\n` });
      assert.equal(add.code, 0, `essaim user add ${user.email} failed (${add.code ?? add.signal}):\n${add.output}`);
    }

    server = spawn(BINARY, ['serve'], { env, cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    output = captureOutput(server);
    await waitForHealthy(`${baseURL}/healthz`, server, output);
    return { baseURL, env, tmp, output: () => output(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ------------------------------------------------------------------ browser

/** Headless Debian Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A French-speaking browser context, as a person in France would have. */
export function newContext(browser, baseURL) {
  return browser.newContext({
    baseURL,
    locale: 'fr-FR',
    viewport: { width: 1280, height: 800 },
  });
}

/** Creates target/screenshots/ and removes the screenshots named `prefix…` of an earlier run. */
export function cleanScreenshots(prefix) {
  mkdirSync(SHOTS, { recursive: true });
  for (const old of readdirSync(SHOTS)) {
    if (old.startsWith(prefix)) rmSync(path.join(SHOTS, old), { force: true });
  }
}

/** Waits for two animation frames: what changed is painted. */
export function nextPaint(page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * Full-page screenshots at every width: target/screenshots/NAME-WIDTH.png.
 * `settle(page, width)`, when given, runs after each resize, before the capture.
 */
export async function screenshots(page, name, { settle } = {}) {
  const original = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    if (settle) await settle(page, width);
    // Chromium paints a sandboxed frame below the fold only once it has been
    // on screen: show each frame before the full-page capture.
    for (const frame of await page.locator('iframe').all()) {
      await frame.scrollIntoViewIfNeeded();
      await nextPaint(page);
    }
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/**
 * One step of a story told with `test`: on failure, keeps a screenshot of
 * every page of `pages()` ([who, page] pairs) as PREFIX-FAILED-STEP-WHO.png,
 * and prints the last lines of `serverOutput()`.
 */
export function storyStep({ prefix, timeout, pages, serverOutput }) {
  return function step(name, fn) {
    test(name, { timeout }, async () => {
      try {
        await fn();
      } catch (error) {
        const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
        for (const [who, page] of pages()) {
          await page
            ?.screenshot({ path: path.join(SHOTS, `${prefix}-FAILED-${slug}-${who}.png`), fullPage: true })
            .catch(() => {});
        }
        process.stderr.write(`\n--- essaim serve (last lines) ---\n${serverOutput().slice(-8_000)}\n`);
        throw error;
      }
    });
  };
}

// ------------------------------------------------------------------ pages

/**
 * Clicks something that loads a new page (a submit button, a link) and
 * returns the response of the page finally shown (after any redirect).
 */
export async function clickAndLoad(page, locator) {
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
export async function open(page, url, status = 200) {
  const response = await page.goto(url);
  assert.ok(response, `no response for ${url}`);
  assert.equal(response.status(), status, `GET ${url}: status`);
  return response;
}

export async function h1(page) {
  return (await page.locator('h1').first().innerText()).trim();
}

/** Strips the Unicode isolation marks that Fluent puts around placeables. */
export function plain(text) {
  return text.replace(/[\u2066-\u2069]/g, '');
}

/** Logs in with the password form of /login. */
export async function passwordLogin(page, { email, password }) {
  await open(page, '/login');
  const form = page.locator('form[action="/login"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  const response = await clickAndLoad(page, form.getByRole('button', { name: 'Se connecter' }));
  assert.equal(response.status(), 200, 'page after login');
}
