/// <reference lib="dom" />
/**
 * The newcomer path of the README, end to end: a fresh SQLite file, the real server process
 * (`npm start`'s entry), the one-time setup link from its log, the first admin, an invitation
 * opened in another browser, logging in, `demo load --land 10` through the CLI, a page with data
 * and the one-page OZG summary, printed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { exited, spawnCli } from '../helpers/child-cli';
import { axeViolations, CHROMIUM, SCREENSHOTS } from './support/environment';
import { startRealServer, type RealServer } from './support/real-server';

const PASSWORD = 'ein langes gutes Passwort';
const USER = 'kreis.it@example.org';

describe('newcomer path: npm start, setup link, admin, invitation, login, demo data', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: RealServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  /** A fresh browser profile: nobody signed in. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
    return page;
  }

  async function noViolations(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `neu-${name}.png`), fullPage: true });
    expect([name, await axeViolations(page)]).toEqual([name, []]);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'atlas-newcomer-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'atlas.sqlite')}` };
    server = await startRealServer(env);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--lang=de-DE'],
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let invitation: string;

  it('prints the setup link at the first start; it creates the first admin', async () => {
    const setupUrl = await server.waitForLog((e) => (typeof e.setupUrl === 'string' ? e.setupUrl : undefined));
    expect(setupUrl).toMatch(new RegExp(`^${server.baseUrl}/einrichtung\\?token=`));
    const page = await freshPage();
    await page.goto(setupUrl);
    await noViolations(page, 'einrichtung');
    await page.fill('#f-anzeigename', 'Erika Admin');
    await page.fill('#f-benutzername', 'erika.admin@example.org');
    await page.fill('#f-passwort', PASSWORD);
    await page.fill('#f-passwort2', PASSWORD);
    await Promise.all([page.waitForURL(`${server.baseUrl}/benutzer`), page.click('form.form button[type="submit"]')]);
    expect(await page.textContent('.account')).toContain('Erika Admin');

    // The admin invites the county's IT lead as an editor of the Saarland.
    await page.fill('#f-benutzername', USER);
    await page.fill('#f-anzeigename', 'Kreis-IT');
    await page.selectOption('#f-rolle', 'editor');
    await page.fill('#f-bereich', '10');
    await Promise.all([page.waitForURL(/\/benutzer\/kreis\.it/), page.click('form.form button[type="submit"]')]);
    invitation = await page.inputValue('#f-link');
    expect(invitation).toContain(server.baseUrl);
    await noViolations(page, 'benutzer-eingeladen');
  });

  it('lets the invited user set a password in another browser and log in', async () => {
    const invited = await freshPage();
    await invited.goto(invitation);
    expect(await invited.textContent('main')).toContain(USER);
    await noViolations(invited, 'einladung');
    await invited.fill('#f-passwort', PASSWORD);
    await invited.fill('#f-passwort2', PASSWORD);
    await Promise.all([
      invited.waitForURL(`${server.baseUrl}/gebiete/10`),
      invited.click('form.form button[type="submit"]'),
    ]);

    const page = await freshPage();
    await page.goto(`${server.baseUrl}/anmeldung`);
    await noViolations(page, 'anmeldung');
    await page.fill('#f-benutzername', USER);
    await page.fill('#f-passwort', PASSWORD);
    await Promise.all([page.waitForURL(`${server.baseUrl}/gebiete/10`), page.click('form.form button[type="submit"]')]);
    expect(await page.textContent('.account')).toContain('Mein Land');
    // Nothing recorded yet: the page of a fresh installation has no Gemeinde with data.
    expect(await page.textContent('main')).not.toMatch(/Saarland \([1-9][\d.]* Gemeinden mit Angaben\)/);
  });

  it('shows the Saarland with data after `demo load --land 10`, and its OZG summary on one printed page', async () => {
    const cli = spawnCli(['demo', 'load', '--land', '10'], env);
    expect([(await exited(cli.child)).code, cli.output()]).toEqual([0, expect.stringContaining('Demodaten')]);

    const page = await freshPage();
    await page.goto(`${server.baseUrl}/anmeldung`);
    await page.fill('#f-benutzername', USER);
    await page.fill('#f-passwort', PASSWORD);
    await Promise.all([page.waitForURL(`${server.baseUrl}/gebiete/10`), page.click('form.form button[type="submit"]')]);
    const area = await page.textContent('main');
    expect(area).toContain('Saarland');
    expect(area).toContain('Demodaten');
    // The Land's Gemeinden now have components on record (the figure caption of the comparison).
    expect(area).toMatch(/Saarland \([1-9][\d.]* Gemeinden mit Angaben\)/);
    // … and the matrix lists them with their components in use (checked quietly: the page is large).
    const html = await page.content();
    const gemeindeInUse =
      /<a href="\/kommunen\/100\d{5}">[^<]+<\/a> <span class="tag tag-demo">Demodaten<\/span>.*?<span class="visually-hidden">im Einsatz, /s;
    expect(gemeindeInUse.test(html)).toBe(true);
    await noViolations(page, 'gebiet-10');

    await page.goto(`${server.baseUrl}/gebiete/10/ozg`);
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/gebiete/10/ozg/zusammenfassung`),
      page.click('text=Zusammenfassung (eine Seite)'),
    ]);
    expect(await page.textContent('h1')).toBe('OZG-Umsetzung auf einer Seite: Saarland');
    expect(await page.textContent('main')).toContain('Zuständigkeiten (Einheit × Leistung) mit erreichtem Ziel');
    await noViolations(page, 'ozg-zusammenfassung');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.site-header')).toBe(false);
    await noViolations(page, 'ozg-zusammenfassung-druck');
    const pdf = await page.pdf({ format: 'A4', path: join(SCREENSHOTS, 'neu-ozg-zusammenfassung.pdf') });
    // A PDF names each page once as "/Type /Page" (the tree itself is "/Type /Pages").
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });
});
