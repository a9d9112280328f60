import request from 'supertest';
import { REPORT_CACHE_TTL_MS, VersionedCache } from '../../reports/common/versioned-cache';
import { ozgMapCache } from '../../reports/map/ozg';
import { opportunityMapCache } from '../../reports/map/opportunities';
import { buildMapWorld } from '../helpers/map-world';
import { buildWorld } from '../helpers/ozg-world';
import { rebuild } from '../helpers/ozg-factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

/** The table row (value text) of one unit of a map page. */
function valueOf(page: string, name: string): string | undefined {
  return new RegExp(`<tr><th scope="row"><a href="[^"]*">${name}</a>.*?</th><td>([^<]*)</td>`).exec(page)?.[1];
}

/** The map's table (every unit's value and class). */
function mapTable(page: string): string {
  return /<caption id="karte-tabelle">[\s\S]*?<\/tbody>/.exec(page)?.[0] ?? '';
}

/**
 * Issue 15: the OZG and shared-service maps reuse their area's computation at the same data
 * version (`reports/common/versioned-cache.ts`) and compute again once a write moved it. The
 * tests run without compute workers, so the maps are drawn in this thread and its caches count.
 */
describe('map computations reused at the same data version', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await buildWorld(t.dataSource);
    await rebuild(t.dataSource);
    await makeUser(t.dataSource, 'leser', 'reader');
  });
  afterAll(() => t.close());

  it('computes the OZG map of an area once for repeated visits and every level', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const before = ozgMapCache.computations;
    const first = await agent.get('/gebiete/09184?karte=ozg&ozg=10119');
    expect(valueOf(first.text, 'Aschheim')).toBe('100 % (1 von 1 Zuständigkeiten erfüllt)');
    expect(ozgMapCache.computations).toBe(before + 1);
    const second = await agent.get('/gebiete/09184?karte=ozg&ozg=10119');
    expect(mapTable(second.text)).toBe(mapTable(first.text));
    expect(ozgMapCache.computations).toBe(before + 1);
    // The Land: one computation for its Kreis and its Gemeinde level and the SVG download.
    await agent.get('/gebiete/09?karte=ozg&ozg=10119&ebene=kreis');
    await agent.get('/gebiete/09?karte=ozg&ozg=10119&ebene=gemeinde');
    await agent.get('/gebiete/09/karte.svg?karte=ozg&ozg=10119&ebene=gemeinde');
    expect(ozgMapCache.computations).toBe(before + 2);
    // Another target is another computation.
    await agent.get('/gebiete/09?karte=ozg&ozg=10119&ziel=RGM-1.1:4');
    expect(ozgMapCache.computations).toBe(before + 3);
  });

  it('computes again after a write and shows the new number', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const url = '/gebiete/09184?karte=ozg&ozg=10119';
    // Brunnthal has no offering of A and records nothing on eID: unknown, not unmet.
    expect(valueOf((await agent.get(url)).text, 'Brunnthal')).toBe('keine Angaben (Komponenten nicht erfasst)');
    const before = ozgMapCache.computations;
    const admin = await t.bearer('admin');
    const put = await request(t.app)
      .put('/api/municipalities/09184003/components/eid')
      .set('Authorization', admin)
      .send({ status: 'not-used' });
    expect(put.status).toBe(201);
    // eID recorded as not used caps A below the target: Brunnthal's responsibility is unmet.
    expect(valueOf((await agent.get(url)).text, 'Brunnthal')).toBe('0 % (0 von 1 Zuständigkeiten erfüllt)');
    expect(ozgMapCache.computations).toBe(before + 1);
  });
});

/** The shared-service map on the Landkreis München of `maps.test.ts` (AKDB runs Aschheim's E-Payment). */
describe('shared-service map computations reused at the same data version', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await buildMapWorld(t);
  });
  afterAll(() => t.close());

  it('reuses the counts, and a write that moves the data version recomputes them', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const url = '/gebiete/09184?karte=nachnutzung';
    const before = opportunityMapCache.computations;
    const first = await agent.get(url);
    expect(first.text).toContain('aria-label="Unterföhring: keine Angaben"');
    expect(mapTable((await agent.get(url)).text)).toBe(mapTable(first.text));
    expect(opportunityMapCache.computations).toBe(before + 1);
    // Unterföhring records E-Payment as not used: it lacks it, and AKDB runs it in the same Kreis.
    await request(t.app)
      .put('/api/municipalities/09184147/components/epayment')
      .set('Authorization', admin)
      .send({ status: 'not-used' });
    expect((await agent.get(url)).text).toContain(
      'aria-label="Unterföhring: 1 von 9 Komponenten von einem Betreiber in der Nähe"',
    );
    expect(opportunityMapCache.computations).toBe(before + 2);
  });
});

/** The cache itself, on an empty database (its data version stays put), with a hand-moved clock. */
describe('VersionedCache', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('shares a running computation, keeps it for the TTL and the entry bound, and drops failures', async () => {
    let clock = 0;
    const cache = new VersionedCache<{ n: number }>(2, () => clock);
    const manager = t.dataSource.manager;
    let runs = 0;
    const compute = () => Promise.resolve({ n: ++runs });
    const [a, b] = await Promise.all([cache.get(manager, 'a', compute), cache.get(manager, 'a', compute)]);
    expect(b).toBe(a);
    expect(runs).toBe(1);
    clock = REPORT_CACHE_TTL_MS - 1;
    expect(await cache.get(manager, 'a', compute)).toBe(a);
    clock = REPORT_CACHE_TTL_MS;
    expect(await cache.get(manager, 'a', compute)).toEqual({ n: 2 });
    // Two entries at most: b and c push a out.
    await cache.get(manager, 'b', compute);
    await cache.get(manager, 'c', compute);
    expect(await cache.get(manager, 'a', compute)).toEqual({ n: 5 });
    await expect(cache.get(manager, 'd', () => Promise.reject(new Error('kaputt')))).rejects.toThrow('kaputt');
    expect(await cache.get(manager, 'd', compute)).toEqual({ n: 6 });
    expect(cache.computations).toBe(7);
  });
});
