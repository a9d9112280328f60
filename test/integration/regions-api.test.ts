import request from 'supertest';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('regions API on a small hierarchy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '07', { name: 'Rheinland-Pfalz' });
    await makeRegion(t.dataSource, '07232', { name: 'Eifelkreis Bitburg-Prüm', level: 'kreis' });
    await makeRegion(t.dataSource, '072325006', { name: 'Arzfeld', level: 'gemeindeverband', kreisKey: '07232' });
    await makeRegion(t.dataSource, '07232001', { name: 'Affler', verbandKey: '072325006', ars: '072325006001' });
    await makeRegion(t.dataSource, '07232002', { name: 'Ärzfeld-Süd', verbandKey: '072325006', ars: '072325006002' });
    await makeRegion(t.dataSource, '07232003', {
      name: 'Altes Dorf',
      isCurrent: false,
      retiredGebietsstand: '2025-08-31',
    });
  });
  afterAll(() => t.close());

  it('finds a Gemeinde by AGS and by ARS, and a Verband by its key', async () => {
    expect((await request(t.app).get('/api/regions/07232001')).body).toMatchObject({
      name: 'Affler',
      level: 'gemeinde',
    });
    expect((await request(t.app).get('/api/regions/072325006001')).body.key).toBe('07232001');
    expect((await request(t.app).get('/api/regions/072325006')).body.level).toBe('gemeindeverband');
    expect((await request(t.app).get('/api/regions/072320000000')).body.key).toBe('07232');
    expect((await request(t.app).get('/api/regions/07232999')).status).toBe(404);
    expect((await request(t.app).get('/api/regions/abc')).status).toBe(404);
  });

  it('lists by level and ancestor, excluding retired regions unless asked', async () => {
    const current = await request(t.app).get('/api/regions?level=gemeinde&parent=07232');
    expect(current.body.items.map((r: { key: string }) => r.key)).toEqual(['07232001', '07232002']);
    const all = await request(t.app).get('/api/regions?level=gemeinde&parent=07232&includeRetired=true');
    expect(all.body.items.map((r: { key: string }) => r.key)).toEqual(['07232001', '07232002', '07232003']);
    const verband = await request(t.app).get('/api/regions?parent=072325006');
    expect(verband.status).toBe(200);
  });

  it('searches names regardless of case and umlaut spelling, and keys by prefix', async () => {
    const umlaut = await request(t.app).get('/api/regions?q=aerzfeld');
    expect(umlaut.body.items.map((r: { name: string }) => r.name)).toEqual(['Ärzfeld-Süd']);
    const lower = await request(t.app).get(`/api/regions?q=${encodeURIComponent('ÄRZFELD')}`);
    expect(lower.body.items).toHaveLength(1);
    const literalPercent = await request(t.app).get(`/api/regions?q=${encodeURIComponent('%')}`);
    expect(literalPercent.body.items).toHaveLength(0);
    const prefix = await request(t.app).get('/api/regions?q=0723200&level=gemeinde');
    expect(prefix.body.items).toHaveLength(2);
  });

  it('finds umlaut names also by their plain ASCII spelling (u for ü), without breaking ue', async () => {
    const names = async (q: string) =>
      (await request(t.app).get(`/api/regions?q=${encodeURIComponent(q)}`)).body.items.map(
        (r: { name: string }) => r.name,
      );
    expect(await names('arzfeld-sud')).toEqual(['Ärzfeld-Süd']);
    expect(await names('aerzfeld-sued')).toEqual(['Ärzfeld-Süd']);
    expect(await names('Ärzfeld-Süd')).toEqual(['Ärzfeld-Süd']);
    expect(await names('prum')).toEqual(['Eifelkreis Bitburg-Prüm']);
    expect(await names('pruem')).toEqual(['Eifelkreis Bitburg-Prüm']);
    // A query with the umlaut spelled out does not fall back to the plain vowel ("Arzfeld").
    expect(await names('aerzfeld')).toEqual(['Ärzfeld-Süd']);
  });

  it('answers a forged cursor with 400 on every database', async () => {
    const forged = Buffer.from(JSON.stringify({ k: '07\u0000' })).toString('base64url');
    const res = await request(t.app).get(`/api/regions?cursor=${forged}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].parameter).toBe('cursor');
  });

  it('pages through results with a cursor and a Link header', async () => {
    const first = await request(t.app).get('/api/regions?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.headers.link).toContain('cursor=');
    const keys: string[] = first.body.items.map((r: { key: string }) => r.key);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await request(t.app).get(`/api/regions?limit=2&cursor=${cursor}`);
      keys.push(...page.body.items.map((r: { key: string }) => r.key));
      cursor = page.body.nextCursor;
    }
    expect(keys).toEqual(['07', '07232', '07232001', '07232002', '072325006']);
  });
});
