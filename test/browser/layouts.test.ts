import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildAssociateDay } from './layout-data.ts';
import { TEST_PASSWORD } from '../factories.ts';

// Every associate screen at a phone (390×844) and a tablet held both ways (768×1024, 1024×768): the page never scrolls
// sideways, the screen's main action can be reached and is not cut off or covered, and axe-core finds no serious or
// critical accessibility violation.
const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
];

type Who = 'associate' | 'headOffice';
interface Screen { path: string; who: Who; main: (page: Page) => Locator }

let b: Awaited<ReturnType<typeof startBrowser>>;
let day: Awaited<ReturnType<typeof buildAssociateDay>>;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  b = await startBrowser();
  day = await buildAssociateDay(b.app);
});
afterAll(async () => { await b?.close(); });

const main = (page: Page) => page.getByRole('main');
const SCREENS: Screen[] = [
  { path: '/', who: 'associate', main: (p) => main(p).getByRole('link', { name: /^Find a customer/ }) },
  { path: '/tasks', who: 'associate', main: (p) => main(p).getByRole('article').first().getByRole('button', { name: 'Reach out' }) },
  { path: '/inbox', who: 'associate', main: (p) => main(p).getByRole('tab', { name: /My conversations/ }) },
  { path: '/client-book', who: 'associate', main: (p) => main(p).getByRole('link', { name: 'Bérénice-Alexandrine de La Rochefoucauld-Montmorency' }) },
  { path: '/customers', who: 'associate', main: (p) => main(p).getByRole('searchbox', { name: 'Name, email or phone' }) },
  { path: '/customers/:id', who: 'associate', main: (p) => main(p).getByRole('form', { name: 'Add note' }).getByRole('textbox') },
  { path: '/appointments', who: 'associate', main: (p) => main(p).getByRole('article', { name: /12:00 Bérénice-Alexandrine/ }).getByRole('link').first() },
  { path: '/my-sales', who: 'associate', main: (p) => main(p).getByRole('link', { name: 'Download statement (CSV)' }) },
  { path: '/security', who: 'associate', main: (p) => main(p).getByRole('button', { name: 'Set up an authenticator' }) },
  { path: '/client-book/hand-over', who: 'headOffice', main: (p) => main(p).getByRole('combobox', { name: 'Whose client book' }) },
  { path: '/store-client-book', who: 'headOffice', main: (p) => main(p).getByRole('link', { name: 'Bérénice-Alexandrine de La Rochefoucauld-Montmorency' }) },
  { path: '/store-performance', who: 'headOffice', main: (p) => main(p).getByRole('heading', { level: 1 }) },
  { path: '/setup/appointments', who: 'headOffice', main: (p) => main(p).getByRole('button', { name: 'Save opening hours' }) },
  { path: '/setup', who: 'headOffice', main: (p) => main(p).getByRole('button', { name: 'Save number sequence' }) },
  { path: '/setup/measures', who: 'headOffice', main: (p) => main(p).getByRole('heading', { level: 1 }) },
  { path: '/setup/templates', who: 'headOffice', main: (p) => main(p).getByRole('button', { name: 'Save template' }) },
  { path: '/setup/recommendations', who: 'headOffice', main: (p) => main(p).getByRole('button', { name: 'Save settings' }) },
  { path: '/setup/commission', who: 'headOffice', main: (p) => main(p).getByRole('button', { name: 'Run attribution now' }) },
  { path: '/setup/people', who: 'headOffice', main: (p) => main(p).getByRole('button', { name: 'Send invitation' }) },
  { path: '/setup/audit', who: 'headOffice', main: (p) => main(p).getByRole('table', { name: 'Audit entries' }) },
  { path: '/setup/sign-in', who: 'headOffice', main: (p) => main(p).getByRole('button', { name: 'Save hand-over rule' }) },
  { path: '/setup/jobs', who: 'headOffice', main: (p) => main(p).getByRole('region', { name: 'Runs' }).getByRole('combobox') },
];

/** The signed-in screens the web app's router declares (web/src/features/<capability>/routes.tsx). */
function routerScreens(): string[] {
  const features = path.resolve('web/src/features');
  const paths: string[] = [];
  for (const f of fs.readdirSync(features)) {
    const file = path.join(features, f, 'routes.tsx');
    if (!fs.existsSync(file)) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\{\s*path:\s*'([^']+)'([^\n]*)/g)) if (!/public:\s*true/.test(m[2])) paths.push(m[1]);
  }
  return paths.sort();
}

/** The page does not scroll sideways: whatever is wide scrolls inside its own box. */
async function pageWidth(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    innerWidth: window.innerWidth,
    // For the failure message: the outermost elements reaching past the right edge that no scrolling box contains.
    culprits: [...document.querySelectorAll('body *')].filter((e) => {
      if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return false;
      return true;
    }).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').slice(0, 40)}"`),
  }));
}

/** The top bar's height: on a phone it is one row. */
async function topBarHeight(page: Page) {
  return Math.round((await page.getByRole('banner').boundingBox())!.height);
}

/** Scrolled to, the element lies inside the window's width and is what a tap at its centre reaches. */
async function reachable(page: Page, target: Locator) {
  await target.waitFor();
  await target.scrollIntoViewIfNeeded();
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    // A link that wraps onto two lines is tapped on its first line; an element taller than the window (a long table),
    // scrolled to, on the part of it in view.
    const first = el.getClientRects()[0] ?? r;
    const top = Math.max(first.top, 0), bottom = Math.min(first.bottom, window.innerHeight);
    const x = first.left + first.width / 2, y = top + Math.min((bottom - top) / 2, 20);
    const hit = document.elementFromPoint(x, y);
    return {
      inside: r.left >= -0.5 && r.right <= window.innerWidth + 0.5 && r.width > 0 && r.height > 0,
      onTop: !!hit && (hit === el || el.contains(hit) || (el as HTMLInputElement).labels?.[0]?.contains(hit) === true),
      covering: hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'nothing',
    };
  });
}

async function axeViolations(page: Page) {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}

/** Moves within the app as its links do (no reload: the run stays short). */
async function goTo(page: Page, to: string) {
  await page.evaluate((p) => { window.history.pushState({}, '', p); window.dispatchEvent(new PopStateEvent('popstate')); }, to);
}

async function signIn(who: Who) {
  await b.context.clearCookies();
  await b.page.setViewportSize({ width: 1024, height: 768 });
  await signInThroughPage(b.page, b.baseUrl, day[who].email, TEST_PASSWORD);
}

describe('phone and tablet layouts in Chromium', () => {
  it('covers every signed-in screen of the web app', () => {
    expect(SCREENS.map((s) => s.path).sort()).toEqual(routerScreens());
  });

  for (const who of ['associate', 'headOffice'] as const) {
    it(`${who === 'associate' ? 'a sales associate' : 'head office'}: no sideways scrolling, main action reachable, no serious axe violation`, async () => {
      await signIn(who);
      const problems: string[] = [];
      for (const size of SIZES) {
        await b.page.setViewportSize(size);
        for (const screen of SCREENS.filter((s) => s.who === who)) {
          const at = `${screen.path} at ${size.width}×${size.height}`;
          await goTo(b.page, screen.path.replace(':id', day.customer.id));
          const target = screen.main(b.page);
          const reach = await reachable(b.page, target);
          if (!reach.inside) problems.push(`${at}: the main action reaches past the edge of the screen`);
          if (!reach.onTop) problems.push(`${at}: the main action is covered by ${reach.covering}`);
          const width = await pageWidth(b.page);
          if (width.scrollWidth > width.innerWidth) problems.push(`${at}: the page is ${width.scrollWidth}px wide (${width.culprits.join('; ')})`);
          // Sign out is never pushed off the top bar (on a phone it waits in the menu, which Escape closes again).
          const phone = size.width < 760;
          if (phone) await b.page.getByRole('button', { name: 'Menu' }).click();
          const signOut = await reachable(b.page, b.page.getByRole('banner').getByRole('button', { name: 'Sign out' }));
          if (!signOut.inside || !signOut.onTop) problems.push(`${at}: Sign out is cut off or covered`);
          if (phone) await b.page.keyboard.press('Escape');
          if (phone && (await topBarHeight(b.page)) > 64) problems.push(`${at}: the top bar is ${await topBarHeight(b.page)}px tall`);
          // axe at both ends (what differs between the tablet sizes is the layout, checked above), to keep the run short.
          if (size.width !== 768) for (const v of await axeViolations(b.page)) problems.push(`${at}: ${v}`);
        }
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }

  it('on a phone the navigation is one line under the top bar, and Menu opens every screen', async () => {
    await signIn('associate');
    await b.page.setViewportSize({ width: 390, height: 844 });
    await b.page.goto(b.baseUrl + '/appointments');
    const nav = b.page.getByRole('navigation', { name: 'Main' });
    // The issue this answers: the highlighted item was about 400 px tall on "My day".
    const current = nav.getByRole('link', { name: 'My day' });
    await expect(current.getAttribute('aria-current')).resolves.toBe('page');
    const box = (await current.boundingBox())!;
    expect(box.height).toBeLessThan(60);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect((await nav.boundingBox())!.height).toBeLessThan(70);

    const menu = b.page.getByRole('button', { name: 'Menu' });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await menu.click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    // Opened, every item is in view without scrolling sideways; choosing one goes there and closes the menu.
    const sales = nav.getByRole('link', { name: 'My sales' });
    const reach = await reachable(b.page, sales);
    expect(reach).toMatchObject({ inside: true, onTop: true });
    await sales.click();
    await b.page.getByRole('heading', { name: 'My sales' }).waitFor();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    expect((await nav.boundingBox())!.height).toBeLessThan(70);
  });

  it('on a phone the top bar is one row; Menu holds the account and reaches every screen, by touch and by keyboard', async () => {
    for (const who of ['associate', 'headOffice'] as const) {
      await signIn(who);
      await b.page.setViewportSize({ width: 390, height: 844 });
      await goTo(b.page, '/');
      const banner = b.page.getByRole('banner');
      const menu = banner.getByRole('button', { name: 'Menu' });
      await menu.waitFor();
      // Was three rows, about 165 px: brand, store and Menu now share one, the rest is in the menu.
      expect(await topBarHeight(b.page)).toBeLessThanOrEqual(64);
      await expect(banner.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(false);
      expect(await reachable(b.page, banner.getByRole('combobox', { name: 'Current store' }))).toMatchObject({ inside: true, onTop: true });
      expect(await reachable(b.page, menu)).toMatchObject({ inside: true, onTop: true });
      expect((await pageWidth(b.page)).scrollWidth).toBeLessThanOrEqual(390);
      const nav = b.page.getByRole('navigation', { name: 'Main' });
      const targets = await nav.getByRole('link').evaluateAll((links) => links.map((a) => ({ name: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
      expect(targets.length).toBeGreaterThan(3);
      for (const { name, href } of targets) {
        await menu.click();
        await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
        const width = await pageWidth(b.page);
        expect(width.scrollWidth, `${name}: ${width.culprits.join('; ')}`).toBeLessThanOrEqual(390);
        for (const control of [banner.getByRole('combobox', { name: 'Language' }), banner.getByRole('button', { name: 'Sign out' })]) {
          expect(await reachable(b.page, control), name).toMatchObject({ inside: true, onTop: true });
        }
        const link = nav.getByRole('link', { name, exact: true });
        expect(await reachable(b.page, link), name).toMatchObject({ inside: true, onTop: true });
        await link.click();
        await b.page.waitForURL((u) => u.pathname === href.split('?')[0]);
        await expect(menu.getAttribute('aria-expanded'), name).resolves.toBe('false');
        expect(await topBarHeight(b.page), name).toBeLessThanOrEqual(64);
        const after = await pageWidth(b.page);
        expect(after.scrollWidth, `${name}: ${after.culprits.join('; ')}`).toBeLessThanOrEqual(390);
      }
      // By keyboard: Enter opens the menu, Tab reaches the account's controls, Escape closes it and focus returns to Menu.
      await menu.focus();
      await b.page.keyboard.press('Enter');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
      await expect(menu.getAttribute('aria-controls')).resolves.toBe('account-menu main-nav');
      await b.page.keyboard.press('Tab');
      await expect(b.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Language');
      await b.page.keyboard.press('Escape');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(b.page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Menu');
      for (const v of await axeViolations(b.page)) expect.soft(v).toBe('');
    }
  }, 300_000);

  it('on a tablet and a desktop the top bar keeps the account in it, and no Menu', async () => {
    await signIn('associate');
    for (const size of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
      await b.page.setViewportSize(size);
      const banner = b.page.getByRole('banner');
      await expect(banner.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
      for (const control of [banner.getByRole('combobox', { name: 'Language' }), banner.getByRole('button', { name: 'Sign out' })]) {
        expect(await reachable(b.page, control)).toMatchObject({ inside: true, onTop: true });
      }
      expect(await topBarHeight(b.page)).toBeLessThanOrEqual(64);
    }
  });

  it('the sign-in and public booking pages fit a phone and pass axe', async () => {
    await b.context.clearCookies();
    await b.page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    await b.page.goto(b.baseUrl + '/');
    expect(await reachable(b.page, b.page.getByRole('button', { name: 'Sign in' }))).toMatchObject({ inside: true, onTop: true });
    for (const v of await axeViolations(b.page)) problems.push(`sign-in: ${v}`);
    await b.page.goto(`${b.baseUrl}/book?entity=${encodeURIComponent(day.le.code)}`);
    expect(await reachable(b.page, b.page.getByRole('group', { name: 'Day' }).getByRole('button').first())).toMatchObject({ inside: true, onTop: true });
    const width = await pageWidth(b.page);
    expect(width.scrollWidth, width.culprits.join('; ')).toBeLessThanOrEqual(width.innerWidth);
    for (const v of await axeViolations(b.page)) problems.push(`booking: ${v}`);
    expect(problems).toEqual([]);
  });
});
