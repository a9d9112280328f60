/**
 * Responsibility rules as data users change: the API, the CSV/XLSX import (dry run,
 * all-or-nothing, idempotent, audited), the export that imports again, the CLI, and what a change
 * does to the next report and to snapshots already taken.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { AuditEvent, ResponsibilityRule } from '../../entities';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { createDataSource } from '../../ormconfig';
import { buildGapReport } from '../../reports/gaps/report';
import { listSnapshots, takeSnapshot } from '../../reports/gaps/snapshots';
import { createCliDatabase, runCli } from '../helpers/cli';
import { buildWorld } from '../helpers/ozg-world';
import { createTestApp, type TestApp } from '../helpers/test-app';

const HEADER = 'leistungsschluessel,ozg_id,typ,land,level,task_group,reason,source';

describe('responsibility rules API and import', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;
  const kfz = async () =>
    (await buildGapReport(t.dataSource.manager, '09', { target: DEFAULT_TARGET })).ozgLeistungen.find(
      (r) => r.ozgId === 10200,
    );

  beforeAll(async () => {
    t = await createTestApp();
    await buildWorld(t.dataSource);
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  it('lists the rules with reason, source and origin', async () => {
    const res = await request(t.app).get('/api/responsibility-rules').set('Authorization', reader);
    expect(res.status).toBe(200);
    expect(res.body.rules).toContainEqual(
      expect.objectContaining({ ozgId: 10200, level: 'kreis', taskGroup: 'verkehr', origin: 'user' }),
    );
    expect(res.body.completeZustaendigkeit).toEqual([]);
  });

  it('refuses a rule without the task group its level needs, and a reader', async () => {
    const bad = await request(t.app)
      .put('/api/responsibility-rules')
      .set('Authorization', admin)
      .send({ ozgId: 10200, level: 'gemeinde', reason: 'Test' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ pointer: '#/taskGroup' }));
    const forbidden = await request(t.app)
      .put('/api/responsibility-rules')
      .set('Authorization', reader)
      .send({ ozgId: 10200, level: 'bund', reason: 'Test' });
    expect(forbidden.status).toBe(403);
  });

  it('changes the next report, audits the change, and leaves snapshots already taken alone', async () => {
    await takeSnapshot(t.dataSource, '09', undefined, new Date('2026-11-20T12:00:00Z'));
    expect((await kfz())?.responsibleUnits).toBe(2);
    const res = await request(t.app)
      .put('/api/responsibility-rules')
      .set('Authorization', admin)
      .send({ ozgId: 10200, landKey: '09', level: 'land', reason: 'Testland: Landesamt', source: 'Testgesetz § 1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ozgId: 10200, landKey: '09', level: 'land', origin: 'user' });
    expect((await kfz())?.responsibleUnits ?? 0).toBe(0);
    const audit = await t.dataSource.manager.findOneByOrFail(AuditEvent, { entityKey: 'ozg:10200@09' });
    expect(audit).toMatchObject({ action: 'responsibility-rule.created', entityType: 'responsibility-rule' });
    const [snapshot] = await listSnapshots(t.dataSource.manager, '09', DEFAULT_TARGET, 10200);
    expect(snapshot.ozg?.responsibleUnits).toBe(2);

    const removed = await request(t.app).delete('/api/responsibility-rules/ozg:10200@09').set('Authorization', admin);
    expect(removed.status).toBe(204);
    expect((await kfz())?.responsibleUnits).toBe(2);
    const missing = await request(t.app).delete('/api/responsibility-rules/ozg:10200@09').set('Authorization', admin);
    expect(missing.status).toBe(404);
  });

  it('exports rules that import again unchanged; a changed file is dry-run, then written once', async () => {
    const csv = await request(t.app).get('/api/responsibility-rules/export?format=csv').set('Authorization', reader);
    expect(csv.status).toBe(200);
    const text = csv.text.replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/)[0]).toMatch(/^leistungsschluessel[,;]ozg_id/);
    const upload = (body: string, query = '') =>
      request(t.app)
        .post(`/api/imports/responsibility-rules${query}`)
        .set('Authorization', admin)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(body));
    const same = await upload(text);
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ status: 'succeeded', unchanged: true, counts: { created: 0, updated: 0 } });

    const changed = `${HEADER}\n,10200,,,gemeinde,ordnung,Testweise Gemeindeaufgabe.,Test\n`;
    const dry = await upload(changed, '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, counts: { updated: 1, created: 0 } });
    expect((await kfz())?.responsibleUnits).toBe(2);
    const real = await upload(changed);
    expect(real.body).toMatchObject({ status: 'succeeded', counts: { updated: 1 } });
    expect((await kfz())?.responsibleUnits).toBe(4); // the kreisfreie Stadt and the three Gemeinden
    expect((await upload(changed)).body).toMatchObject({ unchanged: true });
    const events = await t.dataSource.manager.countBy(AuditEvent, { action: 'responsibility-rule.updated' });
    expect(events).toBe(1);
  });

  it('rejects a file with any error whole, naming row and column', async () => {
    const before = await t.dataSource.manager.count(ResponsibilityRule);
    const res = await request(t.app)
      .post('/api/imports/responsibility-rules')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(
        Buffer.from(
          `${HEADER}\n,10160,,,kreis,abfall,Gut.,Quelle\n,10119,,,staat,,Falsch.,Quelle\n99000000000003,10200,,,kreis,verkehr,,\n`,
        ),
      );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'level' }),
        expect.objectContaining({ row: 4, column: 'reason' }),
      ]),
    );
    expect(await t.dataSource.manager.count(ResponsibilityRule)).toBe(before);
  });

  it('imports Land law on delegation, and marks a Land complete', async () => {
    const res = await request(t.app)
      .post('/api/imports/responsibility-rules')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(
        Buffer.from(
          'land,unit_type,task_group,carrier,reason,source\n09,54,buergeramt,verband,Art. 4 VGemO.,Art. 4 VGemO\n',
        ),
      );
    expect(res.body).toMatchObject({ kind: 'task-delegation', counts: { created: 1 } });
    const list = await request(t.app).get('/api/responsibility-rules/delegation').set('Authorization', reader);
    expect(list.body).toEqual([expect.objectContaining({ landKey: '09', unitType: '54', carrier: 'verband' })]);
    const mark = await request(t.app)
      .put('/api/responsibility-rules/zustaendigkeit-complete/09')
      .set('Authorization', admin)
      .send({ complete: true });
    expect(mark.status).toBe(204);
    const rules = await request(t.app).get('/api/responsibility-rules').set('Authorization', reader);
    expect(rules.body.completeZustaendigkeit).toEqual([expect.objectContaining({ landKey: '09' })]);
  });
});

describe('rules CLI', () => {
  it('exports and imports the rule table', async () => {
    const db = await createCliDatabase();
    try {
      const dataSource = createDataSource(db.config);
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await buildWorld(dataSource);
      await dataSource.destroy();
      const dir = mkdtempSync(path.join(tmpdir(), 'rules-'));
      const file = path.join(dir, 'regeln.csv');
      const exported = await runCli(db.url, ['rules', 'export', file]);
      expect(exported.exitCode).toBe(0);
      expect(exported.stdout).toMatch(/4 Einträge/);
      // The export is German Excel's CSV (semicolons, BOM): a line added as Excel would write it.
      writeFileSync(file, `${readFileSync(file, 'utf8')};10160;;05;kreis;abfall;Test.;Test;\r\n`);
      const dry = await runCli(db.url, ['rules', 'import', file, '--dry-run']);
      expect(dry.exitCode).toBe(0);
      expect(dry.stdout).toMatch(/Probelauf/);
      const real = await runCli(db.url, ['rules', 'import', file]);
      expect(real.exitCode).toBe(0);
      const again = await runCli(db.url, ['rules', 'export', file, '--delegation']);
      expect(again.stdout).toMatch(/0 Einträge/);
      const check = createDataSource(db.config);
      await check.initialize();
      expect(await check.manager.countBy(ResponsibilityRule, { landKey: '05', ozgScope: 10160 })).toBe(1);
      await check.destroy();
    } finally {
      await db.cleanup();
    }
  });
});
