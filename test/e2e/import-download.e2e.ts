/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, logIn, SCREENSHOTS, startEnvironment, type E2eEnvironment } from './support/environment';

const BAD =
  'ags;component;status;operator;operator_type\n09184114;epayment;kaputt;;\n09184114;teleporter;in-use;;\n99999999;eid;in-use;;\n';
const GOOD =
  'ags;component;status;operator;operator_type;product\n09184114;epayment;in-use;AKDB;municipal-provider;ePayBL\n09184114;eid;planned;;;\n';

describe('import and download in a real browser', () => {
  let env: E2eEnvironment;
  let page: Page;

  beforeAll(async () => {
    env = await startEnvironment();
    page = await env.context.newPage();
    await logIn(page, env.baseUrl, 'erika');
  });
  afterAll(() => env?.close());

  async function upload(csv: string): Promise<void> {
    await page.goto(`${env.baseUrl}/import`);
    await page.setInputFiles('#f-datei', {
      name: 'bestand.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.click('form.form button[type="submit"]');
    // The job page polls with import-progress.js and reloads itself when the job is done.
    await page.waitForSelector('.notice[role="status"]', { timeout: 30_000 });
  }

  it('runs a dry run and shows every row error', async () => {
    await upload(BAD);
    expect(await page.textContent('main')).toContain('Die Datei enthält Fehler. Es wurde nichts geschrieben.');
    const rows = await page.$$eval('table.problems tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows.some((r) => r.includes('kaputt'))).toBe(true);
    expect(rows.some((r) => r.includes('teleporter'))).toBe(true);
    expect(rows.some((r) => r.includes('99999999'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-probelauf-fehler.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('confirms a clean dry run and imports', async () => {
    await upload(GOOD);
    expect(await page.textContent('main')).toContain('Die Datei ist fehlerfrei');
    await page.screenshot({ path: join(SCREENSHOTS, 'import-probelauf-ok.png'), fullPage: true });
    await page.click('button:has-text("Jetzt importieren")');
    await page.waitForSelector('.notice[role="status"]:has-text("Importiert")', { timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${env.baseUrl}/kommunen/09184114`);
    expect(await page.textContent('#k-epayment')).toContain('ePayBL');
  });

  it('downloads the landscape of the Kreis as CSV', async () => {
    await page.goto(`${env.baseUrl}/gebiete/09184`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.download-list li:first-child a:has-text("CSV")'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain('Schlüssel');
    expect(csv).toContain('Aschheim');
    expect(csv).toContain('ePayBL');
  });
});
