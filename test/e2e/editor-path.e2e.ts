import type { Page } from 'playwright-core';
import { Operator } from '../../entities';
import { axeViolations, logIn, startEnvironment, type E2eEnvironment } from './support/environment';

describe('the municipal IT lead (editor) path in a real browser', () => {
  let env: E2eEnvironment;
  let page: Page;

  beforeAll(async () => {
    env = await startEnvironment();
    page = await env.context.newPage();
    await logIn(page, env.baseUrl, 'erika');
  });
  afterAll(() => env?.close());

  it('asks "Meinten Sie …?" for a short operator name and saves the chosen operator', async () => {
    await page.goto(`${env.baseUrl}/kommunen/09184112/komponenten/mailbox`);
    await page.selectOption('#f-status', 'in-use');
    await page.fill('#f-operatorName', 'KIV');
    await page.selectOption('#f-operatorType', 'municipal-provider');
    await page.click('form.form button[type="submit"]');
    await page.waitForSelector('fieldset.choices');
    expect(await page.textContent('fieldset.choices legend')).toBe('Meinten Sie …?');
    expect(await axeViolations(page)).toEqual([]);
    await page.selectOption('#f-operatorType', '');
    await page.click('form.form button[type="submit"]');
    await page.waitForURL(/#k-mailbox$/);
    expect(await page.textContent('#k-mailbox')).toContain('KIV Kommunale Informationsverarbeitung Thüringen GmbH');
  });

  it('searches operators and opens one as a page', async () => {
    await page.goto(`${env.baseUrl}/betreiber?q=akdb`);
    expect(await axeViolations(page)).toEqual([]);
    const akdb = await env.dataSource.getRepository(Operator).findOneByOrFail({ shortName: 'AKDB' });
    await page.click(`a[href="/betreiber/${akdb.id}"]`);
    await page.waitForURL(new RegExp(`/betreiber/${akdb.id}$`));
    expect(await page.textContent('main')).toContain('Aschheim 09184112');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses "Daten vollständig bestätigen" with the list of what is missing', async () => {
    await page.goto(`${env.baseUrl}/kommunen/09184112`);
    await page.click('button:has-text("Daten vollständig bestätigen")');
    await page.waitForSelector('#luecken-titel');
    expect(await page.textContent('main')).toContain('noch nicht erfasst');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the changes and new operators of a clean dry run', async () => {
    await page.goto(`${env.baseUrl}/import`);
    await page.setInputFiles('#f-datei', {
      name: 'bestand.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'ags;Komponente;status;operator;operator_type\n09184112;Servicekonto;geplant;Isar-Chat GmbH;private-provider\n',
      ),
    });
    await page.click('form.form button[type="submit"]');
    await page.waitForSelector('.notice[role="status"]', { timeout: 30_000 });
    expect(await page.textContent('main')).toContain('Status: im Einsatz → geplant');
    expect(await page.textContent('main')).toContain('Isar-Chat GmbH');
    expect(await axeViolations(page)).toEqual([]);
  });
});
