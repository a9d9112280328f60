import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { cliPrincipal } from '../../lib/principal';
import { issueRoundLinks } from '../../services/rounds-actions';
import { axeViolations, logIn, SCREENSHOTS, startEnvironment, type E2eEnvironment } from './support/environment';

/**
 * A survey round in a real browser: the coordinator's round page, and the page a municipality
 * opens from its personal link, each checked with axe-core.
 */
describe('a survey round in a real browser', () => {
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

  it('the coordinator opens a round; the list and the round page have no axe violations', async () => {
    await logIn(page, env.baseUrl, 'erika');
    await page.goto(`${env.baseUrl}/runden`);
    await noViolations('runden');
    const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#f-area', '09184');
    await page.fill('#f-title', 'Bestandsaufnahme 2027');
    await page.fill('#f-deadline', deadline);
    await Promise.all([page.waitForURL(/\/runden\/\d+$/), page.click('form[action="/runden"] button[type="submit"]')]);
    expect(await page.textContent('h1')).toContain('Bestandsaufnahme 2027');
    expect(await page.textContent('main')).toContain('Garching b.München');
    await noViolations('runde');
  });

  it('the municipality opens its link, answers, and the page has no axe violations', async () => {
    const id = Number(/\/runden\/(\d+)$/.exec(page.url())![1]);
    const links = await issueRoundLinks(env.dataSource, {
      id,
      actor: { principal: cliPrincipal(), requestId: null },
      baseUrl: env.baseUrl,
      keys: ['09184112'],
    });
    // Signed out: the link needs no account.
    await env.context.clearCookies();
    await page.goto(links[0].url);
    expect(await page.textContent('h1')).toContain(links[0].name);
    await noViolations('runde-link');
    await page.check('#q-strategy-1');
    await page.check('#q-fim-known-0');
    await page.check('#q-fim-helpful-1');
    await Promise.all([
      page.waitForURL(links[0].url),
      page.click('form[action$="/selbstauskunft"] button[type="submit"]'),
    ]);
    expect(await page.textContent('main')).toContain('Die Selbstauskunft ist gespeichert.');
    expect(await page.isChecked('#q-strategy-1')).toBe(true);
    await noViolations('runde-link-gespeichert');
  });

  it('the survey figures with their chart have no axe violations', async () => {
    await logIn(page, env.baseUrl, 'erika');
    await page.goto(`${env.baseUrl}/umfragewerte/09184`);
    expect(await page.textContent('main')).toContain('Digitalstrategie in Erarbeitung');
    expect(await page.locator('figure.chart svg rect.chart-bar-area').count()).toBeGreaterThan(0);
    await noViolations('umfragewerte');
    expect(env.consoleErrors).toEqual([]);
  });
});
