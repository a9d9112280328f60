/**
 * FIM in the web interface: the XML upload on the import page (admins, dry run with a report per
 * file, then confirm), the Leistung page and the schema page with its field tree — on the real
 * XDatenfelder samples in ../shared/fim-samples and the XZuFi fixtures of the parser tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import type { ElementTree, TreeElement } from '../../services/fim-schema.service';
import { elementPage, TREE_MAX_DEPTH } from '../../server/web/views/fim-schema.view';
import { makeLeistung, makeOzgLeistung } from '../helpers/ozg-factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';
import { readXzufiFixture, SAMPLES_DIR } from '../unit/fim/fim-test-helpers';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

const sample = (name: string) => readFileSync(join(SAMPLES_DIR, name));

async function uploadFim(agent: Agent, files: { name: string; data: Buffer }[], token?: string): Promise<Response> {
  const form = await agent.get('/import');
  let req = agent.post('/import/fim').field('_csrf', token ?? csrfOf(form.text));
  for (const f of files) req = req.attach('dateien', f.data, { filename: f.name, contentType: 'application/xml' });
  return req;
}

/** Follows the job page until the background job is done (the no-JS path: reload the page). */
async function finished(agent: Agent, location: string): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const page = await agent.get(location);
    expect(page.status).toBe(200);
    if (!page.text.includes('id="fortschritt"')) return page.text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('import did not finish');
}

describe('FIM in the web interface', () => {
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    await makeUser(t.dataSource, 'admin', 'admin');
    await makeUser(t.dataSource, 'kreis', 'editor', ['09184']);
    admin = await signedInAgent(t.app, 'admin');
  });
  afterAll(() => t.close());

  describe('the import page', () => {
    it('offers the FIM upload to admins only', async () => {
      const page = (await admin.get('/import')).text;
      expect(page).toContain('action="/import/fim" enctype="multipart/form-data"');
      expect(page).toMatch(/<input type="file" id="f-dateien" name="dateien" accept="[^"]*" multiple/);
      const editor = await signedInAgent(t.app, 'kreis');
      const form = await editor.get('/import');
      expect(form.text).not.toContain('action="/import/fim"');
      expect(form.text).toContain('FIM-XML (XZuFi, XDatenfelder) importieren Administratorinnen und Administratoren.');
      const refused = await uploadFim(editor, [{ name: 'a.xml', data: sample('xdfxml_v3-data_simple.xml') }]);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('FIM-Importe dürfen nur Administratorinnen und Administratoren ausführen.');
    });

    it('checks several files in a dry run and reports format, version and objects per file; confirming imports them', async () => {
      const res = await uploadFim(admin, [
        { name: 'bundt_S00000000364_schema.xdf.xml', data: sample('bundt_S00000000364_schema.xdf.xml') },
        { name: 'glykon_S05000058V1.0_xdf2.xml', data: sample('glykon_S05000058V1.0_xdf2.xml') },
        { name: 'pvog-export.xml', data: readXzufiFixture('xzufi-2.2.0-transfer.xml') },
      ]);
      expect(res.status).toBe(303);
      const report = (await finished(admin, res.headers.location)).replace(/\s+/g, ' ');
      expect(report).toContain(
        '<h1>Probelauf FIM-XML: bundt_S00000000364_schema.xdf.xml, glykon_S05000058V1.0_xdf2.xml, pvog-export.xml</h1>',
      );
      expect(report).toContain('Die Dateien sind fehlerfrei. Es wurde noch nichts geschrieben.');
      expect(report).toContain('<dt>Format</dt><dd>XDatenfelder 3.0.0</dd>');
      expect(report).toContain('<dt>Format</dt><dd>XDatenfelder 2.0</dd>');
      expect(report).toContain('<dt>Format</dt><dd>XZuFi 2.2.0</dd>');
      expect(report).toContain('<dt>Nachricht</dt><dd>stammdatenschema</dd>');
      // S00000000364: 1 schema, 2 groups, 9 fields, 1 rule.
      expect(report).toMatch(/<th scope="row">Datenschemata<\/th><td class="num">1<\/td>/);
      expect(report).toMatch(/<th scope="row">Datenfelder<\/th><td class="num">9<\/td>/);
      expect(report).toMatch(/<th scope="row">Leistungen<\/th><td class="num">\d+<\/td>/);
      expect((await request(t.app).get('/fim/schemas/S00000000364').set('Accept', 'text/html')).status).toBe(404);

      const confirm = await admin
        .post(`${res.headers.location}/ausfuehren`)
        .type('form')
        .send({ _csrf: csrfOf(report) });
      expect(confirm.status).toBe(303);
      const done = await finished(admin, confirm.headers.location);
      expect(done).toContain('Importiert: alle Objekte wurden geschrieben.');
      expect((await request(t.app).get('/fim/schemas/S00000000364')).status).toBe(200);
    });

    it('rejects broken XML and names every problem with line and column or element path', async () => {
      const broken = Buffer.from('<?xml version="1.0"?>\n<a xmlns="http://xoev.de/schemata/xzufi/2_2_0">\n<b></a>');
      const res = await uploadFim(admin, [
        { name: 'kaputt.xml', data: broken },
        { name: 'mit-hinweis.xml', data: readXzufiFixture('xzufi-2.3.1-transfer.xml') },
      ]);
      const report = (await finished(admin, res.headers.location)).replace(/\s+/g, ' ');
      expect(report).toContain('Die Dateien enthalten Fehler. Es wurde nichts geschrieben.');
      expect(report).toContain('<h3 id="datei-1">kaputt.xml</h3>');
      expect(report).toContain('abgelehnt: die Datei enthält Fehler');
      expect(report).toMatch(
        /<tr class="problem-error"><td class="num">[2-9]<\/td><td class="num">\d+<\/td> <td>Fehler<\/td>/,
      );
      // The 2.3.1 fixture deletes a Zuständigkeit that is not stored: a warning at its element path.
      expect(report).toContain('<code class="break">/xzufi.transfer/loesche/id</code>');
      expect(report).not.toContain('Jetzt importieren');
    });

    it('refuses an empty upload, too many files and a missing CSRF token', async () => {
      const empty = await uploadFim(admin, [{ name: 'leer.xml', data: Buffer.alloc(0) }]);
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('<title>Fehler: FIM-XML importieren');
      expect(empty.text).toContain('href="#f-dateien"');
      const many = await uploadFim(
        admin,
        Array.from({ length: 11 }, (_, i) => ({ name: `s${i}.xml`, data: sample('xdfxml_v3-data_simple.xml') })),
      );
      expect(many.status).toBe(422);
      expect(many.text).toContain('Höchstens 10 Dateien auf einmal; Sie haben 11 gewählt.');
      const forged = await uploadFim(admin, [{ name: 'a.xml', data: sample('xdfxml_v3-data_simple.xml') }], 'falsch');
      expect(forged.status).toBe(403);
    });
  });

  describe('Leistung and schema pages', () => {
    beforeAll(async () => {
      const res = await uploadFim(admin, [
        { name: 'glykon.xml', data: sample('glykon_S05000058V1.0_xdf2.xml') },
        { name: 'xmlstruct.xml', data: sample('xmlstruct_xdf3.xml') },
        { name: 'pvog.xml', data: readXzufiFixture('xzufi-2.2.0-transfer.xml') },
      ]);
      const dry = await finished(admin, res.headers.location);
      const confirm = await admin
        .post(`${res.headers.location}/ausfuehren`)
        .type('form')
        .send({ _csrf: csrfOf(dry) });
      expect(await finished(admin, confirm.headers.location)).toContain('Importiert');
      await makeOzgLeistung(t.dataSource, 10119, 'Personalausweis', { edition: 'OZG-Umsetzungskatalog 2019' });
      await makeLeistung(t.dataSource, '99000000000001', 10119, '2/3', { name: 'Personalausweis Ausstellung' });
    });

    it('shows a Leistung from XZuFi to anyone: names, Typisierung and its source, description, Onlinedienst, schemas', async () => {
      const res = await request(t.app).get('/leistungen/99108001001000');
      expect(res.status).toBe(200);
      const text = res.text.replace(/\s+/g, ' ');
      expect(text).toContain(
        '<h1>Bewohnerparkausweis Erteilung<span class="subtitle">Leistungsschlüssel <span class="key">99108001001000</span>',
      );
      expect(text).toContain(
        '5 (Kommune regelt und vollzieht)<br><span class="meta">laut FIM-Beschreibung (XZuFi)</span>',
      );
      expect(text).toContain('Redaktion L100012, FIM-ID 8966542');
      expect(text).toContain('Online-Antrag Bewohnerparkausweis');
      expect(text).toContain('href="https://service.example.de/bewohnerparken?quelle=pvog&amp;sprache=de"');
      expect(text).toContain('<a href="/fim/schemas/S05000058/1.0">S05000058</a>');
      expect(text).toContain('Diese Leistung gehört im OZG-Katalog zu keiner OZG-Leistung.');
    });

    it('shows the OZG-Leistung of a catalogued Leistung with a link to its gaps', async () => {
      const text = (await request(t.app).get('/leistungen/99000000000001')).text;
      expect(text).toContain('2/3 (Bund regelt, Land oder Kommune vollzieht)');
      expect(text).toContain('LeiKa-Typ laut OZG-Katalog');
      expect(text).toContain('<dt>OZG-ID</dt><dd>10119</dd>');
      expect(text).toContain('href="/gebiete/DE/ozg?ozg=10119"');
      expect(text).toContain('Zu dieser Leistung ist keine FIM-Beschreibung (XZuFi) importiert.');
    });

    it('is linked from the search results; unknown keys get a German 404', async () => {
      expect((await request(t.app).get('/suche?q=bewohnerpark')).text).toContain('href="/leistungen/99108001001000"');
      const unknown = await request(t.app).get('/leistungen/99999999999999').set('Accept', 'text/html');
      expect(unknown.status).toBe(404);
      expect(unknown.text).toContain('Keine Leistung mit dem Leistungsschlüssel 99999999999999.');
      expect((await request(t.app).get('/leistungen/abc').set('Accept', 'text/html')).status).toBe(404);
    });

    it('shows a schema with its field tree as nested lists, cardinalities, Leistungen and rules', async () => {
      const res = await request(t.app).get('/fim/schemas/S05000058/1.0');
      expect(res.status).toBe(200);
      const text = res.text.replace(/\s+/g, ' ');
      expect(text).toContain(
        '<h1>Antrag auf Erteilung / Verlängerung Bewohnerparkausweis<span class="subtitle">Stammdatenschema S05000058, Version 1.0</span></h1>',
      );
      expect(text).toMatch(/<ul class="tree tree-root"><li><span class="tree-kind">Feld<\/span>/);
      // A group with its own fields nested inside it.
      expect(text).toMatch(
        /<a href="\/fim\/schemas\/G05000496\/1.0">Angaben zur antragstellenden Person<\/a>.*?<ul class="tree"><li>/,
      );
      expect(text).toContain('0:1 – optional, höchstens einmal');
      expect(text).toContain('1:* – Pflicht, beliebig oft');
      expect(text).toContain('Codeliste C05000073');
      expect(text).toContain('<a href="/leistungen/99108001001000" class="key">99108001001000</a>');
      expect(text).toContain('<a href="/fim/schemas/R05000281/1.0">R05000281@1.0</a>');
    });

    it('lists the versions of an element, shows groups and fields too, and never links a non-web reference', async () => {
      const versions = await request(t.app).get('/fim/schemas/S05000058');
      expect(versions.status).toBe(200);
      expect(versions.text).toContain('<a href="/fim/schemas/S05000058/1.0">1.0</a>');
      const group = await request(t.app).get('/fim/schemas/G05000496/1.0');
      expect(group.status).toBe(200);
      expect(group.text).toContain('<span class="subtitle">Gruppe G05000496, Version 1.0</span>');
      // xmlstruct's synthetic schema gives "some link" as a reference: shown as text.
      const synthetic = (await request(t.app).get('/fim/schemas/S12345/1.0.0')).text;
      expect(synthetic).toContain('(keine Webadresse, nicht verlinkt)');
      expect(synthetic).not.toContain('href="some link"');
      expect((await request(t.app).get('/fim/schemas/S05000058/9.9').set('Accept', 'text/html')).status).toBe(404);
      expect((await request(t.app).get('/fim/schemas/S99999999').set('Accept', 'text/html')).status).toBe(404);
    });
  });
});

describe('the field tree view', () => {
  const element = (key: string, children: string[]): TreeElement => ({
    id: key,
    kind: key.startsWith('S') ? 'stammdatenschema' : 'datenfeldgruppe',
    version: '1.0',
    name: `Element ${key}`,
    xdfVersion: '3.0.0',
    status: null,
    importedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    key,
    content: {},
    children: children.map((child) => ({ key: child, anzahl: '1:1', min: 1, max: 1, bezug: [] })),
  });
  const ctx = { path: '/fim/schemas/S1/1.0', contact: null };

  it('stops a group that contains itself instead of recursing forever', () => {
    const tree: ElementTree = {
      root: element('S1', ['G1']),
      elements: [element('G1', ['G1'])],
      leistungsschluessel: [],
      counts: { gruppen: 1, felder: 0 },
    };
    const page = elementPage(ctx, tree).value;
    expect(page).toContain('enthält sich selbst');
    expect(page.match(/Element G1<\/a>/g)).toHaveLength(2);
  });

  it(`stops after ${TREE_MAX_DEPTH} levels and links to the deeper group's own page`, () => {
    const chain = Array.from({ length: 20 }, (_, i) => element(`G${i}`, i < 19 ? [`G${i + 1}`] : []));
    const tree: ElementTree = {
      root: element('S1', ['G0']),
      elements: chain,
      leistungsschluessel: [],
      counts: { gruppen: 20, felder: 0 },
    };
    const page = elementPage(ctx, tree).value;
    expect(page).toContain(`Element G${TREE_MAX_DEPTH - 1}</a>`);
    expect(page).not.toContain(`Element G${TREE_MAX_DEPTH}</a>`);
    expect(page).toContain('auf der Seite der Gruppe ansehen');
  });
});
