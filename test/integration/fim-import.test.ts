/**
 * The FIM importer on a real database: every real sample in ../shared/fim-samples and the
 * XZuFi fixtures, re-imports, conflicts, new versions, loesche, hostile input and atomicity.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { bufferSource, fimSourcesFromPaths } from '../../importers/fim/fim-sources';
import { importFim } from '../../importers/fim/fim.importer';
import type { ImportReport } from '../../importers/import-report';
import { cliPrincipal } from '../../lib/principal';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { SAMPLES_DIR, XZUFI_FIXTURES_DIR, readXzufiFixture } from '../unit/fim/fim-test-helpers';

const actor = { principal: cliPrincipal(), requestId: null };
const MAX = 20 * 1024 * 1024;

interface FileDetail {
  file: string;
  format: string | null;
  version: string | null;
  messageType: string | null;
  status: string;
  counts: Record<string, number>;
  objects: Record<string, Record<string, number>>;
}

function files(report: ImportReport): FileDetail[] {
  return (report.details?.files ?? []) as FileDetail[];
}

function fileOf(report: ImportReport, name: string): FileDetail {
  const found = files(report).find((f) => f.file === name);
  if (!found) throw new Error(`no file ${name} in report`);
  return found;
}

async function importBuffers(dataSource: DataSource, entries: [string, string | Buffer][], dryRun = false) {
  return importFim(dataSource, {
    sources: entries.map(([name, content]) => bufferSource(name, Buffer.from(content))),
    maxBytes: MAX,
    dryRun,
    actor,
  });
}

async function countRows(dataSource: DataSource, table: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT COUNT(*) AS "n" FROM "${table}"`);
  return Number(row.n);
}

const FIM_TABLES = [
  'fim_leistungen',
  'fim_leistung_keys',
  'fim_onlinedienste',
  'fim_zustaendigkeiten',
  'fim_zustaendigkeit_gebiete',
  'fim_data_elements',
  'fim_data_structure',
  'fim_schema_leistungen',
  'leistungen',
];

async function tableCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of FIM_TABLES) out[table] = await countRows(dataSource, table);
  return out;
}

const xzufi = (body: string, ns = 'http://xoev.de/schemata/xzufi/2_2_0') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<x:xzufi.transfer xmlns:x="${ns}">${body}</x:xzufi.transfer>`;
const leistung = (id: string, key: string, name: string) =>
  `<x:schreibe><x:leistung><x:id schemeAgencyID="L1">${id}</x:id><x:referenzLeiKa><code>${key}</code></x:referenzLeiKa>` +
  `<x:modulText><x:inhalt languageCode="de">${name}</x:inhalt><x:leikaTextmodul><code>02</code></x:leikaTextmodul></x:modulText>` +
  `<x:typisierung><code>3</code></x:typisierung></x:leistung></x:schreibe>`;

describe('FIM import', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.close());

  describe('the real XDatenfelder samples', () => {
    it('imports the whole sample folder, skipping the genericode code list, and stores the trees', async () => {
      const report = await importFim(db.dataSource, {
        sources: await fimSourcesFromPaths([SAMPLES_DIR]),
        maxBytes: MAX,
        actor,
      });
      expect(report.status).toBe('succeeded');
      expect(report.counts.files).toBe(9);
      expect(report.counts.filesSkipped).toBe(1);
      const codelist = fileOf(report, 'glykon_C05000073_genericode.xml');
      expect(codelist.status).toBe('skipped');
      expect(report.problems.find((p) => p.file === 'glykon_C05000073_genericode.xml')?.detail).toMatch(
        /genericode-Codeliste.*Übersprungen/,
      );

      const s364 = fileOf(report, 'bundt_S00000000364_schema.xdf.xml');
      expect(s364).toMatchObject({ format: 'xdatenfelder', version: '3.0.0', messageType: 'stammdatenschema' });
      expect(s364.objects.schemas.created).toBe(1);
      expect(s364.objects.felder.created).toBe(9);
      expect(s364.objects.gruppen.created).toBe(2);
      expect(s364.objects.regeln.created).toBe(1);

      const xdf2 = fileOf(report, 'glykon_S05000058V1.0_xdf2.xml');
      expect(xdf2).toMatchObject({ format: 'xdatenfelder', version: '2.0' });

      const [schema] = await db.dataSource.query(
        `SELECT "name", "status_code" AS "code", "status_label" AS "label", "xdf_version" AS "xdf" FROM "fim_data_elements" WHERE "fim_id" = 'S00000000364'`,
      );
      expect(schema).toEqual({
        name: 'Anzeige Entgegennahme Erstmalige Beschäftigung Heimarbeit',
        code: '6',
        label: 'fachlich freigegeben (gold)',
        xdf: '3.0.0',
      });
      const keys = await db.dataSource.query(
        `SELECT s."schluessel" AS "k" FROM "fim_schema_leistungen" s JOIN "fim_data_elements" e ON e."id" = s."element_id" WHERE e."fim_id" = 'S05000058' ORDER BY 1`,
      );
      expect(keys.map((r: { k: string }) => r.k)).toEqual(['99108001001000', '99108001020000']);
    });

    it('re-importing the same files changes nothing and says so', async () => {
      const sources = () => fimSourcesFromPaths([SAMPLES_DIR]);
      await importFim(db.dataSource, { sources: await sources(), maxBytes: MAX, actor });
      const before = await tableCounts(db.dataSource);
      const again = await importFim(db.dataSource, { sources: await sources(), maxBytes: MAX, actor });
      expect(again.status).toBe('succeeded');
      expect(again.unchanged).toBe(true);
      expect(again.counts.created).toBe(0);
      expect(again.counts.updated).toBe(0);
      expect(again.counts.unchanged).toBeGreaterThan(100);
      expect(await tableCounts(db.dataSource)).toEqual(before);
    });

    it('reports the same id and version with other content as a conflict and writes nothing of that file', async () => {
      const original = readFileSync(join(SAMPLES_DIR, 'bundt_S00000000364_schema.xdf.xml'), 'utf8');
      await importBuffers(db.dataSource, [['s364.xml', original]]);
      const before = await tableCounts(db.dataSource);
      const changed = original.replace(
        'Anzeige Entgegennahme Erstmalige Beschäftigung Heimarbeit',
        'Anzeige Entgegennahme Erstmalige Beschäftigung Heimarbeit (geändert)',
      );
      expect(changed).not.toBe(original);
      const other = readFileSync(join(SAMPLES_DIR, 'xmlstruct_xdf3.xml'));
      const report = await importBuffers(db.dataSource, [
        ['s364-changed.xml', changed],
        ['xmlstruct.xml', other],
      ]);
      expect(report.status).toBe('succeeded');
      expect(report.counts.conflicting).toBeGreaterThan(0);
      expect(fileOf(report, 's364-changed.xml').status).toBe('conflicting');
      expect(report.problems.some((p) => p.code === 'conflict' && /S00000000364 Version 1\.0\.0/.test(p.detail))).toBe(
        true,
      );
      // The other file of the run was written; the conflicting one not at all.
      expect(fileOf(report, 'xmlstruct.xml').counts.created).toBeGreaterThan(0);
      const [stored] = await db.dataSource.query(
        `SELECT "name" FROM "fim_data_elements" WHERE "fim_id" = 'S00000000364'`,
      );
      expect(stored.name).toBe('Anzeige Entgegennahme Erstmalige Beschäftigung Heimarbeit');
      const after = await tableCounts(db.dataSource);
      expect(after.fim_data_elements).toBeGreaterThan(before.fim_data_elements);
    });

    it('undoes every batch of a large schema whose conflict comes last, and the next file starts afresh', async () => {
      const XDF3 = 'urn:xoev-de:fim:standard:xdatenfelder_3.0.0';
      const feld = (id: string, name: string) =>
        `<x:struktur><x:anzahl>1:1</x:anzahl><x:enthaelt><x:datenfeld><x:identifikation><x:id>${id}</x:id>` +
        `<x:version>1.0.0</x:version></x:identifikation><x:name>${name}</x:name><x:feldart><code>input</code></x:feldart>` +
        '</x:datenfeld></x:enthaelt></x:struktur>';
      const schema = (id: string, felder: string[]) =>
        `<x:xdatenfelder.stammdatenschema.0102 xmlns:x="${XDF3}"><x:stammdatenschema><x:identifikation><x:id>${id}</x:id>` +
        `<x:version>1.0.0</x:version></x:identifikation><x:name>Schema ${id}</x:name>${felder.join('\n')}` +
        '</x:stammdatenschema></x:xdatenfelder.stammdatenschema.0102>';
      await importBuffers(db.dataSource, [['alt.xml', schema('S1', [feld('F9999', 'Alt')])]]);
      const before = await tableCounts(db.dataSource);
      // Far more fields than one write batch holds; the conflicting field is the very last.
      const many = Array.from({ length: 1_300 }, (_, n) => feld(`F${n}`, `Feld ${n}`));
      const report = await importBuffers(db.dataSource, [
        ['gross.xml', schema('S2', [...many, feld('F9999', 'Neu')])],
        ['klein.xml', schema('S3', many.slice(0, 10))],
      ]);
      expect(report.status).toBe('succeeded');
      expect(fileOf(report, 'gross.xml')).toMatchObject({
        status: 'conflicting',
        counts: expect.objectContaining({ conflicting: 1, created: 0, skipped: 1_301 }),
      });
      // The small file's fields are new to the run: the big file's reading of them was undone.
      expect(fileOf(report, 'klein.xml').objects.felder).toMatchObject({ created: 10, unchanged: 0 });
      const after = await tableCounts(db.dataSource);
      expect(after.fim_data_elements - before.fim_data_elements).toBe(11);
      expect(after.fim_data_structure - before.fim_data_structure).toBe(10);
      const schemas = await db.dataSource.query(
        `SELECT "fim_id" AS "id" FROM "fim_data_elements" WHERE "kind" = 'stammdatenschema' ORDER BY "fim_id"`,
      );
      expect(schemas.map((r: { id: string }) => r.id)).toEqual(['S1', 'S3']);
    });

    it('reports progress through a schema, entry by entry, to its end', async () => {
      const file = join(SAMPLES_DIR, 'bundt_S05000001323_schema.xdf.xml');
      const calls: { total?: number; advanced: number; stopped: boolean } = { advanced: 0, stopped: false };
      await importFim(db.dataSource, {
        sources: await fimSourcesFromPaths([file]),
        maxBytes: MAX,
        actor,
        progress: {
          start: (total) => (calls.total = total),
          advance: (by = 1) => (calls.advanced += by),
          stop: () => (calls.stopped = true),
        },
      });
      // Every innermost struktur entry of the file: fewer than all its entries, as those holding a
      // group with entries of its own do not count.
      const xml = readFileSync(file, 'utf8');
      const entries = (xml.match(/<xdf3:struktur>/g) ?? []).length;
      expect(calls.total).toBeGreaterThan(0);
      expect(calls.total).toBeLessThan(entries);
      expect(calls).toEqual({ total: calls.total, advanced: calls.total, stopped: true });
    });

    it('adds a new version of a schema beside the old one', async () => {
      const original = readFileSync(join(SAMPLES_DIR, 'bundt_S00000000364_schema.xdf.xml'), 'utf8');
      await importBuffers(db.dataSource, [['v1.xml', original]]);
      // The schema's own version (the first <xdf3:version> after its id) becomes 1.1.0.
      const v11 = original.replace(
        /(<xdf3:stammdatenschema>\s*<xdf3:identifikation>\s*<xdf3:id>S00000000364<\/xdf3:id>\s*<xdf3:version>)1\.0\.0/,
        '$11.1.0',
      );
      expect(v11).not.toBe(original);
      const report = await importBuffers(db.dataSource, [['v11.xml', v11]]);
      expect(report.status).toBe('succeeded');
      expect(fileOf(report, 'v11.xml').objects.schemas.created).toBe(1);
      expect(fileOf(report, 'v11.xml').objects.felder.unchanged).toBe(9);
      const versions = await db.dataSource.query(
        `SELECT "version" FROM "fim_data_elements" WHERE "fim_id" = 'S00000000364' ORDER BY "version"`,
      );
      expect(versions.map((r: { version: string }) => r.version)).toEqual(['1.0.0', '1.1.0']);
    });
  });

  describe('XZuFi transfer messages', () => {
    it('imports Leistungen, Onlinedienste and Zuständigkeiten of the 2.2.0 fixture, keyed by Leistungsschlüssel', async () => {
      const report = await importBuffers(db.dataSource, [['x22.xml', readXzufiFixture('xzufi-2.2.0-transfer.xml')]]);
      expect(report.status).toBe('succeeded');
      const file = fileOf(report, 'x22.xml');
      expect(file).toMatchObject({ format: 'xzufi', version: '2.2.0', messageType: 'xzufi.transfer' });
      expect(file.objects.leistungen).toMatchObject({ created: 2 });
      expect(file.objects.onlinedienste).toMatchObject({ created: 1 });
      expect(file.objects.zustaendigkeiten).toMatchObject({ created: 2 });
      // loesche of a Leistung that was never imported: skipped, with a warning.
      expect(file.objects.leistungen.skipped).toBe(1);
      expect(report.problems.some((p) => p.code === 'unknown-object' && /8960000/.test(p.detail))).toBe(true);

      const leistungen = await db.dataSource.query(
        'SELECT "schluessel", "name", "name2", "typisierung", "typisierung_source" AS "source", "from_fim" AS "fim", "is_active" AS "active" FROM "leistungen" ORDER BY "schluessel"',
      );
      expect(leistungen.map((l: { schluessel: string }) => l.schluessel)).toEqual([
        '99050012104000',
        '99050012104001',
        '99108001001000',
      ]);
      expect(leistungen[0]).toMatchObject({
        name: 'Personalausweis beantragen',
        name2: 'Personalausweis Ausstellung',
        typisierung: '2/3',
        source: 'fim',
      });
      expect(Boolean(leistungen[0].fim)).toBe(true);
      expect(Boolean(leistungen[1].fim)).toBe(true);
      const keys = await db.dataSource.query(
        `SELECT k."schluessel", k."position" FROM "fim_leistung_keys" k JOIN "fim_leistungen" f ON f."id" = k."fim_leistung_id" WHERE f."fim_id" = '8966541' ORDER BY k."position"`,
      );
      expect(keys.map((k: { schluessel: string }) => k.schluessel)).toEqual(['99050012104000', '99050012104001']);
      const gebiete = await db.dataSource.query('SELECT DISTINCT "ars" FROM "fim_zustaendigkeit_gebiete"');
      expect(gebiete.map((g: { ars: string }) => g.ars)).toEqual(['091620000000']);
    });

    it('reads all three XZuFi versions and imports them again without change', async () => {
      const fixtures = await fimSourcesFromPaths([XZUFI_FIXTURES_DIR]);
      const first = await importFim(db.dataSource, { sources: fixtures, maxBytes: MAX, actor });
      expect(first.status).toBe('succeeded');
      expect(files(first).map((f) => f.version)).toEqual(['2.1.0', '2.2.0', '2.3.1']);
      const before = await tableCounts(db.dataSource);
      const again = await importFim(db.dataSource, {
        sources: await fimSourcesFromPaths([XZUFI_FIXTURES_DIR]),
        maxBytes: MAX,
        actor,
      });
      expect(again.unchanged).toBe(true);
      expect(again.counts.created + again.counts.updated).toBe(0);
      expect(await tableCounts(db.dataSource)).toEqual(before);
    });

    it('updates a changed Leistung in place and deactivates on loesche without destroying history', async () => {
      await importBuffers(db.dataSource, [
        ['a.xml', xzufi(leistung('100', '99123456789000', 'Hundesteuer Anmeldung'))],
      ]);
      const update = await importBuffers(db.dataSource, [
        ['b.xml', xzufi(leistung('100', '99123456789000', 'Hundesteuer anmelden'))],
      ]);
      expect(fileOf(update, 'b.xml').objects.leistungen).toMatchObject({ updated: 1, created: 0 });
      const [renamed] = await db.dataSource.query(
        `SELECT "name" FROM "leistungen" WHERE "schluessel" = '99123456789000'`,
      );
      expect(renamed.name).toBe('Hundesteuer anmelden');

      const deletion = await importBuffers(db.dataSource, [
        ['c.xml', xzufi('<x:loesche klasse="Leistung"><x:id schemeAgencyID="L1">100</x:id></x:loesche>')],
      ]);
      expect(fileOf(deletion, 'c.xml').objects.leistungen).toMatchObject({ deactivated: 1 });
      const [description] = await db.dataSource.query(
        `SELECT "is_active" AS "active", "deactivated_at" AS "at" FROM "fim_leistungen" WHERE "fim_id" = '100'`,
      );
      expect(Boolean(description.active)).toBe(false);
      expect(description.at).not.toBeNull();
      const [flags] = await db.dataSource.query(
        `SELECT "from_fim" AS "fim", "is_active" AS "active" FROM "leistungen" WHERE "schluessel" = '99123456789000'`,
      );
      expect(Boolean(flags.fim)).toBe(false);
      expect(Boolean(flags.active)).toBe(false);

      const again = await importBuffers(db.dataSource, [
        ['c.xml', xzufi('<x:loesche klasse="Leistung"><x:id schemeAgencyID="L1">100</x:id></x:loesche>')],
      ]);
      expect(again.unchanged).toBe(true);
    });

    it('keeps the catalogue Typisierung when a description has none, and takes FIM names', async () => {
      await db.dataSource.query(
        `INSERT INTO "leistungen" ("schluessel", "name", "name_search", "typisierung", "typisierung_source", "ozg_id", "in_catalogue", "from_fim", "is_active")
         VALUES ('99000000000042', 'Katalogname', 'katalogname', '2/3', 'catalogue', 10119, TRUE, FALSE, TRUE)`,
      );
      const untyped = xzufi(leistung('42', '99000000000042', 'FIM-Name')).replace(
        '<x:typisierung><code>3</code></x:typisierung>',
        '',
      );
      const report = await importBuffers(db.dataSource, [['untyped.xml', untyped]]);
      expect(fileOf(report, 'untyped.xml').objects.leistungen).toMatchObject({ created: 1 });
      const [row] = await db.dataSource.query(
        `SELECT "name", "typisierung", "typisierung_source" AS "source", "in_catalogue" AS "cat", "ozg_id" AS "ozg" FROM "leistungen" WHERE "schluessel" = '99000000000042'`,
      );
      expect(row).toMatchObject({ name: 'FIM-Name', typisierung: '2/3', source: 'catalogue' });
      expect(Number(row.ozg)).toBe(10119);
      expect(Boolean(row.cat)).toBe(true);
    });

    it('applies blocks in document order: schreibe then loesche of the same Leistung ends inactive', async () => {
      const report = await importBuffers(db.dataSource, [
        [
          'order.xml',
          xzufi(
            leistung('7', '99000000000007', 'Erst geschrieben') +
              '<x:loesche klasse="Leistung"><x:id schemeAgencyID="L1">7</x:id></x:loesche>',
          ),
        ],
      ]);
      expect(fileOf(report, 'order.xml').objects.leistungen).toMatchObject({ created: 1, deactivated: 1 });
      const [row] = await db.dataSource.query(
        `SELECT "is_active" AS "active" FROM "fim_leistungen" WHERE "fim_id" = '7'`,
      );
      expect(Boolean(row.active)).toBe(false);
    });

    it('a dry run counts what would change and writes nothing but its run record', async () => {
      const report = await importBuffers(
        db.dataSource,
        [['x22.xml', readXzufiFixture('xzufi-2.2.0-transfer.xml')]],
        true,
      );
      expect(report).toMatchObject({ status: 'succeeded', dryRun: true });
      expect(report.counts.created).toBe(5);
      expect(await countRows(db.dataSource, 'fim_leistungen')).toBe(0);
      expect(await countRows(db.dataSource, 'leistungen')).toBe(0);
      expect(await countRows(db.dataSource, 'import_runs')).toBe(1);
    });
  });

  describe('bad input writes nothing', () => {
    const good = () => ['good.xml', xzufi(leistung('1', '99000000000001', 'Gut'))] as [string, string];
    const cases: [string, string, string][] = [
      ['not well-formed XML', xzufi('<x:schreibe><x:leistung></x:schreibe>'), 'not-well-formed'],
      [
        'a DOCTYPE with an entity declaration',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x:xzufi.transfer xmlns:x="http://xoev.de/schemata/xzufi/2_2_0">&e;</x:xzufi.transfer>',
        'doctype-forbidden',
      ],
      ['an unknown root namespace', '<root xmlns="urn:example:other"><a/></root>', 'unknown-format'],
      [
        'nesting deeper than the limit',
        xzufi(`<x:schreibe>${'<x:a>'.repeat(80)}${'</x:a>'.repeat(80)}</x:schreibe>`),
        'too-deep',
      ],
      [
        'a Leistungsschlüssel that is not 14 digits',
        xzufi(leistung('2', '9900000000002', 'Kaputt')),
        'invalid-leistungsschluessel',
      ],
    ];
    it.each(cases)('%s: the run is rejected with the problem and its location', async (_name, xml, code) => {
      const report = await importBuffers(db.dataSource, [good(), ['bad.xml', xml]]);
      expect(report.status).toBe('rejected');
      const problem = report.problems.find((p) => p.severity === 'error');
      expect(problem).toMatchObject({ code, file: 'bad.xml' });
      expect(problem?.line !== undefined || problem?.path !== undefined).toBe(true);
      expect(fileOf(report, 'bad.xml').status).toBe('rejected');
      // The good file of the same run was not written either: one run, one transaction.
      expect(await tableCounts(db.dataSource)).toEqual(Object.fromEntries(FIM_TABLES.map((t) => [t, 0])));
      expect(await countRows(db.dataSource, 'import_runs')).toBe(1);
    });

    it('refuses a file over the size limit before reading it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fim-'));
      try {
        const path = join(dir, 'big.xml');
        writeFileSync(path, xzufi(leistung('1', '99000000000001', 'x'.repeat(5000))));
        const report = await importFim(db.dataSource, {
          sources: await fimSourcesFromPaths([path]),
          maxBytes: 1000,
          actor,
        });
        expect(report.status).toBe('rejected');
        expect(report.problems[0]).toMatchObject({ code: 'too-large', file: 'big.xml' });
        expect(await countRows(db.dataSource, 'fim_leistungen')).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('keeps the previous data intact when a later run fails', async () => {
      await importBuffers(db.dataSource, [good()]);
      const before = await tableCounts(db.dataSource);
      const report = await importBuffers(db.dataSource, [
        ['update.xml', xzufi(leistung('1', '99000000000001', 'Neu'))],
        ['bad.xml', '<kaputt'],
      ]);
      expect(report.status).toBe('rejected');
      expect(await tableCounts(db.dataSource)).toEqual(before);
      const [row] = await db.dataSource.query(`SELECT "name" FROM "leistungen" WHERE "schluessel" = '99000000000001'`);
      expect(row.name).toBe('Gut');
    });
  });
});
