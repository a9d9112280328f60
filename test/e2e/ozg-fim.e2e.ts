/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readXzufiFixture, SAMPLES_DIR } from '../unit/fim/fim-test-helpers';
import { axeViolations, logIn, SCREENSHOTS, startEnvironment, type E2eEnvironment } from './support/environment';
import { seedOzg, type OzgSeed } from './support/ozg-seed';

/**
 * The OZG and FIM pages in a real browser: the gap pages of a Kreis, a Land and Germany (real
 * regions, the shipped catalogue, hand-made offerings), the Kommune OZG pages, the FIM upload as
 * admin with the real XDatenfelder samples, and the Leistung and schema pages it fills — each
 * checked with axe-core (zero violations) and photographed for test/e2e/screenshots/.
 */
describe('OZG and FIM pages in a real browser', () => {
  let env: E2eEnvironment;
  let page: Page;
  let seed: OzgSeed;

  beforeAll(async () => {
    env = await startEnvironment();
    seed = await seedOzg(env.dataSource);
    page = await env.context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => env?.close());

  async function check(name: string, path: string, status = 200): Promise<void> {
    const response = await page.goto(`${env.baseUrl}${path}`);
    expect({ path, status: response?.status() }).toEqual({ path, status });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect({ page: path, violations: await axeViolations(page) }).toEqual({ page: path, violations: [] });
  }

  it('the OZG pages of areas and units have no axe violations', async () => {
    await logIn(page, env.baseUrl, 'leser');
    await check('ozg-kreis', `/gebiete/${seed.kreis}/ozg`);
    expect(await page.textContent('main')).toContain('Entwicklung Monat für Monat');
    expect(await page.locator('figure.chart svg[role="img"] title').count()).toBe(1);
    await check('ozg-kreis-themenfeld', `/gebiete/${seed.kreis}/ozg?themenfeld=6&sortierung=ozg-id`);
    await check('ozg-einzeln', `/gebiete/${seed.kreis}/ozg?ozg=${seed.ozgId}`);
    expect(await page.locator('#einzeln-titel').count()).toBe(1);
    await check('ozg-land', '/gebiete/09/ozg');
    await check('ozg-regierungsbezirk', '/gebiete/091/ozg?ziel=RGM-2.0%3A4');
    await check('ozg-deutschland', '/gebiete/DE/ozg');
    await check('ozg-fehler', `/gebiete/${seed.kreis}/ozg?ziel=9&ozg=abc`, 400);
    await check('ozg-kommune', `/kommunen/${seed.gemeinde}/ozg`);
    await check('ozg-kommune-offen', `/kommunen/${seed.gemeinde}/ozg?nur=offen`);
    await check('ozg-landkreis', `/kommunen/${seed.kreis}/ozg?seite=2`);
  });

  it('the rules page and the pages of a Verband and its member have no axe violations', async () => {
    await check('regeln', '/zustaendigkeitsregeln?suche=10119');
    expect(await page.textContent('main')).toContain('Personalausweisbehörde');
    await check('regeln-alle', '/zustaendigkeitsregeln?seite=2');
    await check('ozg-mitgliedsgemeinde', '/kommunen/09171119/ozg');
    expect(await page.textContent('main')).toContain('Kirchweidach (VGem)');
    await check('ozg-verband', '/kommunen/091715102/ozg');
  });

  it('the filter form and the definitions work with the keyboard alone', async () => {
    await page.goto(`${env.baseUrl}/gebiete/${seed.kreis}/ozg`);
    await page.focus('#f-ziel');
    await page.selectOption('#f-ziel', 'RGM-1.1:2');
    await page.focus('#f-sortierung');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/ziel=RGM-1\.1%3A2/);
    expect(await page.textContent('caption#luecken-titel')).toContain('Ziel RGM-1.1:2');
    await page.focus('#definitionen summary');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#definitionen', 'open')).not.toBeNull();
    expect(await page.isVisible('#definitionen li')).toBe(true);
  });

  it('downloads the gap report of the Kreis as CSV under the session', async () => {
    await page.goto(`${env.baseUrl}/gebiete/${seed.kreis}/ozg`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.button:has-text("CSV")')]);
    expect(download.suggestedFilename()).toMatch(/^OZG-Luecken_.*\.csv$/);
  });

  it('imports FIM XML as admin: dry run with a report per file, then confirm; without axe violations', async () => {
    await page.context().clearCookies();
    await logIn(page, env.baseUrl, 'admin');
    await check('import-admin', '/import');
    await page.setInputFiles('#f-dateien', [
      {
        name: 'glykon_S05000058V1.0_xdf2.xml',
        mimeType: 'application/xml',
        buffer: readFileSync(join(SAMPLES_DIR, 'glykon_S05000058V1.0_xdf2.xml')),
      },
      {
        name: 'bundt_S05000001323_schema.xdf.xml',
        mimeType: 'application/xml',
        buffer: readFileSync(join(SAMPLES_DIR, 'bundt_S05000001323_schema.xdf.xml')),
      },
      { name: 'pvog-export.xml', mimeType: 'application/xml', buffer: readXzufiFixture('xzufi-2.2.0-transfer.xml') },
    ]);
    await page.click('form[action="/import/fim"] button[type="submit"]');
    await page.waitForSelector('.notice[role="status"]', { timeout: 60_000 });
    expect(await page.textContent('main')).toContain('Die Dateien sind fehlerfrei');
    expect(await page.locator('main section.panel h3').allTextContents()).toEqual([
      'glykon_S05000058V1.0_xdf2.xml',
      'bundt_S05000001323_schema.xdf.xml',
      'pvog-export.xml',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-fim-probelauf.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.click('button:has-text("Jetzt importieren")');
    await page.waitForSelector('.notice[role="status"]:has-text("Importiert")', { timeout: 60_000 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a broken FIM file: every problem with its place, no axe violations', async () => {
    await page.goto(`${env.baseUrl}/import`);
    await page.setInputFiles('#f-dateien', {
      name: 'kaputt.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from('<?xml version="1.0"?>\n<a xmlns="http://xoev.de/schemata/xzufi/2_2_0">\n<b></a>'),
    });
    await page.click('form[action="/import/fim"] button[type="submit"]');
    await page.waitForSelector('.notice[role="status"]', { timeout: 60_000 });
    expect(await page.textContent('main')).toContain('Die Datei enthält Fehler');
    await page.screenshot({ path: join(SCREENSHOTS, 'import-fim-fehler.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the Leistung and schema pages have no axe violations, anonymous too', async () => {
    await check('leistung-fim', '/leistungen/99108001001000');
    await check('leistung-katalog', `/leistungen/${seed.leistung}`);
    await check('schema-versionen', '/fim/schemas/S05000058');
    await check('schema', '/fim/schemas/S05000058/1.0');
    await check('schema-gross', '/fim/schemas/S05000001323/1.0.0');
    await page.context().clearCookies();
    await check('anonym-leistung', '/leistungen/99108001001000');
    await page.goto(`${env.baseUrl}/suche?q=bewohnerpark`);
    await Promise.all([
      page.waitForURL(/\/leistungen\/99108001001000$/),
      page.click('a[href="/leistungen/99108001001000"]'),
    ]);
  });

  it('no page broke the Content Security Policy or logged a script error', () => {
    expect(env.consoleErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
