/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, logIn, SCREENSHOTS, startEnvironment, type E2eEnvironment } from './support/environment';
import { seedOzg, type OzgSeed } from './support/ozg-seed';

/**
 * The county IT provider's and the OZG coordinator's paths in Chromium (issue 14): the printed
 * OZG page (emulated print media: every row present, the filters said, the definitions open),
 * the matrix filter, the Germany page's way to a Land, the API reference, and a 360 px phone.
 */
describe('county IT provider and OZG coordinator in a real browser', () => {
  let env: E2eEnvironment;
  let page: Page;
  let seed: OzgSeed;

  beforeAll(async () => {
    env = await startEnvironment();
    seed = await seedOzg(env.dataSource);
    page = await env.context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await logIn(page, env.baseUrl, 'leser');
  });
  afterAll(() => env?.close());

  async function noViolations(path: string): Promise<void> {
    expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
  }

  it('prints the whole OZG table, the chosen filters and the definitions', async () => {
    await page.goto(`${env.baseUrl}/gebiete/${seed.kreis}/ozg?sortierung=name`);
    await page.emulateMedia({ media: 'print' });
    const rows = await page.locator('table.gaps > tbody > tr').count();
    expect(rows).toBeGreaterThan(10);
    // Every row lies inside its (no longer scrolling) box: nothing is cut off.
    const clipped = await page.evaluate(() => {
      const box = document.querySelector('.gaps-scroll') as HTMLElement;
      const table = box.querySelector('table') as HTMLElement;
      return { box: box.getBoundingClientRect().height, table: table.getBoundingClientRect().height };
    });
    expect(clipped.box).toBeGreaterThanOrEqual(clipped.table - 1);
    expect(await page.isVisible('.selection-line')).toBe(true);
    expect(await page.textContent('.selection-line')).toContain('Sortierung: Name der OZG-Leistung');
    expect(await page.isVisible('.definitions-print li')).toBe(true);
    expect(await page.isVisible('form.filter-form')).toBe(false);
    await page.pdf({ path: join(SCREENSHOTS, 'ozg-kreis-druck.pdf') });
    await page.emulateMedia({ media: 'screen' });
    expect(await page.isVisible('.definitions-print')).toBe(false);
  });

  it('filters the matrix of a Kreis on the page, with an accessible form', async () => {
    await page.goto(`${env.baseUrl}/gebiete/09184?komponente=form-server&status=ohne`);
    await noViolations('/gebiete/09184?komponente=form-server&status=ohne');
    const names = await page.locator('table.matrix').first().locator('tbody th[scope="row"] a').allTextContents();
    // The environment records form servers in use for 09184112 and 09184113 (Aschheim, Baierbrunn).
    expect(names).toHaveLength(27);
    expect(names).not.toContain('Aschheim');
    expect(names).not.toContain('Baierbrunn');
    expect(await page.textContent('.filter-result')).toMatch(
      /Formularserver nicht im Einsatz oder nichts erfasst – \d+ von \d+ Gemeinden/,
    );
    // Keyboard alone: choose "im Einsatz" and submit.
    await page.focus('#m-status');
    await page.selectOption('#m-status', 'im-einsatz');
    await page.focus('#m-sortierung');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/status=im-einsatz/), page.keyboard.press('Enter')]);
    const inUse = await page.locator('table.matrix').first().locator('tbody th[scope="row"] a').allTextContents();
    expect(inUse).toEqual(['Aschheim', 'Baierbrunn']);
  });

  it('reaches a Land from the Germany page in a few tab stops', async () => {
    await page.goto(`${env.baseUrl}/gebiete/DE`);
    const position = await page.evaluate(() => {
      const focusable = [
        ...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]'),
      ].filter((e) => e.tabIndex >= 0 && e.offsetParent !== null);
      return focusable.findIndex((e) => e.textContent?.trim() === 'Thüringen');
    });
    expect(position).toBeGreaterThan(0);
    expect(position).toBeLessThan(60);
    await noViolations('/gebiete/DE');
  });

  it('offers an API reference without axe violations', async () => {
    await page.goto(`${env.baseUrl}/api/docs`);
    expect(await page.textContent('h1')).toBe('API-Referenz');
    await page.screenshot({ path: join(SCREENSHOTS, 'api-referenz.png') });
    await noViolations('/api/docs');
  });

  it('works on a 360 px phone: the matrix keeps its names, chart text stays at least 12 px', async () => {
    const phone = await env.context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    try {
      await phone.goto(`${env.baseUrl}/gebiete/${seed.kreis}`);
      expect(await phone.isVisible('.scroll-hint')).toBe(true);
      const name = phone.locator('table.matrix').first().locator('tbody th[scope="row"]').first();
      const before = await name.boundingBox();
      await phone.evaluate(() => {
        (document.querySelector('.matrix-scroll') as HTMLElement).scrollLeft = 400;
      });
      const after = await name.boundingBox();
      expect(after?.x).toBeCloseTo(before?.x ?? -1, 0);
      await phone.screenshot({ path: join(SCREENSHOTS, 'telefon-kreis.png'), fullPage: true });
      for (const path of [`/gebiete/${seed.kreis}`, `/gebiete/${seed.kreis}/ozg`]) {
        await phone.goto(`${env.baseUrl}${path}`);
        const smallest = await phone.evaluate(() =>
          Math.min(
            ...[...document.querySelectorAll<SVGTextElement>('.chart svg text')].map((text) => {
              const svg = text.ownerSVGElement as SVGSVGElement;
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return parseFloat(getComputedStyle(text).fontSize) * scale;
            }),
          ),
        );
        expect({ path, smallest: smallest >= 12 }).toEqual({ path, smallest: true });
        expect({ path, violations: await axeViolations(phone) }).toEqual({ path, violations: [] });
      }
    } finally {
      await phone.close();
    }
  });
});
