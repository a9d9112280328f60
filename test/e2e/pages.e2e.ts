/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  DEMO_LAND,
  logIn,
  SCREENSHOTS,
  startEnvironment,
  type E2eEnvironment,
} from './support/environment';

const ANONYMOUS: [string, string][] = [
  ['anonym-start', '/'],
  ['anonym-anmeldung', '/anmeldung'],
  ['anonym-suche', '/suche?q=Garching'],
  ['anonym-kommune', '/kommunen/09184112'],
  ['anonym-gebiet', '/gebiete/09184'],
  ['barrierefreiheit', '/barrierefreiheit'],
  ['fehler-404', '/gibt-es-nicht'],
];

const SIGNED_IN: [string, string][] = [
  ['start', '/'],
  ['kommune', '/kommunen/09184112'],
  ['kommune-kreis', '/kommunen/09184'],
  ['bearbeiten', '/kommunen/09184112/komponenten/epayment'],
  ['anschluss', '/kommunen/09184112/anschluesse/bundid'],
  ['kreis', '/gebiete/09184'],
  ['land', '/gebiete/09'],
  ['deutschland', '/gebiete/DE'],
  ['suche', '/suche?q=85748'],
  ['suche-plz-ohne-treffer', '/suche?q=8033'],
  ['historie', '/kommunen/09184112/historie'],
  ['demo-kreis', '/gebiete/10041'],
  ['demo-land', '/gebiete/10'],
  ['import', '/import'],
  ['fehler-403', '/kommunen/09162000/komponenten/epayment'],
];

describe('every page in a real browser', () => {
  let env: E2eEnvironment;
  let page: Page;

  beforeAll(async () => {
    env = await startEnvironment({ contact: 'barrierefreiheit@kreis-beispiel.de' });
    page = await env.context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => env?.close());

  async function check(name: string, path: string, expectedStatus = 200): Promise<void> {
    const response = await page.goto(`${env.baseUrl}${path}`);
    expect(response?.status()).toBe(name.startsWith('fehler-') ? expectedStatus : 200);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect({ page: path, violations: await axeViolations(page) }).toEqual({ page: path, violations: [] });
  }

  it.each(ANONYMOUS)('anonymous: %s (%s) has no axe violations', async (name, path) => {
    await check(name, path, 404);
  });

  it('signed in: every main page has no axe violations', async () => {
    await logIn(page, env.baseUrl, 'erika');
    for (const [name, path] of SIGNED_IN) await check(name, path, name === 'fehler-403' ? 403 : 404);
  });

  it('labels demo data on a Kommune page and in the matrix, without axe violations', async () => {
    // A Gemeinde whose demo records name a real reference operator, if the Land has one.
    const [demo] = await env.dataSource.query(
      `SELECT r.key AS "key" FROM component_records cr JOIN regions r ON r.id = cr.region_id
         LEFT JOIN operators o ON o.id = cr.operator_id
        WHERE cr.source = 'demo' AND r.level = 'gemeinde' AND r.land_key = ?
        ORDER BY CASE WHEN o.origin = 'reference' THEN 0 ELSE 1 END, r.key LIMIT 1`,
      [DEMO_LAND],
    );
    await check('demo-kommune', `/kommunen/${demo.key}`);
    expect(await page.textContent('main')).toContain('Demodaten:');
    expect(await page.locator('.tag-demo').count()).toBeGreaterThan(0);
    await page.goto(`${env.baseUrl}/gebiete/10041`);
    expect(await page.locator('table.matrix .tag-demo').count()).toBeGreaterThan(0);
  });

  it('shows the configured contact in the footer and in the accessibility statement', async () => {
    await page.goto(`${env.baseUrl}/barrierefreiheit`);
    expect(await page.getAttribute('main a[href="mailto:barrierefreiheit@kreis-beispiel.de"]', 'href')).toBeTruthy();
    expect(await page.textContent('.site-footer')).toContain('Kontakt zum Betrieb: barrierefreiheit@kreis-beispiel.de');
  });

  it('the edit form with validation errors has no axe violations and focuses nothing unexpected', async () => {
    await page.goto(`${env.baseUrl}/kommunen/09184112/komponenten/mobile-app`);
    await page.fill('#f-validFrom', '2026-05-01');
    await page.fill('#f-validTo', '2026-01-01');
    await page.click('form.form button[type="submit"]');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('#f-validTo-error')).toContain('darf nicht vor');
    await page.screenshot({ path: join(SCREENSHOTS, 'bearbeiten-fehler.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the skip link moves the focus to the content', async () => {
    await page.goto(`${env.baseUrl}/kommunen/09184112`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhalt');
  });

  it('no page broke the Content Security Policy or logged a script error', () => {
    expect(env.consoleErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
