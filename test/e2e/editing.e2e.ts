/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, logIn, SCREENSHOTS, startEnvironment, type E2eEnvironment } from './support/environment';

describe('editing a municipality in a real browser', () => {
  let env: E2eEnvironment;
  let page: Page;

  beforeAll(async () => {
    env = await startEnvironment();
    page = await env.context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await logIn(page, env.baseUrl, 'erika');
  });
  afterAll(() => env?.close());

  it('logs in and edits a component', async () => {
    await page.goto(`${env.baseUrl}/kommunen/09184112`);
    expect(await page.textContent('.account')).toContain('Test erika');
    await page.click('#k-epayment a:has-text("Bearbeiten")');
    await page.selectOption('#f-status', 'planned');
    await page.fill('#f-product', 'pmPayment');
    await page.click('form.form button[type="submit"]');
    await page.waitForURL(/\/kommunen\/09184112#k-epayment$/);
    expect(await page.textContent('.notice-success')).toContain('Gespeichert: E-Payment');
    const row = await page.textContent('#k-epayment');
    expect(row).toContain('geplant');
    expect(row).toContain('pmPayment');
    expect(await page.textContent('table.history')).toContain('Status: im Einsatz → geplant');
  });

  it('shows the conflict message when the same record was saved in another tab', async () => {
    const form = `${env.baseUrl}/kommunen/09184112/komponenten/service-account`;
    const tabA = page;
    const tabB = await env.context.newPage();
    await tabA.goto(form);
    await tabB.goto(form);
    await tabA.fill('#f-note', 'aus Tab A');
    await tabA.click('form.form button[type="submit"]');
    await tabA.waitForURL(/#k-service-account$/);

    await tabB.selectOption('#f-status', 'retired');
    await tabB.fill('#f-note', 'aus Tab B');
    await tabB.click('form.form button[type="submit"]');
    await tabB.waitForSelector('.conflict');
    expect(await tabB.textContent('.conflict h2')).toBe(
      'Nicht gespeichert: der Eintrag wurde zwischenzeitlich geändert',
    );
    expect(await tabB.textContent('.conflict')).toContain('aus Tab A');
    expect(await tabB.inputValue('#f-note')).toBe('aus Tab B');
    expect(await tabB.inputValue('#f-status')).toBe('retired');
    await tabB.screenshot({ path: join(SCREENSHOTS, 'bearbeiten-konflikt.png'), fullPage: true });
    expect(await axeViolations(tabB)).toEqual([]);
    await tabB.close();
    await tabA.goto(`${env.baseUrl}/kommunen/09184112`);
    expect(await tabA.textContent('#k-service-account')).toContain('im Einsatz');
  });

  it('can be used with the keyboard alone: tab order follows the form, Enter submits', async () => {
    await page.goto(`${env.baseUrl}/kommunen/09184112/komponenten/chatbot`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // skip link → main content
    const order: string[] = [];
    for (let i = 0; i < 30 && !order.includes('submit'); i += 1) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        if (el instanceof HTMLButtonElement && el.type === 'submit') return 'submit';
        return el.id || el.textContent?.trim() || el.tagName;
      });
      if (order[order.length - 1] !== id) order.push(id);
    }
    const fields = order.filter((id) => id.startsWith('f-') || id === 'submit');
    expect(fields).toEqual([
      'f-status',
      'f-operatorName',
      'f-operatorType',
      'f-product',
      'f-validFrom',
      'f-validTo',
      'f-note',
      'submit',
    ]);
    // Everything before the form is navigation (breadcrumbs), nothing hidden.
    expect(order.slice(0, order.indexOf('f-status'))).toEqual(
      ['Start', 'Bayern', 'München', 'Aschheim', 'f-status'].slice(0, order.indexOf('f-status')),
    );

    // Now fill it in with the keyboard only and submit with Enter in a text field.
    await page.focus('#f-status');
    await page.keyboard.press('i'); // "im Einsatz"
    expect(await page.inputValue('#f-status')).toBe('in-use');
    await page.keyboard.press('Tab');
    await page.keyboard.type('AKDB');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bürgerassistent');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#k-chatbot$/);
    const row = await page.textContent('#k-chatbot');
    expect(row).toContain('im Einsatz');
    expect(row).toContain('Anstalt für Kommunale Datenverarbeitung in Bayern'); // found by its short name
    expect(row).toContain('Bürgerassistent');
  });

  it('logs out', async () => {
    await page.goto(`${env.baseUrl}/`);
    await page.click('.account button:has-text("Abmelden")');
    await page.waitForURL(/\/anmeldung\?abgemeldet=1$/);
    expect(await page.textContent('main')).toContain('Sie wurden abgemeldet');
    await page.goto(`${env.baseUrl}/kommunen/09184112`);
    expect(await page.textContent('main')).not.toContain('pmPayment');
  });
});
