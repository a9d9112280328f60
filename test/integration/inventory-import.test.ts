import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { importInventoryFile } from '../../cli/import-inventory.command';
import * as bulkWrite from '../../entities/bulk-write';
import { AuditEvent, ComponentRecord, ImportRun, Operator } from '../../entities';
import { INVENTORY_TEMPLATE_CSV } from '../../importers/inventory/inventory-template';
import { importInventory } from '../../importers/inventory/inventory.importer';
import { readTabular, XLSX_MEDIA_TYPE } from '../../importers/tabular';
import { cliPrincipal } from '../../lib/principal';
import { createDataSource } from '../../ormconfig';
import { createCliDatabase, runCli } from '../helpers/cli';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const HEADER = 'ags;component;status;operator;operator_type;product;valid_from;valid_to;note';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n', 'utf8');
const actor = { principal: cliPrincipal(), requestId: null };

interface Problem {
  row?: number;
  column?: string;
  detail: string;
}

async function regions(dataSource: DataSource, ...keys: string[]): Promise<void> {
  for (const key of keys) await makeRegion(dataSource, key, { name: `Gemeinde ${key}` });
}

describe('inventory import (CSV and XLSX)', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;

  const post = (body: Buffer, auth: string, dryRun: boolean, type = 'text/csv') =>
    request(t.app)
      .post(`/api/imports/inventory?dryRun=${dryRun}`)
      .set('Authorization', auth)
      .set('Content-Type', type)
      .send(body);
  const landscape = async (ags: string) =>
    (await request(t.app).get(`/api/municipalities/${ags}/components`).set('Authorization', reader)).body
      .components as {
      component: string;
      status: string;
      product: string | null;
      note: string | null;
      source: string;
      operator: { name: string; type: string } | null;
    }[];
  const history = async (ags: string) =>
    (await request(t.app).get(`/api/municipalities/${ags}/history`).set('Authorization', reader)).body.items as {
      action: string;
      importRunId: number | null;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }[];
  const count = (entity: typeof AuditEvent | typeof ComponentRecord | typeof Operator | typeof ImportRun) =>
    t.dataSource.getRepository(entity).count();

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern', level: 'land' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    await makeRegion(t.dataSource, '09162000', { name: 'München, Landeshauptstadt' });
    await makeRegion(t.dataSource, '05315000', { name: 'Köln, Stadt' });
    await makeOperator(t.dataSource, {
      name: 'Anstalt für Kommunale Datenverarbeitung in Bayern',
      shortName: 'AKDB',
      type: 'municipal-provider',
    });
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  it('dry run: reports every row error at once with row and column, and writes nothing', async () => {
    await regions(t.dataSource, '09184112', '09184113');
    const before = {
      records: await count(ComponentRecord),
      operators: await count(Operator),
      audit: await count(AuditEvent),
    };
    const res = await post(
      csv(
        '09184112;epayment;in-use;AKDB;;ePayBL;;;',
        '09999999;epayment;in-use;;;;;;',
        '09184112;search;kaputt;;;;;;',
        '09184112;fax;in-use;;;;;;',
        '09184112;epayment;planned;;;;;;',
        '09184113;chatbot;in-use;Niemand GmbH;;;;;',
        '09184113;eid;in-use;AKDB;private-provider;;;;',
        '09184113;mailbox;in-use;;;;2024-05-01;01.01.2024;',
        '09184113;mobile-app;in-use;Neue App GmbH;private-provider;;31.02.2024;;',
      ),
      admin,
      true,
    );
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.report).toMatchObject({
      kind: 'inventory',
      status: 'rejected',
      dryRun: true,
      counts: { rows: 9, rowsWithErrors: 8 },
    });
    const where = (res.body.errors as Problem[]).map((e) => [e.row, e.column]);
    expect(where).toEqual([
      [3, 'ags'],
      [4, 'status'],
      [5, 'component'],
      [6, 'component'],
      [7, 'operator_type'],
      [8, 'operator_type'],
      [9, 'valid_to'],
      [10, 'valid_from'],
    ]);
    const detail = (row: number) => (res.body.errors as Problem[]).find((e) => e.row === row)?.detail;
    expect(detail(5)).toMatch(/Formularserver \(form-server\), E-Payment \(epayment\)/);
    expect(detail(6)).toMatch(/Zeile 2/);
    expect(detail(8)).toMatch(/Anstalt für Kommunale Datenverarbeitung in Bayern/);
    expect(await count(ComponentRecord)).toBe(before.records);
    expect(await count(Operator)).toBe(before.operators);
    expect(await count(AuditEvent)).toBe(before.audit);
    expect(await landscape('09184112')).toEqual([]);
  });

  it('real run with one bad row: rejected, nothing written, the run is recorded', async () => {
    await regions(t.dataSource, '09184114', '09184115');
    const res = await post(
      csv(
        '09184114;epayment;in-use;Neuer Dienstleister;municipal-provider;;;;',
        '09184115;search;in-use;;;;;;',
        '09184115;chatbot;vielleicht;;;;;;',
      ),
      admin,
      false,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 4, column: 'status' })]);
    expect(res.body.report).toMatchObject({ status: 'rejected', dryRun: false, importRunId: expect.any(Number) });
    expect(await landscape('09184114')).toEqual([]);
    expect(await landscape('09184115')).toEqual([]);
    expect(await t.dataSource.getRepository(Operator).findOneBy({ name: 'Neuer Dienstleister' })).toBeNull();
    const run = await t.dataSource.getRepository(ImportRun).findOneByOrFail({ id: res.body.report.importRunId });
    expect(run).toMatchObject({ kind: 'inventory', status: 'rejected', dryRun: false });
  });

  it('writes a valid file, re-running it changes nothing, a changed file updates only changed rows', async () => {
    await regions(t.dataSource, '09184118', '09184119');
    const file = csv(
      '09184118;epayment;in-use;AKDB;municipal-provider;ePayBL;01.01.2019;;',
      '09184118;form-server;im Einsatz;;own-it;;;;eigene Lösung',
      '09184118;chatbot;geplant;;;;;;',
      '09184119;epayment;in-use;Stadtwerke IT GmbH;privatwirtschaftlicher Dienstleister;pmPayment;;;',
      '09184119;search;not-used;;;;;;',
    );
    const dry = await post(file, admin, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'succeeded', dryRun: true, counts: { created: 5, operatorsCreated: 2 } });
    expect(await landscape('09184118')).toEqual([]);

    const first = await post(file, admin, false);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'succeeded',
      unchanged: false,
      counts: {
        rows: 5,
        created: 5,
        updated: 0,
        unchanged: 0,
        operatorsCreated: 2,
        municipalities: 2,
        municipalitiesChanged: 2,
      },
    });
    const haar = await landscape('09184118');
    expect(haar.map((c) => [c.component, c.status, c.operator?.name ?? null, c.source])).toEqual([
      ['form-server', 'in-use', 'Eigene IT: Gemeinde 09184118 (09184118)', 'import'],
      ['epayment', 'in-use', 'Anstalt für Kommunale Datenverarbeitung in Bayern', 'import'],
      ['chatbot', 'planned', null, 'import'],
    ]);
    expect((await landscape('09184119'))[0].operator).toMatchObject({
      name: 'Stadtwerke IT GmbH',
      type: 'private-provider',
    });

    const [imported] = await history('09184118');
    expect(imported).toMatchObject({ action: 'inventory.imported', importRunId: first.body.importRunId });
    expect(imported.before).toEqual({ epayment: null, 'form-server': null, chatbot: null });
    expect(imported.after.epayment).toMatchObject({ status: 'in-use', product: 'ePayBL', validFrom: '2019-01-01' });

    const audit = await count(AuditEvent);
    const again = await post(file, admin, false);
    expect(again.body).toMatchObject({
      status: 'succeeded',
      unchanged: true,
      counts: { created: 0, updated: 0, unchanged: 5 },
    });
    expect(await count(AuditEvent)).toBe(audit);

    const changed = csv(
      '09184118;epayment;in-use;AKDB;municipal-provider;ePayBL;01.01.2019;;',
      '09184118;chatbot;in-use;;;;;;seit Mai',
      '09184119;search;not-used;;;;;;',
    );
    const third = await post(changed, admin, false);
    expect(third.body).toMatchObject({ counts: { created: 0, updated: 1, unchanged: 2, municipalitiesChanged: 1 } });
    const events = await history('09184118');
    expect(events.map((e) => e.action)).toEqual(['inventory.imported', 'inventory.imported']);
    expect(events[0].before).toEqual({ chatbot: expect.objectContaining({ status: 'planned', note: null }) });
    expect(events[0].after).toEqual({ chatbot: expect.objectContaining({ status: 'in-use', note: 'seit Mai' }) });
    // Rows do not delete: form-server is not in the changed file and stays.
    expect((await landscape('09184118')).map((c) => c.component)).toEqual(['form-server', 'epayment', 'chatbot']);
    expect(await history('09184119')).toHaveLength(1);
  });

  it('keeps stored values of columns the file does not have', async () => {
    await regions(t.dataSource, '09184120');
    await post(csv('09184120;epayment;planned;AKDB;;ePayBL;;;Ausschreibung'), admin, false);
    const res = await post(Buffer.from('AGS;Komponente;Status\n09184120;E-Payment;im Einsatz\n'), admin, false);
    expect(res.body).toMatchObject({ status: 'succeeded', counts: { updated: 1 } });
    expect((await landscape('09184120'))[0]).toMatchObject({
      status: 'in-use',
      product: 'ePayBL',
      note: 'Ausschreibung',
      operator: { name: 'Anstalt für Kommunale Datenverarbeitung in Bayern' },
    });
  });

  it('reads comma-separated files with German headers and quoted fields; refuses a retired municipality', async () => {
    await regions(t.dataSource, '09184123');
    await makeRegion(t.dataSource, '09184124', {
      name: 'Altgemeinde',
      isCurrent: false,
      retiredGebietsstand: '2025-08-31',
      successorKey: '09184123',
    });
    const header = 'AGS,Komponente,Status,Betreiber,Betreibertyp,Bemerkung\n';
    const good =
      '09184123,Formularserver,im Einsatz,"Müller, Meier & Co. KG",privatwirtschaftlicher Dienstleister,"Vertrag bis 2026, dann ""neu"""\n';
    // As the API answers 409, an import refuses rows of a municipality no longer in the directory.
    const retired = await post(Buffer.from(`${header}${good}09184124,search,unbekannt,,,\n`, 'utf8'), admin, false);
    expect(retired.status).toBe(422);
    expect(retired.body.errors).toEqual([
      {
        row: 3,
        column: 'AGS',
        detail: expect.stringMatching(/nicht mehr geführt; Angaben bitte beim Nachfolger 09184123/),
      },
    ]);
    const res = await post(Buffer.from(`${header}${good}`, 'utf8'), admin, false);
    expect(res.status).toBe(200);
    expect(res.body.details).toMatchObject({ format: 'csv', delimiter: ',', encoding: 'utf-8' });
    expect(res.body.problems).toEqual([]);
    expect((await landscape('09184123'))[0]).toMatchObject({
      component: 'form-server',
      operator: { name: 'Müller, Meier & Co. KG', type: 'private-provider' },
      note: 'Vertrag bis 2026, dann "neu"',
    });
    const headerOnly = await post(Buffer.from(`${HEADER}\r\n`), admin, true);
    expect(headerOnly.body).toMatchObject({ status: 'succeeded', unchanged: true, counts: { rows: 0 } });
    expect(headerOnly.body.problems[0].detail).toMatch(/keine Datenzeilen/);
  });

  it('names control characters in a cell as such', async () => {
    await regions(t.dataSource, '09184199');
    // NUL would make the file binary; a bell character is text, but no text a note should hold.
    const res = await post(csv('09184199;search;in-use;;;;;;Notiz\u0007mit Klingel'), admin, true);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ row: 2, column: 'note', detail: expect.stringMatching(/Steuerzeichen/) }]);
  });

  it('lets an editor import only rows inside its scope', async () => {
    await regions(t.dataSource, '09184121');
    const editor = await t.bearer('editor', ['09184'], 'LRA München');
    const mixed = await post(csv('09184121;search;in-use;;;;;;', '09162000;search;in-use;;;;;;'), editor, false);
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors).toEqual([
      { row: 3, column: 'ags', detail: expect.stringMatching(/09162000.* außerhalb Ihres Bereichs/) },
    ]);
    expect(await landscape('09184121')).toEqual([]);
    const inside = await post(csv('09184121;search;in-use;;;;;;'), editor, false);
    expect(inside.status).toBe(200);
    expect((await history('09184121'))[0]).toMatchObject({ action: 'inventory.imported' });
    expect((await post(csv('09184121;search;in-use;;;;;;'), reader, false)).status).toBe(403);
    expect(
      (await request(t.app).post('/api/imports/inventory').set('Content-Type', 'text/csv').send(csv())).status,
    ).toBe(401);
  });

  it('imports an XLSX upload with German headers and a numeric AGS (leading zero restored, with a warning)', async () => {
    await makeRegion(t.dataSource, '01001000', { name: 'Flensburg, Stadt' });
    await regions(t.dataSource, '09184122');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Bestand');
    sheet.addRow(['Gemeindeschlüssel', 'Komponente', 'Status', 'Betreiber', 'Betreiber-Typ', 'gültig ab', 'Bemerkung']);
    sheet.addRow([1001000, 'De-Mail', 'abgeschaltet', null, null, new Date(Date.UTC(2022, 7, 31)), 'Telekom-Ausstieg']);
    sheet.addRow(['09184122', 'eid', 'unbekannt', 'Bund', 'Bundeslösung', null, null]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await post(bytes, admin, false, XLSX_MEDIA_TYPE);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ counts: { created: 2 }, details: { format: 'xlsx', sheet: 'Bestand' } });
    expect(res.body.problems).toEqual([
      expect.objectContaining({ severity: 'warning', row: 2, column: 'Gemeindeschlüssel' }),
    ]);
    expect((await landscape('01001000'))[0]).toMatchObject({
      component: 'de-mail',
      status: 'retired',
      note: 'Telekom-Ausstieg',
    });
  });

  it('serves the templates; the CSV template imports cleanly', async () => {
    const csvTemplate = await request(t.app).get('/api/imports/inventory/template').buffer(true);
    expect(csvTemplate.status).toBe(200);
    expect(csvTemplate.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvTemplate.headers['content-disposition']).toMatch(/bestand-vorlage\.csv/);
    expect(Buffer.from(csvTemplate.text, 'utf8').equals(readFileSync(INVENTORY_TEMPLATE_CSV))).toBe(true);

    const xlsx = await request(t.app)
      .get('/api/imports/inventory/template?format=xlsx')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const fromXlsx = await readTabular(xlsx.body as Buffer);
    const fromCsv = await readTabular(readFileSync(INVENTORY_TEMPLATE_CSV));
    expect(fromXlsx.headers).toEqual(fromCsv.headers);
    expect(fromXlsx.rows).toEqual(fromCsv.rows);

    const imported = await post(readFileSync(INVENTORY_TEMPLATE_CSV), admin, false);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ status: 'succeeded', problems: [], counts: { rows: 3, created: 3 } });
    const xlsxImport = await post(xlsx.body as Buffer, admin, false, XLSX_MEDIA_TYPE);
    expect(xlsxImport.body).toMatchObject({ status: 'succeeded', unchanged: true });
  });

  it('answers 415 for other media types and 400 for an empty body', async () => {
    const json = await request(t.app)
      .post('/api/imports/inventory')
      .set('Authorization', admin)
      .send({ ags: '09162000' });
    expect(json.status).toBe(415);
    const empty = await request(t.app)
      .post('/api/imports/inventory')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv');
    expect(empty.status).toBe(400);
  });

  it('rolls everything back when the write phase fails midway (audit insert throws)', async () => {
    await regions(t.dataSource, '09184125', '09184126');
    const before = {
      records: await count(ComponentRecord),
      operators: await count(Operator),
      runs: await count(ImportRun),
    };
    const original = bulkWrite.bulkInsert;
    const spy = jest.spyOn(bulkWrite, 'bulkInsert').mockImplementation(async (tx, spec, onChunk) => {
      if (spec.table === 'audit_events') throw new Error('injected audit failure');
      return original(tx, spec, onChunk);
    });
    try {
      const file = csv('09184125;epayment;in-use;Kaputt-IT GmbH;private-provider;;;;', '09184126;search;in-use;;;;;;');
      await expect(importInventory(t.dataSource, { buffer: file, sourceName: 'kaputt.csv', actor })).rejects.toThrow(
        'injected audit failure',
      );
      expect(spy).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ table: 'component_records' }),
        expect.anything(),
      );
    } finally {
      spy.mockRestore();
    }
    expect(await count(ComponentRecord)).toBe(before.records);
    expect(await count(Operator)).toBe(before.operators);
    expect(await count(ImportRun)).toBe(before.runs);
    const retry = await importInventory(t.dataSource, {
      buffer: csv('09184125;search;in-use;;;;;;'),
      sourceName: 'ok.csv',
      actor,
    });
    expect(retry).toMatchObject({ status: 'succeeded', counts: { created: 1 } });
  });
});

describe('inventory import from the command line', () => {
  it('imports a file from disk: dry run, then for real, through the CLI and the importer', async () => {
    const db = await createCliDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'atlas-inventory-'));
    try {
      expect((await runCli(db.url, ['db', 'migrate'])).exitCode).toBe(0);
      const dataSource = createDataSource(db.config);
      await dataSource.initialize();
      try {
        await regions(dataSource, '09184118');
        const file = join(dir, 'bestand.csv');
        writeFileSync(file, csv('09184118;epayment;in-use;;own-it;;;;', '09184118;chatbot;planned;;;;;;'));
        const dry = await runCli(db.url, ['import', 'inventory', file, '--dry-run']);
        expect(dry.exitCode).toBe(0);
        expect(dry.stdout).toMatch(/Probelauf inventory aus bestand\.csv: fehlerfrei, nichts geschrieben/);
        const real = await runCli(db.url, ['import', 'inventory', file]);
        expect(real.stdout).toMatch(/geschrieben\n[\s\S]*created: 2/);
        const again = await importInventoryFile(dataSource, file);
        expect(again).toMatchObject({ status: 'succeeded', unchanged: true });
        writeFileSync(file, csv('09184118;epayment;gibt es nicht;;;;;;'));
        const bad = await runCli(db.url, ['import', 'inventory', file]);
        expect(bad.exitCode).toBe(1);
        expect(bad.stdout).toMatch(/Fehler \(Zeile 2, Spalte status\)/);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.cleanup();
    }
  });
});

describe('inventory import size limit', () => {
  it('answers 413 with problem details for a file over IMPORT_MAX_MB', async () => {
    const small = await createTestApp({ importMaxBytes: 1024 });
    try {
      const res = await request(small.app)
        .post('/api/imports/inventory')
        .set('Authorization', await small.bearer('admin'))
        .set('Content-Type', 'text/csv')
        .send(Buffer.alloc(4096, 'a'));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    } finally {
      await small.close();
    }
  });
});
