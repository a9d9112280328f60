/** Catalogue files with other headers: presets for publicly described layouts, and the user's own mapping. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { importOzgFiles } from '../../cli/import-ozg.command';
import { Leistung, OzgLeistung } from '../../entities';
import { parseCatalogueMapping } from '../../importers/ozg/ozg-mapping';
import { presetMapping } from '../../importers/ozg/ozg-presets';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { InputError } from '../../lib/errors';
import { cliPrincipal } from '../../lib/principal';
import { createCliDatabase, runCli, type CliDatabase } from '../helpers/cli';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const actor = { principal: cliPrincipal(), requestId: null };
const file = (name: string, text: string) => ({ name, buffer: Buffer.from(text, 'utf8') });

/** Three rows of a dashboard data API download for one ARS, every field it has (DOMAIN.md §5b). */
const DASHBOARD_CSV =
  'leika_key;leika_name;leika_bezeichnung;ars;ars_name;ars_federal_state;bundesland;ozgid;ozg_bezeichnung;url;' +
  'online_status;aktiv;art_flaechendeckung\n' +
  '99008001000000;Personalausweis Ausstellung;Personalausweis;091840119119;Unterschleißheim;09;Bayern;10119;' +
  'Personalausweis;https://example.de/pa;ok;ja;landesweit flächendeckend\n' +
  '99123001000000;Hundesteuer Anmeldung;Hundesteuer;091840119119;Unterschleißheim;09;Bayern;10160;Hundehaltung;' +
  'https://example.de/hund;nicht ok;ja;in mind. einer Kommune verfügbar\n' +
  '99123002000000;Hundesteuer Abmeldung;Hundesteuer;091840119119;Unterschleißheim;09;Bayern;10160;Hundehaltung;' +
  ';nicht ok;nein;nicht in Auswertung berücksichtigt\n';

/** A Land's overview with its own headers: no known spelling among them. */
const OWN_CSV =
  'Nr. der OZG-Leistung;Bezeichnung OZG;LeiKa-Nr.;Bezeichnung;Fokus?;Ressort\n' +
  '10119;Personalausweis;99008001000000;Personalausweis Ausstellung;ja;MI\n' +
  '10160;Hundehaltung;99123001000000;Hundesteuer Anmeldung;nein;MF\n';
const OWN_MAPPING = {
  columns: {
    ozgid: 'Nr. der OZG-Leistung',
    ozg_bezeichnung: 'Bezeichnung OZG',
    leika_key: 'LeiKa-Nr.',
    leika_name: 'Bezeichnung',
    fokus: 'Fokus?',
  },
  ignore: ['Ressort'],
};

describe('OZG catalogue import: presets and the user’s own column mapping', () => {
  let t: TestApp;
  let admin: string;

  beforeEach(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { level: 'land', name: 'Bayern' });
    admin = await t.bearer('admin');
  });
  afterEach(() => t.close());

  it('refuses the dashboard download without a preset, reads it with the dashboard preset', async () => {
    const plain = await importOzgCatalogue(t.dataSource, { files: [file('dashboard.csv', DASHBOARD_CSV)], actor });
    expect(plain.status).toBe('rejected');
    const unknown = plain.problems.filter((p) => /Unbekannte Spalte/.test(p.detail)).map((p) => p.column);
    expect(unknown).toEqual(expect.arrayContaining(['ars', 'url', 'online_status', 'aktiv']));

    const report = await importOzgCatalogue(t.dataSource, {
      files: [file('dashboard.csv', DASHBOARD_CSV)],
      mapping: presetMapping('dashboard-daten-api'),
      actor,
    });
    expect(report).toMatchObject({ status: 'succeeded', details: { mapping: 'dashboard-daten-api' } });
    expect(report.counts).toMatchObject({ ozgCreated: 2, created: 3 });
    // leika_name wins; leika_bezeichnung (the shorter name) is read past.
    expect(await t.dataSource.getRepository(Leistung).findOneByOrFail({ schluessel: '99123002000000' })).toMatchObject({
      name: 'Hundesteuer Abmeldung',
      ozgId: 10160,
    });
  });

  it('reads the 2019 pair layout with its preset', async () => {
    const ozg =
      'ozg_id,ozg_leistung,lebenslage_id,lebenslage,themenfeld_id,themenfeld,anzahl_leika_leistungen\n' +
      '10119,Personalausweis,37,Querschnitt Bürger,10,Querschnitt,1\n';
    const leika =
      'leistungsschluessel,leistung,leika_typ,ozg_id,ozg_leistung,rechtsgrundlage,gesetze,gesetze_abkuerzung,' +
      'sdg1_relevant,sdg2_relevant\n' +
      '99008001000000,Personalausweis Ausstellung,2/3,10119,Personalausweis,§ 9 PAuswG,,,ja,nein\n';
    const report = await importOzgCatalogue(t.dataSource, {
      files: [file('ozg.csv', ozg), file('leika.csv', leika)],
      mapping: presetMapping('umsetzungskatalog-2019'),
      actor,
    });
    expect(report.status).toBe('succeeded');
    expect(report.problems).toEqual([]);
    expect(await t.dataSource.getRepository(OzgLeistung).findOneByOrFail({ ozgId: 10119 })).toMatchObject({
      lebenslage: 'Querschnitt Bürger',
      themenfeldId: 10,
    });
  });

  it('imports a file with its own headers through a mapping, flags with their source, problems in the file’s spelling', async () => {
    const report = await importOzgCatalogue(t.dataSource, {
      files: [file('land-uebersicht.csv', OWN_CSV)],
      mapping: parseCatalogueMapping(OWN_MAPPING),
      edition: 'Landesübersicht 2026',
      actor,
    });
    expect(report.status).toBe('succeeded');
    expect(await t.dataSource.getRepository(OzgLeistung).findOneByOrFail({ ozgId: 10119 })).toMatchObject({
      fokus: true,
      fokusSource: 'Landesübersicht 2026 (land-uebersicht.csv)',
      efa: null,
      efaSource: null,
    });
    expect(await t.dataSource.getRepository(OzgLeistung).findOneByOrFail({ ozgId: 10160 })).toMatchObject({
      fokus: false,
    });

    const bad = OWN_CSV.replace(';ja;MI', ';vielleicht;MI');
    const rejected = await importOzgCatalogue(t.dataSource, {
      files: [file('land-uebersicht.csv', bad)],
      mapping: parseCatalogueMapping(OWN_MAPPING),
      actor,
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.problems[0]).toMatchObject({ row: 2, column: 'Fokus?', severity: 'error' });
  });

  it('refuses a broken mapping before reading the file, and warns about a header the file lacks', async () => {
    expect(() => parseCatalogueMapping({ ozg_nummer: 'OZG-Nr.' })).toThrow(InputError);
    expect(() => parseCatalogueMapping({ ozgid: 'Nr', ozg_bezeichnung: 'nr' })).toThrow(/schon „ozgid“/);
    expect(() => presetMapping('informationsplattform')).toThrow(
      /Bekannt sind: umsetzungskatalog-2019, dashboard-daten-api/,
    );
    const report = await importOzgCatalogue(t.dataSource, {
      files: [file('land-uebersicht.csv', OWN_CSV)],
      mapping: parseCatalogueMapping({ ...OWN_MAPPING, columns: { ...OWN_MAPPING.columns, efa: 'EfA (ja/nein)' } }),
      actor,
    });
    expect(report.status).toBe('succeeded');
    expect(report.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        detail: expect.stringMatching(/efa → „EfA \(ja\/nein\)“: keine solche Spalte/),
      }),
    ]);
  });

  it('takes preset and mapping as query parameters over HTTP', async () => {
    const post = (query: string, body: string) =>
      request(t.app)
        .post(`/api/imports/ozg-catalogue${query}`)
        .set('Authorization', admin)
        .set('Content-Type', 'text/csv')
        .send(body);
    const preset = await post('?preset=dashboard-daten-api&dryRun=true', DASHBOARD_CSV);
    expect(preset.status).toBe(200);
    expect(preset.body.counts).toMatchObject({ ozgCreated: 2, created: 3 });
    const own = await post(`?mapping=${encodeURIComponent(JSON.stringify(OWN_MAPPING))}`, OWN_CSV);
    expect(own.status).toBe(200);
    expect(own.body.details.mapping).toBe('eigene Zuordnung');
    const broken = await post(`?mapping=${encodeURIComponent('{"ozg_nummer": "x"}')}`, OWN_CSV);
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toMatch(/unbekanntes Feld „ozg_nummer“/);
    expect((await post('?preset=unbekannt', OWN_CSV)).status).toBe(400);
  });
});

describe('import ozg --mapping / --preset on the command line', () => {
  let db: CliDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createCliDatabase();
    dir = mkdtempSync(join(tmpdir(), 'ozg-mapping-'));
    writeFileSync(join(dir, 'uebersicht.csv'), OWN_CSV);
    writeFileSync(join(dir, 'dashboard.csv'), DASHBOARD_CSV);
    writeFileSync(join(dir, 'zuordnung.json'), JSON.stringify(OWN_MAPPING));
    writeFileSync(join(dir, 'kaputt.json'), '{"ozgid": ');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.cleanup();
  });

  it('reads the mapping file and the preset; a broken mapping file fails before the import', async () => {
    const own = await runCli(db.url, [
      'import',
      'ozg',
      join(dir, 'uebersicht.csv'),
      '--mapping',
      join(dir, 'zuordnung.json'),
      '--dry-run',
    ]);
    expect(own.exitCode).toBe(0);
    expect(own.stdout).toMatch(/ozgCreated: 2/);
    const preset = await runCli(db.url, [
      'import',
      'ozg',
      join(dir, 'dashboard.csv'),
      '--preset',
      'dashboard-daten-api',
      '--dry-run',
    ]);
    expect(preset.exitCode).toBe(0);
    expect(preset.stdout).toMatch(/created: 3/);
    const broken = await runCli(db.url, [
      'import',
      'ozg',
      join(dir, 'uebersicht.csv'),
      '--mapping',
      join(dir, 'kaputt.json'),
    ]);
    expect(broken.exitCode).not.toBe(0);
    expect(broken.stderr).toMatch(/kein gültiges JSON/);
    await expect(
      importOzgFiles(undefined as never, [join(dir, 'uebersicht.csv')], { preset: 'x', mapping: 'y' }),
    ).rejects.toThrow(/entweder --preset oder --mapping/);
  });
});
