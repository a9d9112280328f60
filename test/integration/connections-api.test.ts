import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ConnectableService, ImportRun, ServiceConnection } from '../../entities';
import { ensureConnectableServices } from '../../importers/connectable-services-defaults';
import { REFERENCE_FILES } from '../../importers/reference-data';
import { referenceDataDir } from '../../lib/paths';
import { SYSTEM_PRINCIPAL } from '../../lib/principal';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const SYSTEM = { principal: SYSTEM_PRINCIPAL, requestId: null };
const shipped = () => ({
  name: `data/reference/${REFERENCE_FILES.connectableServices}`,
  buffer: readFileSync(join(referenceDataDir, REFERENCE_FILES.connectableServices)),
});

describe('connectable services and municipalities’ connections', () => {
  let t: TestApp;
  let reader: string;
  let editorMuenchen: string;
  let editorLandkreis: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09162', { name: 'München, Landeshauptstadt', level: 'kreis' });
    await makeRegion(t.dataSource, '09162000', { name: 'München, Landeshauptstadt' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    await makeRegion(t.dataSource, '09184118', { name: 'Haar' });
    await makeRegion(t.dataSource, '06', { name: 'Hessen' });
    await makeRegion(t.dataSource, '06411000', { name: 'Darmstadt, Wissenschaftsstadt' });
    reader = await t.bearer('reader');
    editorMuenchen = await t.bearer('editor', ['09162000'], 'IT München');
    editorLandkreis = await t.bearer('editor', ['09184'], 'LRA München');
  });
  afterAll(() => t.close());

  const put = (ags: string, service: string, body: unknown, auth: string, ifMatch?: string) => {
    const req = request(t.app).put(`/api/municipalities/${ags}/connections/${service}`).set('Authorization', auth);
    if (ifMatch) req.set('If-Match', ifMatch);
    return req.send(body as object);
  };

  describe('the shipped table', () => {
    it('loads every row once, with its source, and not again for the same file', async () => {
      const first = await ensureConnectableServices(t.dataSource, shipped(), SYSTEM);
      expect(first).toMatchObject({
        kind: 'connectable-services',
        status: 'succeeded',
        counts: { rows: 16, created: 16, updated: 0, unchanged: 0, deactivated: 0 },
      });
      const bundid = await t.dataSource.manager.findOneByOrFail(ConnectableService, { code: 'bundid' });
      expect(bundid).toMatchObject({
        name: 'BundID',
        kind: 'bund',
        components: ['service-account', 'eid', 'mailbox'],
        landKeys: [],
        isActive: true,
      });
      expect(bundid.source).toMatch(/^https:\/\/www\.onlinezugangsgesetz\.de\//);
      const bau = await t.dataSource.manager.findOneByOrFail(ConnectableService, {
        code: 'efa-digitale-baugenehmigung',
      });
      expect(bau).toMatchObject({ kind: 'efa', ozgIds: [10519], maturityModel: 'RGM-1.1', maturityLevel: 4 });
      expect(bau.landKeys).toHaveLength(10);
      expect(
        (await t.dataSource.manager.findOneByOrFail(ConnectableService, { code: 'servicekonto-nrw' })).isActive,
      ).toBe(false);

      const runs = await t.dataSource.manager.count(ImportRun);
      expect(await ensureConnectableServices(t.dataSource, shipped(), SYSTEM)).toBeNull();
      expect(await t.dataSource.manager.count(ImportRun)).toBe(runs);
    });

    it('lists the services a Land offers, federal ones first', async () => {
      const bayern = await request(t.app).get('/api/connectable-services?land=09');
      expect(bayern.status).toBe(200);
      const codes = bayern.body.map((s: { code: string }) => s.code);
      expect(codes.slice(0, 2)).toEqual(['bundid', 'mein-unternehmenskonto']);
      expect(codes).toEqual(expect.arrayContaining(['bayernid', 'epaybl', 'formularserver-bayern']));
      expect(codes).not.toContain('civento-hessen');
      expect(bayern.body.find((s: { code: string }) => s.code === 'bayernid')).toMatchObject({
        kind: 'land',
        kindLabel: 'Landesdienst',
        landKeys: ['09'],
        active: true,
      });
      // Hessen is not in the ePayBL developer community; the replaced NRW account is offered nowhere.
      const hessen = (await request(t.app).get('/api/connectable-services?land=06')).body.map(
        (s: { code: string }) => s.code,
      );
      expect(hessen).toContain('civento-hessen');
      expect(hessen).not.toContain('epaybl');
      const nrw = (await request(t.app).get('/api/connectable-services?land=05')).body.map(
        (s: { code: string }) => s.code,
      );
      expect(nrw).not.toContain('servicekonto-nrw');
      expect((await request(t.app).get('/api/connectable-services')).body).toHaveLength(16);
      const bad = await request(t.app).get('/api/connectable-services?land=17');
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('connections', () => {
    it('records a connection, shows it with the Land’s services, and changes it only with If-Match', async () => {
      const created = await put('09162000', 'bundid', { status: 'contract', note: 'Vertrag 03/2025' }, editorMuenchen);
      expect(created.status).toBe(201);
      expect(created.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(created.body).toMatchObject({
        service: 'bundid',
        serviceName: 'BundID',
        status: 'contract',
        statusLabel: 'Vertrag geschlossen',
        note: 'Vertrag 03/2025',
        updatedBy: 'token:IT München',
      });

      const list = await request(t.app).get('/api/municipalities/09162000/connections').set('Authorization', reader);
      expect(list.status).toBe(200);
      expect(list.body.municipality).toEqual({ key: '09162000', name: 'München, Landeshauptstadt', landKey: '09' });
      const bundid = list.body.services.find((l: { service: { code: string } }) => l.service.code === 'bundid');
      expect(bundid.connection).toMatchObject({ status: 'contract' });
      const bayernid = list.body.services.find((l: { service: { code: string } }) => l.service.code === 'bayernid');
      expect(bayernid.connection).toBeNull();
      expect(list.body.services.map((l: { service: { code: string } }) => l.service.code)).not.toContain(
        'civento-hessen',
      );

      expect((await put('09162000', 'bundid', { status: 'live' }, editorMuenchen)).status).toBe(428);
      const live = await put('09162000', 'bundid', { status: 'live' }, editorMuenchen, created.headers.etag);
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ status: 'live', statusLabel: 'in Betrieb', note: null });
      const stale = await put('09162000', 'bundid', { status: 'test' }, editorMuenchen, created.headers.etag);
      expect(stale.status).toBe(412);
      const one = await request(t.app)
        .get('/api/municipalities/09162000/connections/bundid')
        .set('Authorization', reader);
      expect([one.status, one.headers.etag, one.body.status]).toEqual([200, live.headers.etag, 'live']);
    });

    it('lets editors write only their own municipalities (403 otherwise) and readers nothing', async () => {
      const foreign = await put('09162000', 'bayernid', { status: 'interest' }, editorLandkreis);
      expect(foreign.status).toBe(403);
      expect(foreign.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(foreign.body.detail).toMatch(/München, Landeshauptstadt \(09162000\) nicht ändern/);
      expect((await put('09162000', 'bayernid', { status: 'interest' }, reader)).status).toBe(403);
      expect(
        (await request(t.app).put('/api/municipalities/09162000/connections/bayernid').send({ status: 'live' })).status,
      ).toBe(401);
      // Within its Kreis the same editor may.
      expect((await put('09184118', 'bayernid', { status: 'interest' }, editorLandkreis)).status).toBe(201);
      const none = await request(t.app)
        .get('/api/municipalities/09162000/connections/bayernid')
        .set('Authorization', reader);
      expect(none.status).toBe(404);
    });

    it('refuses a service the Land does not offer (409), unknown services (404) and bad input (422)', async () => {
      const admin = await t.bearer('admin');
      const hessian = await put('09162000', 'civento-hessen', { status: 'interest' }, admin);
      expect(hessian.status).toBe(409);
      expect(hessian.body.detail).toMatch(/civento .* wird Kommunen in diesem Land nicht angeboten/);
      expect((await put('06411000', 'civento-hessen', { status: 'interest' }, admin)).status).toBe(201);
      expect((await put('09162000', 'no-such-service', { status: 'live' }, admin)).status).toBe(404);
      const invalid = await put('09162000', 'bayernid', { status: 'fertig', extra: 1 }, admin);
      expect(invalid.status).toBe(422);
      expect(invalid.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['#/extra', '#/status']);
    });

    it('deletes only with If-Match, and every change is in the municipality’s history', async () => {
      const current = await request(t.app)
        .get('/api/municipalities/09162000/connections/bundid')
        .set('Authorization', reader);
      const del = (ifMatch?: string) => {
        const req = request(t.app)
          .delete('/api/municipalities/09162000/connections/bundid')
          .set('Authorization', editorMuenchen);
        return ifMatch ? req.set('If-Match', ifMatch) : req;
      };
      expect((await del()).status).toBe(428);
      expect((await del(current.headers.etag)).status).toBe(204);
      expect((await del(current.headers.etag)).status).toBe(404);

      const history = await request(t.app).get('/api/municipalities/09162000/history').set('Authorization', reader);
      const events = history.body.items.filter((e: { entityType: string }) => e.entityType === 'service-connection');
      expect(
        events.map((e: { action: string; entityKey: string; actor: string }) => [e.action, e.entityKey, e.actor]),
      ).toEqual([
        ['service-connection.deleted', '09162000/bundid', 'token:IT München'],
        ['service-connection.updated', '09162000/bundid', 'token:IT München'],
        ['service-connection.created', '09162000/bundid', 'token:IT München'],
      ]);
      expect(events[1].before).toEqual({
        service: 'bundid',
        serviceName: 'BundID',
        status: 'contract',
        note: 'Vertrag 03/2025',
      });
      expect(events[1].after).toEqual({ service: 'bundid', serviceName: 'BundID', status: 'live', note: null });
    });
  });

  describe('a newer edition of the table', () => {
    it('changes and retires services but never touches recorded connections', async () => {
      const haarBefore = await t.dataSource.manager.find(ServiceConnection);
      const text = shipped().buffer.toString('utf8');
      const lines = text.split('\n');
      // Drop BayernID, rename BundID.
      const edited = lines
        .filter((l) => !l.startsWith('bayernid,'))
        .map((l) =>
          l.startsWith('bundid,BundID,') ? l.replace('bundid,BundID,', 'bundid,BundID (DeutschlandID),') : l,
        )
        .join('\n');
      const report = await ensureConnectableServices(
        t.dataSource,
        { name: 'edited.csv', buffer: Buffer.from(edited, 'utf8') },
        SYSTEM,
      );
      expect(report?.counts).toEqual({ rows: 15, created: 0, updated: 1, unchanged: 14, deactivated: 1 });
      const bayernid = await t.dataSource.manager.findOneByOrFail(ConnectableService, { code: 'bayernid' });
      expect(bayernid.isActive).toBe(false);
      expect(await t.dataSource.manager.find(ServiceConnection)).toEqual(haarBefore);
      // The retired service still shows where a connection points at it, and can only be removed.
      const haar = await request(t.app).get('/api/municipalities/09184118/connections').set('Authorization', reader);
      const line = haar.body.services.find((l: { service: { code: string } }) => l.service.code === 'bayernid');
      expect(line).toMatchObject({ service: { active: false }, connection: { status: 'interest' } });
      const one = await request(t.app)
        .get('/api/municipalities/09184118/connections/bayernid')
        .set('Authorization', reader);
      const change = await put('09184118', 'bayernid', { status: 'live' }, editorLandkreis, one.headers.etag);
      expect(change.status).toBe(409);
      expect(change.body.detail).toMatch(/nicht mehr angeboten/);
    });
  });
});
