import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../app.ts';
import type { Config } from '../../src/config.ts';
import { keepAuthenticator, nextRecoveryCode, totpNow } from '../factories/second-factor.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// One Chromium per test worker (files in a worker share modules), started on first use and ended with the worker:
// starting it took a second or more of each browser file. Each file still gets a fresh profile: a new browser
// context has its own cookies, storage, cache and service workers, and Chromium itself runs on a temporary profile
// directory Playwright makes per launch.
let launched: Promise<Browser> | null = null;
function sharedChromium(): Promise<Browser> {
  if (!launched) {
    const starting = chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    launched = starting;
    // A crashed or closed Chromium is started again by the next file.
    starting.then((b) => b.on('disconnected', () => { if (launched === starting) launched = null; }), () => { if (launched === starting) launched = null; });
  }
  return launched;
}

/**
 * A real Chromium against the real server on a free loopback port; a fresh profile (browser context) each time.
 * `contextOptions` (a locale, a viewport, permissions…) are Playwright's, for this file's context only.
 */
export async function startBrowser(overrides: Partial<Config> = {}, contextOptions: BrowserContextOptions = {}): Promise<{ app: FastifyInstance; baseUrl: string; context: BrowserContext; page: Page; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install Debian's chromium package (apt-get install -y chromium).`);
  const app = await testApp({ webDist: path.resolve(process.cwd(), 'web/dist'), ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await sharedChromium();
  const context = await browser.newContext({ viewport: { width: 1180, height: 820 }, ...contextOptions }); // a landscape tablet
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // The server's Content-Security-Policy must let every screen work: Chromium reports each refusal on the console.
  const cspViolations: string[] = [];
  context.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  return {
    app, baseUrl, context, page,
    async close() {
      await context.close().catch(() => {});
      await app.close();
      if (cspViolations.length) throw new Error(`The page broke the Content-Security-Policy:\n${cspViolations.join('\n')}`);
    },
  };
}

/**
 * Signs in through the page as a person would. Head office always has a second factor: the first sign-in sets up the
 * authenticator on the page (the code computed from the key the page shows), later ones type a recovery code.
 */
export async function signInThroughPage(page: Page, baseUrl: string, email: string, password: string, app?: FastifyInstance) {
  await page.goto(baseUrl + '/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const enrol = page.getByRole('region', { name: 'Set up a second factor' });
  const verify = page.getByRole('form', { name: 'Second factor' });
  await nav.or(enrol).or(verify).first().waitFor();
  if (await enrol.isVisible()) {
    await page.getByRole('button', { name: 'Set up an authenticator' }).click();
    const secret = (await page.locator('[data-secret]').getAttribute('data-secret'))!;
    await page.getByLabel('Code from the app').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    const codes = await page.getByRole('status', { name: 'Recovery codes' }).locator('li').allTextContents();
    keepAuthenticator(email, secret, codes);
    await page.getByRole('button', { name: /continue/ }).click();
  } else if (await verify.isVisible()) {
    await page.getByLabel('Code').fill(await nextRecoveryCode(app, email));
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await nav.waitFor();
}
