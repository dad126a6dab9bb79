import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../app.ts';
import type { Config } from '../../src/config.ts';
import { keepAuthenticator, nextRecoveryCode, totpNow } from '../factories/second-factor.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A real Chromium against the real server on a free loopback port; a fresh profile each time. */
export async function startBrowser(overrides: Partial<Config> = {}): Promise<{ app: FastifyInstance; baseUrl: string; context: BrowserContext; page: Page; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install Debian's chromium package (apt-get install -y chromium).`);
  const app = await testApp({ webDist: path.resolve(process.cwd(), 'web/dist'), ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1180, height: 820 }, // a landscape tablet
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  // The server's Content-Security-Policy must let every screen work: Chromium reports each refusal on the console.
  const cspViolations: string[] = [];
  context.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  return {
    app, baseUrl, context, page,
    async close() {
      await context.close().catch(() => {});
      await app.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
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
