import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { ComponentRecord, Operator } from '../../entities';
import { referenceDataDir } from '../../lib/paths';
import { createDataSource } from '../../ormconfig';
import { createApp } from '../../server/app';
import { Database } from '../../entities/database';
import { componentsByCode } from '../../services/component.service';
import { createCliDatabase, runCli, type CliDatabase } from '../helpers/cli';
import { makeOperator } from '../helpers/factories';
import { testConfig } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

/**
 * The Saarland (six Kreise, 52 Gemeinden, one gemeindefreies Gebiet) cut from the shipped
 * Gemeindeverzeichnis and loaded through the project's own importer (`import regions`).
 */
function writeSaarlandGv100ad(dir: string): string {
  const lines = readFileSync(join(referenceDataDir, 'GV100AD_31082025.txt'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const file = join(dir, 'GV100AD_Saarland.txt');
  writeFileSync(file, `${lines.filter((line) => line.slice(10, 12) === '10').join('\r\n')}\r\n`);
  return file;
}

interface Snapshot {
  key: string;
  code: string;
  status: string;
  operator: string | null;
  product: string | null;
  note: string | null;
  source: string;
}

describe('demo data (CLI)', () => {
  let db: CliDatabase;
  let ds: DataSource;
  let handMadeOperator: Operator;
  let dir: string;

  async function snapshot(): Promise<Snapshot[]> {
    const rows = await ds
      .createQueryBuilder(ComponentRecord, 'cr')
      .innerJoin('cr.region', 'r')
      .innerJoin('cr.component', 'c')
      .leftJoin('cr.operator', 'o')
      .select([
        'r.key AS key',
        'c.code AS code',
        'cr.status AS status',
        'o.name AS operator',
        'cr.product AS product',
        'cr.note AS note',
        'cr.source AS source',
      ])
      .orderBy('r.key')
      .addOrderBy('c.code')
      .getRawMany<Snapshot>();
    return rows;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-demo-'));
    db = await createCliDatabase();
    expect((await runCli(db.url, ['db', 'migrate'])).exitCode).toBe(0);
    const imported = await runCli(db.url, ['import', 'regions', writeSaarlandGv100ad(dir)]);
    expect(imported.exitCode).toBe(0);
    ds = createDataSource(db.config);
    await ds.initialize();
    // Reference operators as seeded from the shipped list: a provider of the Land and an umbrella body.
    await makeOperator(ds, { name: 'eGo-Saar', type: 'municipal-provider', origin: 'reference', landKeys: ['10'] });
    await makeOperator(ds, {
      name: 'KDN – Dachverband (Test)',
      type: 'municipal-provider',
      origin: 'reference',
      landKeys: ['10'],
    });
    // A hand-made record: Gemeinde 10046113 runs a chatbot, recorded by a person.
    handMadeOperator = await makeOperator(ds, { name: 'Echte Chat GmbH', type: 'private-provider' });
    const chatbot = (await componentsByCode(ds.manager)).get('chatbot');
    const region = await ds.getRepository('Region').findOneByOrFail({ key: '10046113' });
    await ds.getRepository(ComponentRecord).insert({
      regionId: (region as { id: number }).id,
      componentId: chatbot?.id,
      status: 'in-use',
      operatorId: handMadeOperator.id,
      source: 'api',
    });
  });
  afterAll(async () => {
    await ds.destroy();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a labelled landscape, skips the Gemeinde with its own data, and reproduces it with the same seed', async () => {
    const first = await runCli(db.url, ['demo', 'load', '--land', '10', '--seed', '7']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/Demodaten für Saarland \(10\) geladen, Seed 7\./);
    expect(first.stdout).toMatch(/Übersprungen, weil dort echte Einträge stehen \(1\): 10046113/);
    const data = await snapshot();
    const demo = data.filter((r) => r.source === 'demo');
    expect(demo.length).toBeGreaterThan(150);
    expect(demo.every((r) => r.note?.startsWith('Demodaten'))).toBe(true);
    expect(demo[0].note).toMatch(/keine echte Angabe; die Zuordnung von Betreiber und Produkt ist erfunden\.$/);
    expect(demo.some((r) => r.key === '10046113' || r.key === '10042999')).toBe(false);
    expect(demo.some((r) => r.key.length === 5)).toBe(true);
    const demoOperators = new Set(demo.map((r) => r.operator).filter((o): o is string => o !== null));
    expect([...demoOperators].filter((name) => !name.endsWith(' (Demo)'))).toEqual(['eGo-Saar']);
    expect(demoOperators.has('KDN – Dachverband (Test)')).toBe(false);

    const again = await runCli(db.url, ['demo', 'load', '--land', '10', '--seed', '7']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`ersetzte Demo-Einträge: ${demo.length}`));
    expect(await snapshot()).toEqual(data);

    expect((await runCli(db.url, ['demo', 'load', '--land', '10', '--seed', '8'])).exitCode).toBe(0);
    expect(await snapshot()).not.toEqual(data);
  });

  it('feeds the reports: the benchmark shows the survey distribution', async () => {
    const res = await runCli(db.url, ['report', 'benchmark', '--area', '10', '--format', 'json']);
    expect(res.exitCode).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.total.municipalities).toBe(52);
    expect(report.total.withData + report.total.noData).toBe(52);
    expect(Math.abs(report.total.shares.none - 16)).toBeLessThan(6);
    expect(Math.abs(report.total.shares.threePlus - 52)).toBeLessThan(6);

    const table = await runCli(db.url, ['report', 'opportunities', '--area', '10041']);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/^Chancen für gemeinsame Nutzung Regionalverband Saarbrücken\n/);
    expect(table.stdout).toMatch(/betreibt .* bereits für \d+ von 10 Gemeinden im Regionalverband Saarbrücken/);
  });

  it('labels demo data as such in the reports, on the Kommune page and in the matrix', async () => {
    const json = JSON.parse(
      (await runCli(db.url, ['report', 'landscape', '--area', '10041', '--format', 'json'])).stdout,
    );
    expect(json.demoData).toBe(true);
    expect(json.notes[0]).toMatch(/^Enthält Demodaten: .* Zuordnung zu Gemeinden erfunden\.$/);
    const demoCell = json.municipalities.flatMap((m: { cells: Record<string, unknown> }) =>
      Object.values(m.cells).filter(Boolean),
    )[0];
    expect(demoCell).toMatchObject({ demo: true });
    const table = await runCli(db.url, ['report', 'opportunities', '--area', '10041']);
    expect(table.stdout).toMatch(/\* Enthält Demodaten/);
    expect(table.stdout).toMatch(/Achtung, Demodaten: synthetisch erzeugt, die Zuordnung der Betreiber ist erfunden\./);

    const app = createApp({
      config: testConfig({ database: db.config }),
      db: Database.of(ds),
      logger: pino({ level: 'silent' }),
    });
    await makeUser(ds, 'leser', 'reader');
    const agent = await signedInAgent(app, 'leser');
    // A Gemeinde whose demo records name the real reference operator eGo-Saar.
    const [withReference] = await ds.query(
      `SELECT r.key AS key FROM component_records cr JOIN regions r ON r.id = cr.region_id
         JOIN operators o ON o.id = cr.operator_id
        WHERE cr.source = 'demo' AND o.name = 'eGo-Saar' AND r.level = 'gemeinde' ORDER BY r.key LIMIT 1`,
    );
    const kommune = await agent.get(`/kommunen/${withReference.key}`);
    expect(kommune.text).toContain('<strong>Demodaten:</strong>');
    expect(kommune.text).toContain('<span class="tag tag-demo">Demodaten</span>');
    expect(kommune.text).toMatch(
      /eGo-Saar \(kommunaler IT-Dienstleister\)<br><span class="hint">erfundene Zuordnung<\/span>/,
    );
    const real = await agent.get('/kommunen/10046113');
    expect(real.text).not.toContain('<strong>Demodaten:</strong>');
    const area = await agent.get('/gebiete/10041');
    expect(area.text).toContain('<strong>Demodaten:</strong>');
    expect(area.text).toMatch(/<\/a> <span class="tag tag-demo">Demodaten<\/span><\/th>/);
    expect(area.text).toContain(', Demodaten (erfunden)');
  });

  it('writes CSV and XLSX files with --output and refuses XLSX on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-report-'));
    try {
      const csv = join(dir, 'landschaft.csv');
      expect(
        (await runCli(db.url, ['report', 'landscape', '--area', '10', '--format', 'csv', '--output', csv])).exitCode,
      ).toBe(0);
      const bytes = readFileSync(csv);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(bytes.toString('utf8')).toMatch(/^\uFEFFEbene;Schlüssel;Name;Einwohner/);
      const xlsx = join(dir, 'landschaft.xlsx');
      expect(
        (await runCli(db.url, ['report', 'fragmentation', '--area', '10', '--format', 'xlsx', '--output', xlsx]))
          .exitCode,
      ).toBe(0);
      expect(existsSync(xlsx)).toBe(true);
      const refused = await runCli(db.url, ['report', 'landscape', '--area', '10', '--format', 'xlsx']);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toMatch(/--output/);
      const badArea = await runCli(db.url, ['report', 'landscape', '--area', '1']);
      expect(badArea.exitCode).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('demo clear removes exactly the demo records and demo-only operators', async () => {
    const res = await runCli(db.url, ['demo', 'clear']);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(/Demodaten entfernt: \d+ Einträge, \d+ Online-Angebote, \d+ Demo-Betreiber\./);
    expect(await snapshot()).toEqual([
      {
        key: '10046113',
        code: 'chatbot',
        status: 'in-use',
        operator: 'Echte Chat GmbH',
        product: null,
        note: null,
        source: 'api',
      },
    ]);
    const operators = await ds.getRepository(Operator).find();
    expect(operators.map((o) => o.name).sort()).toEqual(['Echte Chat GmbH', 'KDN – Dachverband (Test)', 'eGo-Saar']);
    const audit = await ds.query(`SELECT action, entity_key FROM audit_events WHERE entity_type = 'demo' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'demo.loaded',
      'demo.loaded',
      'demo.loaded',
      'demo.cleared',
    ]);
  });

  it('refuses an unknown Land and a malformed seed', async () => {
    expect((await runCli(db.url, ['demo', 'load', '--land', '99'])).stderr).toMatch(/Kein Gebiet mit dem Schlüssel 99/);
    expect((await runCli(db.url, ['demo', 'load', '--land', '10', '--seed', 'x'])).stderr).toMatch(/--seed/);
  });
});
