/**
 * Mapping retired Gemeinden to their successor: offerings follow like component records, and
 * entries both sides hold stop the mapping until an admin decides (API, web form, CLI).
 * Hand-built Thüringen merger after the real one (DOMAIN.md §4): Uder (16061097) and
 * Birkenfelde (16061007) of the VG Uder were merged into the new Gemeinde Uder (16061119).
 */
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AuditEvent, Component, ComponentRecord, Region } from '../../entities';
import { createDataSource } from '../../ormconfig';
import { createCliDatabase, runCli, type CliDatabase } from '../helpers/cli';
import { makeRegion } from '../helpers/factories';
import { makeLeistung, makeOffering, makeOzgLeistung } from '../helpers/ozg-factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';

const AUSWEIS = '99008001000000';
const HUNDESTEUER = '99123001000000';
const OLD_UDER = '16061097';
const BIRKENFELDE = '16061007';
const WUESTHEUTERODE = '16061111';
const UDER = '16061119';
const RETIRED = { isCurrent: false, retiredGebietsstand: '2025-08-31', gebietsstand: '2023-11-30' };

interface World {
  ausweis: number;
  hundesteuer: number;
  ids: Record<string, number>;
}

async function record(ds: DataSource, regionId: number, code: string, values: Partial<ComponentRecord> = {}) {
  const component = await ds.getRepository(Component).findOneByOrFail({ code });
  await ds.getRepository(ComponentRecord).save({
    regionId,
    componentId: component.id,
    status: 'in-use',
    operatorId: null,
    product: null,
    validFrom: null,
    validTo: null,
    note: null,
    servesMembers: false,
    source: 'api',
    ...values,
  });
}

/** The merger: three retired Gemeinden of the VG Uder, the new Uder, and a neighbour in the Kreis. */
async function seedMerger(ds: DataSource): Promise<World> {
  await makeRegion(ds, '16', { level: 'land', name: 'Thüringen' });
  await makeRegion(ds, '16061', { level: 'kreis', name: 'Eichsfeld' });
  await makeRegion(ds, '160615012', { level: 'gemeindeverband', name: 'Uder', textCode: '54', ...RETIRED });
  await makeRegion(ds, '160615051', { level: 'gemeindeverband', name: 'EG Uder', textCode: '58' });
  const verband = { verbandKey: '160615012', parentKey: '160615012' };
  const ids: Record<string, number> = {};
  for (const [key, name, population] of [
    [OLD_UDER, 'Uder', 2688],
    [BIRKENFELDE, 'Birkenfelde', 529],
    [WUESTHEUTERODE, 'Wüstheuterode', 565],
  ] as const) {
    ids[key] = (await makeRegion(ds, key, { name, population, ...verband, ...RETIRED })).id;
  }
  ids[UDER] = (await makeRegion(ds, UDER, { name: 'Uder', population: 6134, verbandKey: '160615051' })).id;
  await makeRegion(ds, '16061045', { name: 'Heilbad Heiligenstadt, Stadt', population: 18_230 });
  await makeOzgLeistung(ds, 10119, 'Personalausweis');
  await makeOzgLeistung(ds, 10160, 'Hundehaltung');
  const ausweis = (await makeLeistung(ds, AUSWEIS, 10119, '2/3', { name: 'Personalausweis beantragen' })).id;
  const hundesteuer = (await makeLeistung(ds, HUNDESTEUER, 10160, '3', { name: 'Hundesteuer Anmeldung' })).id;
  return { ausweis, hundesteuer, ids };
}

describe('successor mapping: offerings and conflicts', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;
  let w: World;

  const post = (key: string, body: object, auth = admin) =>
    request(t.app).post(`/api/regions/${key}/successor`).set('Authorization', auth).send(body);
  const components = async (ags: string) =>
    (
      (await request(t.app).get(`/api/municipalities/${ags}/components`).set('Authorization', reader)).body
        .components as { component: string; status: string; product: string | null }[]
    ).map((c) => [c.component, c.status, c.product]);
  const offerings = async (ags: string) =>
    (
      (await request(t.app).get(`/api/municipalities/${ags}/offerings`).set('Authorization', reader)).body
        .offerings as { leistung: { schluessel: string }; source: string; status: string; url: string | null }[]
    ).map((o) => [o.leistung.schluessel, o.source, o.status, o.url]);
  const history = async (ags: string) =>
    (await request(t.app).get(`/api/municipalities/${ags}/history`).set('Authorization', reader)).body.items as {
      action: string;
      entityKey: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
    w = await seedMerger(t.dataSource);
    const { ids } = w;
    // Old Uder: ePayBL and a search; its Personalausweis online (manual) and Hundesteuer (dashboard).
    await record(t.dataSource, ids[OLD_UDER], 'epayment', { product: 'ePayBL' });
    await record(t.dataSource, ids[OLD_UDER], 'search');
    await makeOffering(t.dataSource, ids[OLD_UDER], w.ausweis, { url: 'https://uder.de/ausweis', level: 3 });
    await makeOffering(t.dataSource, ids[OLD_UDER], w.hundesteuer, {
      source: 'dashboard',
      url: 'https://dashboard.example.de/uder/hund',
      level: 2,
    });
    // Birkenfelde: another ePayment product, the same search, its own Personalausweis page (planned).
    await record(t.dataSource, ids[BIRKENFELDE], 'epayment', { product: 'pmPayment' });
    await record(t.dataSource, ids[BIRKENFELDE], 'search');
    await makeOffering(t.dataSource, ids[BIRKENFELDE], w.ausweis, {
      status: 'planned',
      url: 'https://birkenfelde.de/ausweis',
    });
    // The new Uder already runs a form server.
    await record(t.dataSource, ids[UDER], 'form-server', { product: 'Form-Solutions' });
  });
  afterAll(() => t.close());

  it('moves the offerings with the records, and both regions record them in their history', async () => {
    const res = await post(OLD_UDER, { successor: UDER });
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(true);
    expect(res.body.transferred.components.sort()).toEqual(['epayment', 'search']);
    expect(res.body.transferred.offerings).toEqual([
      { leistung: AUSWEIS, source: 'manual' },
      { leistung: HUNDESTEUER, source: 'dashboard' },
    ]);
    expect(res.body.conflicts).toEqual([]);

    expect(await offerings(UDER)).toEqual([
      [AUSWEIS, 'manual', 'online', 'https://uder.de/ausweis'],
      [HUNDESTEUER, 'dashboard', 'online', 'https://dashboard.example.de/uder/hund'],
    ]);
    expect(await offerings(OLD_UDER)).toEqual([]);
    expect((await components(UDER)).sort()).toEqual([
      ['epayment', 'in-use', 'ePayBL'],
      ['form-server', 'in-use', 'Form-Solutions'],
      ['search', 'in-use', null],
    ]);

    const [mapped] = await history(OLD_UDER);
    expect(mapped.action).toBe('region.successor-mapped');
    expect(mapped.after).toMatchObject({
      successorKey: UDER,
      mode: 'move',
      offerings: [
        { leistung: AUSWEIS, source: 'manual', status: 'online', url: 'https://uder.de/ausweis' },
        { leistung: HUNDESTEUER, source: 'dashboard', status: 'online', maturity: { model: 'RGM-1.1', level: 2 } },
      ],
    });
    const [movedIn] = await history(UDER);
    expect(movedIn.action).toBe('region.records-moved-in');
    expect(movedIn.after).toMatchObject({ predecessorKey: OLD_UDER });
    expect((movedIn.after?.offerings as unknown[]).length).toBe(2);
  });

  it('lists the conflicts with both values in a dry run, writing nothing', async () => {
    const dry = await post(BIRKENFELDE, { successor: UDER, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false });
    expect(dry.body.transferred).toEqual({ components: [], offerings: [] });
    // The search record says the same on both sides: nothing to decide.
    expect(dry.body.identical).toEqual({ components: ['search'], offerings: [] });
    expect(dry.body.conflicts).toEqual([
      {
        kind: 'component',
        key: 'epayment',
        label: 'E-Payment (elektronische Bezahlmöglichkeit)',
        predecessor: expect.objectContaining({ status: 'in-use', product: 'pmPayment', operator: null }),
        successor: expect.objectContaining({ status: 'in-use', product: 'ePayBL', operator: null }),
        successorFrom: OLD_UDER,
        resolution: null,
      },
      {
        kind: 'offering',
        key: AUSWEIS,
        label: 'Personalausweis beantragen',
        source: 'manual',
        predecessor: expect.objectContaining({
          status: 'planned',
          url: 'https://birkenfelde.de/ausweis',
          maturity: null,
        }),
        successor: expect.objectContaining({
          status: 'online',
          url: 'https://uder.de/ausweis',
          maturity: { model: 'RGM-1.1', level: 3, criteria: null },
        }),
        successorFrom: OLD_UDER,
        resolution: null,
      },
    ]);
    expect((await history(BIRKENFELDE)).map((e) => e.action)).toEqual([]);
  });

  it('refuses the mapping without a choice for every conflict (409), and a choice for a key without conflict (422)', async () => {
    const none = await post(BIRKENFELDE, { successor: UDER });
    expect(none.status).toBe(409);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.body.detail).toMatch(/nicht ausgeführt: 2 Konflikte ohne Entscheidung \(epayment, 99008001000000\)/);
    expect(none.body.unresolved).toEqual(['epayment', AUSWEIS]);
    expect(none.body.conflicts).toHaveLength(2);

    const one = await post(BIRKENFELDE, { successor: UDER, resolutions: { epayment: 'predecessor' } });
    expect(one.status).toBe(409);
    expect(one.body.unresolved).toEqual([AUSWEIS]);

    const stray = await post(BIRKENFELDE, {
      successor: UDER,
      resolutions: { epayment: 'predecessor', [AUSWEIS]: 'successor', chatbot: 'successor' },
    });
    expect(stray.status).toBe(422);
    expect(stray.body.errors).toEqual([
      { pointer: '#/resolutions/chatbot', detail: expect.stringMatching(/kein Konflikt.*epayment, 99008001000000/) },
    ]);

    const wrongSide = await post(BIRKENFELDE, { successor: UDER, resolutions: { epayment: 'both' } });
    expect(wrongSide.status).toBe(422);

    // Nothing was written by any of these.
    expect((await t.dataSource.getRepository(Region).findOneByOrFail({ key: BIRKENFELDE })).successorKey).toBeNull();
    expect(await components(BIRKENFELDE)).toEqual([
      ['epayment', 'in-use', 'pmPayment'],
      ['search', 'in-use', null],
    ]);
    expect((await components(UDER)).find((c) => c[0] === 'epayment')).toEqual(['epayment', 'in-use', 'ePayBL']);
  });

  it('applies the choices in one transaction: the kept side wins, the other stays on record', async () => {
    const res = await post(BIRKENFELDE, {
      successor: UDER,
      resolutions: { epayment: 'predecessor', [AUSWEIS]: 'successor' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      applied: true,
      transferred: { components: ['epayment'], offerings: [] },
      identical: { components: ['search'], offerings: [] },
    });
    expect(res.body.conflicts.map((c: { key: string; resolution: string }) => [c.key, c.resolution])).toEqual([
      ['epayment', 'predecessor'],
      [AUSWEIS, 'successor'],
    ]);

    // Birkenfelde's ePayment replaced Uder's; Uder's Personalausweis stayed.
    expect((await components(UDER)).find((c) => c[0] === 'epayment')).toEqual(['epayment', 'in-use', 'pmPayment']);
    expect((await offerings(UDER)).filter((o) => o[0] === AUSWEIS)).toEqual([
      [AUSWEIS, 'manual', 'online', 'https://uder.de/ausweis'],
    ]);
    // What was not taken over stays with the retired Gemeinde (move mode), readable.
    expect(await offerings(BIRKENFELDE)).toEqual([[AUSWEIS, 'manual', 'planned', 'https://birkenfelde.de/ausweis']]);
    expect(await components(BIRKENFELDE)).toEqual([['search', 'in-use', null]]);

    const uder = await history(UDER);
    expect(uder.map((e) => e.action).slice(0, 2)).toEqual(['region.records-moved-in', 'component-record.replaced']);
    expect(uder[1]).toMatchObject({
      entityKey: `${UDER}/epayment`,
      before: { component: 'epayment', product: 'ePayBL' },
      after: { component: 'epayment', product: 'pmPayment' },
    });
    const [mapped] = await history(BIRKENFELDE);
    expect(mapped.action).toBe('region.successor-mapped');
    expect(mapped.after?.conflicts).toEqual([
      expect.objectContaining({ key: 'epayment', resolution: 'predecessor' }),
      expect.objectContaining({
        key: AUSWEIS,
        resolution: 'successor',
        predecessor: expect.objectContaining({ status: 'planned', url: 'https://birkenfelde.de/ausweis' }),
      }),
    ]);
  });

  describe('web form', () => {
    let agent: Awaited<ReturnType<typeof signedInAgent>>;

    beforeAll(async () => {
      await makeUser(t.dataSource, 'verwaltung', 'admin');
      await makeUser(t.dataSource, 'redaktion', 'editor', ['16']);
      await record(t.dataSource, w.ids[WUESTHEUTERODE], 'epayment', { product: 'GiroSolution' });
      await record(t.dataSource, w.ids[WUESTHEUTERODE], 'chatbot', { status: 'planned' });
      agent = await signedInAgent(t.app, 'verwaltung');
    });

    const form = (values: Record<string, string>, csrf: string) =>
      agent
        .post(`/kommunen/${WUESTHEUTERODE}/nachfolger`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrf, ...values });

    it('offers the suggestions as choices, nothing preselected, and is for admins only', async () => {
      const page = await agent.get(`/kommunen/${WUESTHEUTERODE}/nachfolger`).set('Accept', 'text/html');
      expect(page.status).toBe(200);
      // Same Kreis, and the new Uder not marked as new (no import history here): the larger first.
      const choices = [...page.text.matchAll(/name="nachfolger" value="(\d+|anderer)"( checked)?/g)].map((m) => [
        m[1],
        Boolean(m[2]),
      ]);
      expect(choices).toEqual([
        ['16061045', false],
        [UDER, false],
        ['anderer', false],
      ]);
      expect(page.text).toContain('gleicher Kreis (Eichsfeld)');
      const retiredPage = await agent.get(`/kommunen/${WUESTHEUTERODE}`).set('Accept', 'text/html');
      expect(retiredPage.text).toContain(`href="/kommunen/${WUESTHEUTERODE}/nachfolger">Nachfolger zuordnen</a>`);

      const editor = await signedInAgent(t.app, 'redaktion');
      expect((await editor.get(`/kommunen/${WUESTHEUTERODE}/nachfolger`).set('Accept', 'text/html')).status).toBe(403);
    });

    it('previews, refuses without a choice per conflict, and maps with the choice', async () => {
      const page = await agent.get(`/kommunen/${WUESTHEUTERODE}/nachfolger`).set('Accept', 'text/html');
      const csrf = csrfOf(page.text);
      const missing = await form({ schritt: 'vorschau', modus: 'move' }, csrf);
      expect(missing.status).toBe(422);
      expect(missing.text).toContain('Bitte einen Vorschlag wählen');

      const preview = await form({ nachfolger: UDER, modus: 'move', schritt: 'vorschau' }, csrf);
      expect(preview.status).toBe(200);
      expect(preview.text).toContain('Vorschau: Wüstheuterode → Uder (16061119)');
      expect(preview.text).toContain('Basiskomponenten, die verschoben werden: chatbot');
      expect(preview.text).toContain('GiroSolution');
      expect(preview.text).toContain('pmPayment');
      expect(preview.text).toContain('name="konflikt-epayment" value="predecessor"');
      expect(
        (await t.dataSource.getRepository(Region).findOneByOrFail({ key: WUESTHEUTERODE })).successorKey,
      ).toBeNull();

      const open = await form({ nachfolger: UDER, modus: 'move', schritt: 'zuordnen' }, csrf);
      expect(open.status).toBe(409);
      expect(open.text).toContain('es wurde nichts zugeordnet');

      const done = await form(
        { nachfolger: UDER, modus: 'move', schritt: 'zuordnen', 'konflikt-epayment': 'successor' },
        csrf,
      );
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe(`/kommunen/${UDER}`);
      expect((await t.dataSource.getRepository(Region).findOneByOrFail({ key: WUESTHEUTERODE })).successorKey).toBe(
        UDER,
      );
      expect((await components(UDER)).find((c) => c[0] === 'epayment')).toEqual(['epayment', 'in-use', 'pmPayment']);
      expect((await components(UDER)).find((c) => c[0] === 'chatbot')).toEqual(['chatbot', 'planned', null]);

      const historyPage = await agent.get(`/kommunen/${WUESTHEUTERODE}/historie`).set('Accept', 'text/html');
      expect(historyPage.text).toContain('Nachfolger zugeordnet');
      expect(historyPage.text).toContain(
        'Konflikt E-Payment (elektronische Bezahlmöglichkeit): Vorgänger im Einsatz, Nachfolger im Einsatz – der des Nachfolgers bleibt',
      );
    });
  });

  it('audits every write of the mappings in the same transaction as the change', async () => {
    const events = await t.dataSource.getRepository(AuditEvent).find({ where: { entityType: 'region' } });
    expect(
      events
        .filter((e) => e.action === 'region.successor-mapped')
        .map((e) => e.entityKey)
        .sort(),
    ).toEqual([BIRKENFELDE, OLD_UDER, WUESTHEUTERODE]);
  });
});

describe('successor CLI', () => {
  let db: CliDatabase;

  beforeAll(async () => {
    db = await createCliDatabase();
    expect((await runCli(db.url, ['db', 'migrate'])).exitCode).toBe(0);
    const ds = createDataSource(db.config);
    await ds.initialize();
    try {
      const { ids } = await seedMerger(ds);
      await record(ds, ids[OLD_UDER], 'epayment', { product: 'ePayBL' });
      await record(ds, ids[UDER], 'epayment', { product: 'pmPayment' });
    } finally {
      await ds.destroy();
    }
  });
  afterAll(() => db.cleanup());

  it('suggests successors with reasons', async () => {
    const res = await runCli(db.url, ['regions', 'suggest', OLD_UDER]);
    expect(res.exitCode).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe('Vorschläge für den Nachfolger von Uder (16061097):');
    expect(lines[1]).toBe('  1. 16061119 Uder (6134 Einwohner): gleicher Kreis (Eichsfeld); gleicher Name');
    expect(lines[2]).toBe('  2. 16061045 Heilbad Heiligenstadt, Stadt (18230 Einwohner): gleicher Kreis (Eichsfeld)');
  });

  it('shows the conflict in a dry run, refuses without --keep and maps with it', async () => {
    const dry = await runCli(db.url, ['regions', 'successor', OLD_UDER, UDER, '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(/^Probelauf: Uder \(16061097\) → Nachfolger Uder \(16061119\), nichts geschrieben\./);
    expect(dry.stdout).toContain(
      '  Konflikt Komponente epayment: Vorgänger in-use, ePayBL, ohne Betreiber | Nachfolger in-use, pmPayment, ohne Betreiber → offen',
    );
    const refused = await runCli(db.url, ['regions', 'successor', OLD_UDER, UDER]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/ein Konflikt ohne Entscheidung \(epayment\)/);
    expect(refused.stderr).toContain('--keep epayment=nachfolger');
    const done = await runCli(db.url, ['regions', 'successor', OLD_UDER, UDER, '--keep', 'epayment=vorgaenger']);
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toContain('Komponenten verschoben: epayment');
    expect(done.stdout).toContain('→ Vorgänger bleibt');
  });
});
