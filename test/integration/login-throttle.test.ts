/**
 * Issue 12, finding 9: sign-in throttling that holds across instances and against a changing
 * `X-Forwarded-For`: counters in the database, per account and per client, with a lockout.
 */
import request from 'supertest';
import type { Express } from 'express';
import { LoginThrottle } from '../../services/login-throttle';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { twoInstances, type TwoInstances } from '../helpers/two-instances';
import { csrfOf, makeUser, TEST_PASSWORD } from '../helpers/web';

/** A browser on one instance: keeps its cookie and the form's current CSRF token. */
async function browser(app: Express, headers: Record<string, string> = {}) {
  const agent = request.agent(app);
  let token = csrfOf((await agent.get('/anmeldung').set(headers)).text);
  return async (userName: string, password: string, extra: Record<string, string> = {}) => {
    const res = await agent
      .post('/anmeldung')
      .set({ ...headers, ...extra })
      .type('form')
      .send({ _csrf: token, benutzername: userName, passwort: password });
    if (res.status !== 303) token = csrfOf(res.text);
    return res;
  };
}

describe('sign-in throttling shared by instances', () => {
  let two: TwoInstances;

  beforeAll(async () => {
    two = await twoInstances({ trustProxy: 1 });
    await makeUser(two.dataSourceA, 'anna', 'reader');
    await makeUser(two.dataSourceA, 'bert', 'reader');
    await makeUser(two.dataSourceA, 'carla', 'reader');
  });
  afterAll(() => two.close());

  it('counts failures on both instances together: the 11th attempt is refused with 429 and Retry-After', async () => {
    const onA = await browser(two.a);
    const onB = await browser(two.b);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const attempt = i % 2 === 0 ? onA : onB;
      statuses.push((await attempt('anna', `falsch-${i}-xxxxxxxx`)).status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const locked = await onA('anna', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect((await onB('anna', TEST_PASSWORD)).status).toBe(429);
  });

  it('locks the account whatever X-Forwarded-For says, and a success clears the account counter', async () => {
    const attempt = await browser(two.a, { 'X-Forwarded-For': '203.0.113.1' });
    for (let i = 0; i < 10; i += 1) {
      const res = await attempt('bert', `falsch-${i}-xxxxxxxx`, { 'X-Forwarded-For': `198.51.100.${i + 1}` });
      expect(res.status).toBe(401);
    }
    const locked = await attempt('bert', TEST_PASSWORD, { 'X-Forwarded-For': '192.0.2.77' });
    expect(locked.status).toBe(429);

    // Nine failures, then the right password: the account starts afresh.
    const other = await browser(two.b, { 'X-Forwarded-For': '203.0.113.2' });
    for (let i = 0; i < 9; i += 1) expect((await other('carla', `falsch-${i}-xxxxxxxx`)).status).toBe(401);
    expect((await other('carla', TEST_PASSWORD)).status).toBe(303);
    const again = await browser(two.a, { 'X-Forwarded-For': '203.0.113.3' });
    for (let i = 0; i < 9; i += 1) expect((await again('carla', `falsch-${i}-xxxxxxxx`)).status).toBe(401);
  });
});

describe('per-client limit and configured limits', () => {
  let two: TwoInstances;

  beforeAll(async () => {
    two = await twoInstances({
      trustProxy: 1,
      loginLimits: { perAccount: 50, perClient: 4, windowMs: 15 * 60_000, lockoutMs: 5 * 60_000 },
    });
    await makeUser(two.dataSourceA, 'dora', 'reader');
  });
  afterAll(() => two.close());

  it('locks a client address that tries many user names, on both instances, and only that address', async () => {
    const fromA = await browser(two.a, { 'X-Forwarded-For': '198.51.100.9' });
    const fromB = await browser(two.b, { 'X-Forwarded-For': '198.51.100.9' });
    expect((await fromA('name1', 'falsch-xxxxxxxxxx')).status).toBe(401);
    expect((await fromB('name2', 'falsch-xxxxxxxxxx')).status).toBe(401);
    expect((await fromA('name3', 'falsch-xxxxxxxxxx')).status).toBe(401);
    expect((await fromB('name4', 'falsch-xxxxxxxxxx')).status).toBe(401);
    const locked = await fromA('dora', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(300);
    expect(locked.text).toContain('5 Minuten');
    const elsewhere = await browser(two.b, { 'X-Forwarded-For': '198.51.100.10' });
    expect((await elsewhere('dora', TEST_PASSWORD)).status).toBe(303);
  });
});

describe('LoginThrottle: window and lockout', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('locks at the limit within the window, unlocks after the lockout, forgets failures of an old window', async () => {
    const limits = { perAccount: 3, perClient: 100, windowMs: 60_000, lockoutMs: 120_000 };
    const throttle = new LoginThrottle(db.dataSource, limits);
    const keys = { account: 'eva', client: '192.0.2.1' };
    const t0 = 1_700_000_000_000;
    expect(await throttle.recordFailure(keys, t0)).toBe(0);
    expect(await throttle.recordFailure(keys, t0 + 1_000)).toBe(0);
    expect(await throttle.lockedFor(keys, t0 + 2_000)).toBe(0);
    expect(await throttle.recordFailure(keys, t0 + 2_000)).toBe(120_000);
    expect(await throttle.lockedFor(keys, t0 + 3_000)).toBe(119_000);
    expect(await throttle.lockedFor(keys, t0 + 122_000)).toBe(0);

    // Two failures, then the window passes: the next failure starts a new count.
    const other = { account: 'fritz', client: '192.0.2.2' };
    await throttle.recordFailure(other, t0);
    await throttle.recordFailure(other, t0 + 1_000);
    expect(await throttle.recordFailure(other, t0 + 61_000)).toBe(0);
    expect(await throttle.recordFailure(other, t0 + 62_000)).toBe(0);
    expect(await throttle.recordFailure(other, t0 + 63_000)).toBe(120_000);
  });
});
