/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { User } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import { issueSetupLink } from '../../services/setup.service';
import { axeViolations, SCREENSHOTS, startEnvironment, type E2eEnvironment } from './support/environment';

const PASSWORD = 'ein langes gutes Passwort';

describe('first run in a real browser: setup link, first admin, invitation', () => {
  let env: E2eEnvironment;
  let page: Page;

  beforeAll(async () => {
    env = await startEnvironment();
    page = await env.context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A fresh installation: the seeded admin is switched off, so the service needs setting up.
    await env.dataSource.getRepository(User).update({ role: 'admin' }, { disabledAt: new Date() });
  });
  afterAll(() => env?.close());

  async function noViolations(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect([name, await axeViolations(page)]).toEqual([name, []]);
  }

  it('points to the setup link on the login page, creates the first admin with it, and the link dies', async () => {
    await page.goto(`${env.baseUrl}/anmeldung`);
    expect(await page.textContent('main')).toContain('Einrichtungslink');
    await noViolations('anmeldung-neu-installiert');

    const link = await inTransaction(env.dataSource, (tx) => issueSetupLink(tx));
    const url = `${env.baseUrl}/einrichtung?token=${link!.token}`;
    await page.goto(url);
    await noViolations('einrichtung');
    await page.fill('#f-anzeigename', 'Erika Admin');
    await page.fill('#f-benutzername', 'erika.admin@example.org');
    await page.fill('#f-passwort', PASSWORD);
    await page.fill('#f-passwort2', 'vertippt und anders');
    await page.click('form.form button[type="submit"]');
    await page.waitForSelector('.error-summary');
    await noViolations('einrichtung-fehler');
    await page.fill('#f-passwort', PASSWORD);
    await page.fill('#f-passwort2', PASSWORD);
    await Promise.all([page.waitForURL(`${env.baseUrl}/benutzer`), page.click('form.form button[type="submit"]')]);
    expect(await page.textContent('.account')).toContain('Erika Admin');
    await noViolations('benutzer');

    const again = await page.goto(url);
    expect(again?.status()).toBe(410);
  });

  it('invites an editor, who sets a password and lands on their Kreis', async () => {
    await page.goto(`${env.baseUrl}/benutzer`);
    await page.fill('#f-benutzername', 'kreis.it@example.org');
    await page.fill('#f-anzeigename', 'Kreis-IT');
    await page.selectOption('#f-rolle', 'editor');
    await page.fill('#f-bereich', '09184');
    await Promise.all([page.waitForURL(/\/benutzer\/kreis\.it/), page.click('form.form button[type="submit"]')]);
    const invitation = await page.inputValue('#f-link');
    await noViolations('benutzer-eingeladen');

    const invitee = await env.context.browser()?.newContext();
    const other = invitee ? await invitee.newPage() : await env.context.newPage();
    await other.goto(invitation);
    expect(await other.textContent('main')).toContain('kreis.it@example.org');
    expect(await axeViolations(other)).toEqual([]);
    await other.fill('#f-passwort', PASSWORD);
    await other.fill('#f-passwort2', PASSWORD);
    await Promise.all([
      other.waitForURL(`${env.baseUrl}/gebiete/09184`),
      other.click('form.form button[type="submit"]'),
    ]);
    expect(await other.textContent('.account')).toContain('Mein Kreis');
    expect(await other.textContent('.account')).toContain('Benutzer');
    // The refused form (422) and the used link (410) are expected; nothing else may have gone wrong.
    expect(env.consoleErrors.filter((e) => !/status of (422|410)/.test(e))).toEqual([]);
  });
});
