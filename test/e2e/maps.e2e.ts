/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { axeViolations, DEMO_LAND, logIn, startEnvironment, type E2eEnvironment } from './support/environment';

/** The maps of issue 16 in a real browser: axe on a Germany, Land and Kreis map, keyboard and download. */
describe('maps in a real browser', () => {
  let env: E2eEnvironment;
  let page: Page;

  beforeAll(async () => {
    env = await startEnvironment();
    page = await env.context.newPage();
    await logIn(page, env.baseUrl, 'erika');
  });
  afterAll(() => env?.close());

  it.each([
    ['Deutschland, Länder', '/gebiete/DE'],
    ['Deutschland, Kreise, E-Payment', '/gebiete/DE?karte=epayment&ebene=kreis'],
    ['Land mit Demodaten, Gemeinden', `/gebiete/${DEMO_LAND}?karte=erfasst&ebene=gemeinde`],
    ['Kreis', '/gebiete/09184'],
    ['Kreis, Betreiber', '/gebiete/09184?karte=betreiber-epayment'],
  ])('%s (%s): map with legend and attribution, no axe violations', async (_name, path) => {
    const response = await page.goto(`${env.baseUrl}${path}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('svg.map a[href^="/"]').count()).toBeGreaterThan(0);
    expect(await page.textContent('svg.map')).toContain('© GeoBasis-DE / BKG 2021 (Daten verändert)');
    expect(await page.textContent('svg.map')).toContain('keine Angaben');
    expect({ page: path, violations: await axeViolations(page) }).toEqual({ page: path, violations: [] });
  });

  it('reaches the areas of the map with the keyboard and downloads the SVG', async () => {
    await page.goto(`${env.baseUrl}/gebiete/09184`);
    await page.focus('.map-controls button');
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the first area
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(focused).toMatch(/: /);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Karte als SVG herunterladen'),
    ]);
    expect(download.suggestedFilename()).toBe('karte-09184-anzahl-gemeinde.svg');
    expect(env.consoleErrors).toEqual([]);
  });
});
