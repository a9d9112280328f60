/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ImportJob } from '../../server/web/import-jobs';
import { importJobPage } from '../../server/web/views/import.view';
import { axeViolations, logIn, SCREENSHOTS, startEnvironment, type E2eEnvironment } from './support/environment';

/**
 * The states a page walk does not reach by itself: a failed login, a running import and the
 * 500 page, each checked with axe-core like every other page. The environment has no
 * CONTACT, so the accessibility statement's "no contact configured" notice is checked too.
 */
describe('error and progress states in a real browser', () => {
  let env: E2eEnvironment;
  let page: Page;

  beforeAll(async () => {
    env = await startEnvironment();
    page = await env.context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => env?.close());

  async function noViolations(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
  }

  it('the failed login: German message, the user name kept, no axe violations', async () => {
    await page.goto(`${env.baseUrl}/anmeldung`);
    await page.fill('#f-benutzername', 'erika');
    await page.fill('#f-passwort', 'ganz-sicher-falsch');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/anmeldung')),
      page.click('form.form button[type="submit"]'),
    ]);
    expect(response.status()).toBe(401);
    expect(await page.textContent('.error-summary')).toContain('Benutzername oder Passwort ist falsch');
    expect(await page.inputValue('#f-benutzername')).toBe('erika');
    await noViolations('anmeldung-fehlgeschlagen');
  });

  it('the accessibility statement without a configured contact has no axe violations', async () => {
    await page.goto(`${env.baseUrl}/barrierefreiheit`);
    expect(await page.textContent('main')).toContain('noch keine Kontaktmöglichkeit für Rückmeldungen hinterlegt');
    await noViolations('barrierefreiheit-ohne-kontakt');
  });

  it('a running import: the progress page, updated by its script under the CSP, has no axe violations', async () => {
    await logIn(page, env.baseUrl, 'erika');
    // A real import of a test-sized file finishes before the browser can look at it, so the
    // page of a job that is still running is rendered here with the real view and served on
    // the app's origin with the app's CSP; its script, the stylesheet and the polling are real.
    const csp = (await page.request.get(`${env.baseUrl}/import`)).headers()['content-security-policy'];
    const job: ImportJob = {
      id: 'laufend',
      ownerId: 1,
      fileName: 'bestand.csv',
      mediaType: undefined,
      dryRun: true,
      createdAt: Date.now(),
      status: { state: 'running', phase: 'Zeilen prüfen', done: 1200, total: 5000, percent: 24 },
    };
    const body = importJobPage(
      {
        path: '/import/auftraege/laufend',
        user: { userName: 'erika', displayName: 'Test erika', role: 'editor', scopes: ['09184'] },
        contact: null,
      },
      job,
    ).value;
    let polls = 0;
    await page.route(`${env.baseUrl}/import/auftraege/laufend`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': csp },
        body,
      }),
    );
    await page.route(`${env.baseUrl}/import/auftraege/laufend/status`, (route) => {
      polls += 1;
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ state: 'running', phase: 'Zeilen prüfen', done: 2500, total: 5000, percent: 50 }),
      });
    });
    await page.goto(`${env.baseUrl}/import/auftraege/laufend`);
    await page.waitForFunction(() =>
      document.getElementById('fortschritt-text')?.textContent?.includes('2.500 von 5.000'),
    );
    expect(await page.getAttribute('#fortschritt', 'value')).toBe('50');
    expect(polls).toBeGreaterThan(0);
    await noViolations('import-laeuft');
    await page.unroute(`${env.baseUrl}/import/auftraege/laufend/status`);
    await page.unroute(`${env.baseUrl}/import/auftraege/laufend`);
  });

  it('no page broke the Content Security Policy or logged a script error', () => {
    expect(env.consoleErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('the 500 page (provoked by dropping a table of the test database): request id only, no axe violations', async () => {
    // Last in this file: the database stays broken. No production code path is involved.
    await env.dataSource.query('DROP TABLE import_runs');
    const response = await page.goto(`${env.baseUrl}/`);
    expect(response?.status()).toBe(500);
    expect(await page.textContent('h1')).toBe('Interner Fehler');
    expect(await page.textContent('main')).toContain(String(response?.headers()['x-request-id']));
    expect(await page.textContent('main')).not.toMatch(/import_runs|SQLITE|at .*\.ts/);
    await noViolations('fehler-500');
  });
});
