/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { loadDemoData } from '../../../importers/demo/demo.writer';
import { ensureReferenceData } from '../../../importers/reference-data';
import { cliPrincipal } from '../../../lib/principal';
import { createDataSource } from '../../../ormconfig';
import { createApp } from '../../../server/app';
import { Database } from '../../../entities/database';
import { putLandscape, type LandscapeItemInput } from '../../../services/inventory.service';
import { makeUser, TEST_PASSWORD } from '../../helpers/web';
import { testConfig } from '../../helpers/test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');
export { TEST_PASSWORD };

/** A running app on a fresh SQLite file with the real regions, a few landscapes and users, and a browser. */
export interface E2eEnvironment {
  baseUrl: string;
  dataSource: DataSource;
  context: BrowserContext;
  /** Console errors and CSP violations seen by any page. */
  consoleErrors: string[];
  close(): Promise<void>;
}

const LANDSCAPES: Record<string, LandscapeItemInput[]> = {
  '09184112': [
    {
      component: 'form-server',
      status: 'in-use',
      product: 'Form-Solutions',
      operator: { name: 'AKDB', type: 'municipal-provider' },
    },
    {
      component: 'epayment',
      status: 'in-use',
      product: 'ePayBL',
      operator: { name: 'AKDB', type: 'municipal-provider' },
    },
    {
      component: 'service-account',
      status: 'in-use',
      product: 'BayernID',
      operator: { name: 'Freistaat Bayern', type: 'state' },
    },
    { component: 'chatbot', status: 'planned' },
  ],
  '09184113': [
    { component: 'form-server', status: 'in-use', operator: { type: 'own-it' } },
    { component: 'de-mail', status: 'retired', operator: { name: 'Telekom De-Mail', type: 'private-provider' } },
  ],
  '09184119': [
    { component: 'epayment', status: 'not-used' },
    { component: 'eid', status: 'in-use', operator: { name: 'BundID', type: 'federal' } },
  ],
};

async function seed(dataSource: DataSource): Promise<void> {
  await ensureReferenceData(dataSource, pino({ level: 'silent' }));
  const actor = { principal: cliPrincipal(), requestId: null };
  for (const [key, items] of Object.entries(LANDSCAPES)) {
    await putLandscape(dataSource, { key, items, actor, precondition: {} });
  }
  // Demo data for the Saarland, so the pages that label demo data are checked too.
  await loadDemoData(dataSource, { land: DEMO_LAND, actor });
  await makeUser(dataSource, 'admin', 'admin');
  await makeUser(dataSource, 'erika', 'editor', ['09184']);
  await makeUser(dataSource, 'leser', 'reader');
}

/** The Land that gets demo data (`demo load`) in every e2e database. */
export const DEMO_LAND = '10';

/** What an environment may differ in. */
export interface E2eOptions {
  /** `CONTACT` of the installation (footer, accessibility statement); none by default. */
  contact?: string | null;
}

/** Starts everything; each e2e file gets its own database, server and browser profile. */
export async function startEnvironment(options: E2eOptions = {}): Promise<E2eEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-'));
  const database = { type: 'sqlite' as const, path: join(dir, 'atlas.sqlite') };
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await seed(dataSource);
  const app = createApp({
    config: testConfig({ database, contact: options.contact ?? null }),
    db: Database.of(dataSource),
    logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=de-DE',
    ],
    locale: 'de-DE',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const consoleErrors: string[] = [];
  context.on('page', (page) => watch(page, consoleErrors));
  for (const page of context.pages()) watch(page, consoleErrors);
  return {
    baseUrl,
    dataSource,
    context,
    consoleErrors,
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function watch(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
}

/** Signs in through the login form (an editor of one area lands on its page, everyone else on the start page). */
export async function logIn(page: Page, baseUrl: string, userName: string): Promise<void> {
  await page.goto(`${baseUrl}/anmeldung`);
  await page.fill('#f-benutzername', userName);
  await page.fill('#f-passwort', TEST_PASSWORD);
  const away = (url: URL) => url.origin === baseUrl && url.pathname !== '/anmeldung';
  await Promise.all([page.waitForURL(away), page.click('form.form button[type="submit"]')]);
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One axe-core violation, short. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the violations.
 * NOTE: axe is evaluated through the DevTools protocol rather than `addScriptTag`, which
 * would insert an inline script that the page's own CSP (rightly) blocks.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}
