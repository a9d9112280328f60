import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AuditEvent, ImportRun, Region } from '../../entities';
import type { ImportReport } from '../../importers/import-report';
import { importRegions } from '../../importers/regions.importer';
import { cliPrincipal } from '../../lib/principal';
import { mapSuccessor } from '../../services/region-successor.service';
import { createCliDatabase, runCli, type CliDatabase } from '../helpers/cli';
import { createTestApp, type TestApp } from '../helpers/test-app';

const DATA = path.resolve(__dirname, '../../../shared/data');
const FILE_2023 = path.join(DATA, 'GV100AD_301123.txt');
const FILE_2025 = path.join(DATA, 'GV100AD_31082025.txt');
const actor = { principal: cliPrincipal(), requestId: null };

function importFile(dataSource: DataSource, file: string, dryRun = false): Promise<ImportReport> {
  return importRegions(dataSource, { buffer: readFileSync(file), sourceName: path.basename(file), dryRun, actor });
}

async function auditActions(dataSource: DataSource, importRunId: number | null): Promise<Record<string, number>> {
  const events = await dataSource.getRepository(AuditEvent).findBy({ importRunId: importRunId as number });
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.action] = (counts[e.action] ?? 0) + 1;
  return counts;
}

/** A file of the first lines of the 2025 edition with the third line cut short. */
function brokenFile(): Buffer {
  const lines = readFileSync(FILE_2025, 'utf8').split('\n').slice(0, 5);
  lines[2] = lines[2].slice(0, 150);
  return Buffer.from(lines.join('\n'), 'utf8');
}

describe('regions import: 2023 edition, inventory, then 2025 edition', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;
  let first: ImportReport;
  let second: ImportReport;
  let again: ImportReport;

  const put = (ags: string, code: string, body: object) =>
    request(t.app).put(`/api/municipalities/${ags}/components/${code}`).set('Authorization', admin).send(body);
  const components = async (ags: string) =>
    (await request(t.app).get(`/api/municipalities/${ags}/components`).set('Authorization', reader)).body
      .components as {
      component: string;
      status: string;
      product: string | null;
    }[];
  const history = async (ags: string) =>
    (
      (await request(t.app).get(`/api/municipalities/${ags}/history`).set('Authorization', reader)).body.items as {
        action: string;
      }[]
    ).map((e) => e.action);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
    first = await importFile(t.dataSource, FILE_2023);
    // Inventory for Gemeinden that the 2025 edition no longer lists (mergers in MV and Thüringen).
    expect((await put('13071017', 'epayment', { status: 'in-use', product: 'ePayBL' })).status).toBe(201);
    expect((await put('16061097', 'epayment', { status: 'in-use', product: 'ePayBL' })).status).toBe(201);
    expect((await put('16061097', 'form-server', { status: 'planned' })).status).toBe(201);
    expect((await put('16076004', 'search', { status: 'in-use' })).status).toBe(201);
    expect((await put('16076004', 'chatbot', { status: 'planned' })).status).toBe(201);
    second = await importFile(t.dataSource, FILE_2025);
    again = await importFile(t.dataSource, FILE_2025);
  });
  afterAll(() => t.close());

  it('loads the 2023 edition into the empty table without per-region audit events', async () => {
    expect(first).toMatchObject({ kind: 'regions', status: 'succeeded', unchanged: false, problems: [] });
    expect(first.counts).toMatchObject({ records: 16_035, gemeinde: 10_981, added: 16_035 - 3_392, retired: 0 });
    expect(first.details).toMatchObject({ gebietsstand: '2023-11-30', firstLoad: true, encoding: 'utf-8' });
    // One summary event for the run (issue 12, finding 16), none per region.
    expect(await auditActions(t.dataSource, first.importRunId)).toEqual({ 'regions.imported': 1 });
    const [summary] = await t.dataSource.getRepository(AuditEvent).findBy({ importRunId: first.importRunId as number });
    expect(summary).toMatchObject({ entityType: 'import-run', entityKey: String(first.importRunId), actorKind: 'cli' });
    expect(summary.after).toMatchObject({
      gebietsstand: '2023-11-30',
      firstLoad: true,
      counts: { added: 16_035 - 3_392 },
    });
  });

  it('retires the Gemeinden the 2025 edition no longer lists, keeping their records and history', async () => {
    expect(second.counts).toMatchObject({ gemeinde: 10_952, retired: 35, retiredWithInventory: 3, reactivated: 0 });
    const perLevel = (second.details?.perLevel ?? {}) as Record<string, Record<string, number>>;
    expect(perLevel.gemeinde).toMatchObject({ inFile: 10_952, added: 3, renamed: 13, retired: 32, reactivated: 0 });
    expect(second.details?.retired).toContainEqual({
      key: '13071017',
      level: 'gemeinde',
      name: 'Breest',
      hasInventory: true,
      componentRecords: 1,
    });

    const breest = await request(t.app).get('/api/regions/13071017');
    expect(breest.body).toMatchObject({
      current: false,
      retiredGebietsstand: '2025-08-31',
      gebietsstand: '2023-11-30',
    });
    expect((await components('13071017')).map((c) => c.component)).toEqual(['epayment']);
    expect(await history('13071017')).toEqual(['region.retired', 'component-record.created']);
    expect(
      (
        await request(t.app)
          .get('/api/regions?q=Breest')
          .then((r) => r.body.items)
      ).length,
    ).toBe(0);
    expect(
      (
        await request(t.app)
          .get('/api/regions?q=Breest&includeRetired=true')
          .then((r) => r.body.items)
      ).length,
    ).toBe(1);
  });

  it('adds the 3 new Gemeinden and renames 13 in place, with audit events', async () => {
    expect(second.details?.added).toEqual(
      expect.arrayContaining([
        { key: '07232503', level: 'gemeinde', name: 'Obergeckler' },
        { key: '16061119', level: 'gemeinde', name: 'Uder' },
        { key: '16076094', level: 'gemeinde', name: 'Berga-Wünschendorf, Stadt' },
      ]),
    );
    expect(second.details?.renamed).toContainEqual({
      key: '09184123',
      level: 'gemeinde',
      from: 'Haar',
      to: 'Haar, St',
    });
    const haar = await request(t.app).get('/api/regions/09184123');
    expect(haar.body).toMatchObject({ name: 'Haar, St', current: true, gebietsstand: '2025-08-31' });
    expect(await auditActions(t.dataSource, second.importRunId)).toEqual({
      'region.added': 4,
      'region.renamed': 19,
      'region.retired': 35,
      // Asbach-Sickenberg, Dietzenrode/Vatterode (VG Uder → EG Uder), Südeichsfeld, Unstrut-Hainich
      // (their Verwaltungsgemeinschaft dissolved: verbandsfrei), Unterbodnitz (to another Verband).
      'region.ars-changed': 5,
      'regions.imported': 1,
    });
  });

  it('changes nothing when the same edition is imported again', async () => {
    expect(again).toMatchObject({ status: 'succeeded', unchanged: true });
    expect(again.counts).toMatchObject({ added: 0, changed: 0, retired: 0, unchanged: 12_612 });
    expect(await auditActions(t.dataSource, again.importRunId)).toEqual({});
  });

  it('computes a dry run of the older edition without writing, and warns that it is older', async () => {
    const dry = await importFile(t.dataSource, FILE_2023, true);
    expect(dry).toMatchObject({ dryRun: true, status: 'succeeded' });
    expect(dry.counts).toMatchObject({ reactivated: 35, retired: 4 });
    expect(dry.problems).toEqual([
      expect.objectContaining({ severity: 'warning', detail: expect.stringMatching(/älter/) }),
    ]);
    expect((await request(t.app).get('/api/regions/13071017')).body.current).toBe(false);
    expect((await request(t.app).get('/api/regions/16061119')).body.current).toBe(true);
    const run = await t.dataSource.getRepository(ImportRun).findOneByOrFail({ id: dry.importRunId as number });
    expect(run).toMatchObject({ kind: 'regions', dryRun: true, status: 'succeeded' });
  });

  it('rejects a broken file with line numbers and writes nothing but the run record', async () => {
    const before = await t.dataSource.getRepository(Region).count();
    const report = await importRegions(t.dataSource, { buffer: brokenFile(), sourceName: 'kaputt.txt', actor });
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual([expect.objectContaining({ severity: 'error', row: 3, column: 'Zeilenlänge' })]);
    expect(await t.dataSource.getRepository(Region).count()).toBe(before);
    const run = await t.dataSource.getRepository(ImportRun).findOneByOrFail({ id: report.importRunId as number });
    expect(run.status).toBe('rejected');
  });

  it('moves the records of a retired Gemeinde to its successor, keeping what the successor has', async () => {
    expect((await put('16061119', 'form-server', { status: 'in-use', product: 'Form-Solutions' })).status).toBe(201);
    const post = (body: object) =>
      request(t.app).post('/api/regions/16061097/successor').set('Authorization', admin).send(body);
    // Both have a form server record: nothing happens until the admin says which one stays.
    const refused = await post({ successor: '16061119', mode: 'move' });
    expect(refused.status).toBe(409);
    expect(refused.body.unresolved).toEqual(['form-server']);
    const res = await post({ successor: '16061119', mode: 'move', resolutions: { 'form-server': 'successor' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: { key: '16061097', name: 'Uder', retiredGebietsstand: '2025-08-31' },
      to: { key: '16061119', name: 'Uder' },
      mode: 'move',
      dryRun: false,
      applied: true,
      transferred: { components: ['epayment'], offerings: [] },
      identical: { components: [], offerings: [] },
      conflicts: [{ kind: 'component', key: 'form-server', resolution: 'successor' }],
    });
    const successor = await components('16061119');
    expect(successor.map((c) => [c.component, c.status, c.product])).toEqual([
      ['form-server', 'in-use', 'Form-Solutions'],
      ['epayment', 'in-use', 'ePayBL'],
    ]);
    expect((await components('16061097')).map((c) => c.component)).toEqual(['form-server']);
    expect((await request(t.app).get('/api/regions/16061097')).body.successorKey).toBe('16061119');
    expect((await history('16061097'))[0]).toBe('region.successor-mapped');
    expect((await history('16061119'))[0]).toBe('region.records-moved-in');
  });

  it('copies the records with mode copy and leaves the old ones', async () => {
    const summary = await mapSuccessor(t.dataSource, { oldKey: '16076004', newKey: '16076094', mode: 'copy', actor });
    expect(summary.transferred.components.sort()).toEqual(['chatbot', 'search']);
    expect(summary.conflicts).toEqual([]);
    expect((await components('16076094')).map((c) => c.component).sort()).toEqual(['chatbot', 'search']);
    expect((await components('16076004')).map((c) => c.component).sort()).toEqual(['chatbot', 'search']);
    expect((await history('16076004'))[0]).toBe('region.successor-mapped');
    expect((await history('16076094'))[0]).toBe('region.records-copied-in');
  });

  it('lets only admins map successors: 403 for editors, 409 for a current region, 422 across levels', async () => {
    const editor = await t.bearer('editor', ['16']);
    const post = (key: string, body: object, auth = admin) =>
      request(t.app).post(`/api/regions/${key}/successor`).set('Authorization', auth).send(body);
    expect((await post('16061039', { successor: '16061119' }, editor)).status).toBe(403);
    const current = await post('09162000', { successor: '09184123' });
    expect(current.status).toBe(409);
    expect(current.body.detail).toMatch(/noch im aktuellen Gemeindeverzeichnis/);
    const acrossLevels = await post('16061028', { successor: '16061' });
    expect(acrossLevels.status).toBe(422);
    expect(acrossLevels.body.errors[0].pointer).toBe('#/successor');
    expect((await post('16061028', { successor: '16061999' })).status).toBe(404);
    expect((await post('16061028', { successor: '16061119', mode: 'swap' })).status).toBe(422);
  });

  it('finds regions by AGS, ARS, padded Kreis ARS, parent and name', async () => {
    const muenchen = await request(t.app).get('/api/regions/09162000');
    expect(muenchen.status).toBe(200);
    expect(muenchen.body).toMatchObject({
      name: 'München, Landeshauptstadt',
      ars: '091620000000',
      kreisKey: '09162',
      population: 1_505_005,
    });
    expect((await request(t.app).get('/api/regions/091620000000')).body.key).toBe('09162000');
    expect((await request(t.app).get('/api/regions/091840000000')).body).toMatchObject({
      key: '09184',
      level: 'kreis',
      name: 'München',
    });

    const keys: string[] = [];
    let url: string | null = '/api/regions?level=gemeinde&parent=09184&limit=10';
    while (url) {
      const page: request.Response = await request(t.app).get(url);
      expect(page.status).toBe(200);
      keys.push(...page.body.items.map((r: { key: string }) => r.key));
      url = page.body.nextCursor
        ? `/api/regions?level=gemeinde&parent=09184&limit=10&cursor=${page.body.nextCursor}`
        : null;
    }
    // 29 Gemeinden and 3 gemeindefreie Gebiete (Forste) in the Landkreis München.
    expect(keys).toHaveLength(32);
    expect(new Set(keys).size).toBe(32);
    expect([...keys].sort()).toEqual(keys);

    const search = await request(t.app).get('/api/regions?q=muenchen&level=gemeinde');
    expect(search.body.items.map((r: { key: string }) => r.key)).toContain('09162000');
  });
});

describe('regions import: an older edition after a newer one', () => {
  let t: TestApp;
  let back: ImportReport;

  beforeAll(async () => {
    t = await createTestApp();
    await importFile(t.dataSource, FILE_2023);
    await importFile(t.dataSource, FILE_2025);
    back = await importFile(t.dataSource, FILE_2023);
  });
  afterAll(() => t.close());

  it('reactivates the regions of the older edition and retires the newer ones, with a warning', async () => {
    expect(back.status).toBe('succeeded');
    expect(back.problems).toEqual([
      expect.objectContaining({ severity: 'warning', detail: expect.stringMatching(/31\.08\.2025/) }),
    ]);
    expect(back.counts).toMatchObject({ reactivated: 35, retired: 4, added: 0 });
    expect(back.details?.reactivated).toContainEqual({
      key: '16061097',
      level: 'gemeinde',
      name: 'Uder',
      retiredGebietsstand: '2025-08-31',
    });

    const oldUder = await request(t.app).get('/api/regions/16061097');
    expect(oldUder.body).toMatchObject({ current: true, retiredGebietsstand: null, gebietsstand: '2023-11-30' });
    const newUder = await request(t.app).get('/api/regions/16061119');
    expect(newUder.body).toMatchObject({ current: false, retiredGebietsstand: '2023-11-30' });
    expect((await request(t.app).get('/api/regions/09184123')).body.name).toBe('Haar');
    expect(await auditActions(t.dataSource, back.importRunId)).toEqual({
      'region.reactivated': 35,
      'region.renamed': 19,
      'region.retired': 4,
      'region.ars-changed': 5,
      'regions.imported': 1,
    });
  });
});

describe('regions CLI', () => {
  let db: CliDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createCliDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-regions-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.cleanup();
  });

  it('exits with 1 and names the line when the file is broken', async () => {
    const file = path.join(dir, 'kaputt.txt');
    writeFileSync(file, brokenFile());
    const result = await runCli(db.url, ['import', 'regions', file]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/abgelehnt, nichts geschrieben/);
    expect(result.stdout).toMatch(/Fehler \(Zeile 3, Spalte Zeilenlänge\)/);
  });

  it('checks a file with --dry-run and refuses a successor for an unknown region', async () => {
    const dry = await runCli(db.url, ['import', 'regions', FILE_2025, '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(/Probelauf regions aus GV100AD_31082025\.txt: fehlerfrei, nichts geschrieben/);
    expect(dry.stdout).toMatch(/population: 83577140/);
    const successor = await runCli(db.url, ['regions', 'successor', '16061097', '16061119']);
    expect(successor.exitCode).toBe(1);
    expect(successor.stderr).toMatch(/Kein Gebiet mit dem Schlüssel 16061097/);
  });
});
