/**
 * Every real file in the shared FIM samples (see SOURCES.md there) through `parseFimDocument`.
 * The expected numbers were counted in the files themselves (distinct id+version); where
 * SOURCES.md counts occurrences instead, the comment says so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFimDocument, type XdfDocument, type XdfFeld, type XdfGruppe } from '../../../fim';
import { parseErrorOf, SAMPLES_DIR as SAMPLES } from './fim-test-helpers';

function parseSample(file: string): XdfDocument {
  const doc = parseFimDocument(readFileSync(path.join(SAMPLES, file)));
  if (doc.format !== 'xdatenfelder') throw new Error(`${file} is ${doc.format}`);
  return doc;
}

function feld(doc: XdfDocument, id: string): XdfFeld {
  const found = doc.felder.find((entry) => entry.id === id);
  if (!found) throw new Error(`no Datenfeld ${id}`);
  return found;
}

function gruppe(doc: XdfDocument, id: string): XdfGruppe {
  const found = doc.gruppen.find((entry) => entry.id === id);
  if (!found) throw new Error(`no Datenfeldgruppe ${id}`);
  return found;
}

const COVERED = [
  'bundt_S00000000364_schema.xdf.xml',
  'bundt_S00000000371_schema.xdf.xml',
  'bundt_S05000001323_schema.xdf.xml',
  'bundt_S07000000200_schema.xdf.xml',
  'glykon_C05000073_genericode.xml',
  'glykon_S05000058V1.0_xdf2.xml',
  'xdfxml_v2-data_select.xml',
  'xdfxml_v3-data_simple.xml',
  'xmlstruct_xdf3.xml',
];

describe('FIM sample files', () => {
  it('finds the sample directory and has expectations for every XML file in it', () => {
    expect(existsSync(SAMPLES)).toBe(true);
    const files = readdirSync(SAMPLES).filter((name) => name.endsWith('.xml'));
    expect(files.sort()).toEqual([...COVERED].sort());
  });

  it('S00000000364 (XDF 3.0.0, prefix xdf3): 9 distinct fields, 2 groups, 1 rule, key from beschreibung', () => {
    const doc = parseSample('bundt_S00000000364_schema.xdf.xml');
    expect(doc).toMatchObject({ version: '3.0.0', messageType: 'stammdatenschema' });
    expect(doc.header).toEqual({
      nachrichtID: 'fimportal-export',
      erstellungszeitpunkt: '2026-08-12T13:12:11.454413+00:00',
    });
    expect(doc.root).toMatchObject({
      kind: 'stammdatenschema',
      id: 'S00000000364',
      version: '1.0.0',
      key: 'S00000000364@1.0.0',
      name: 'Anzeige Entgegennahme Erstmalige Beschäftigung Heimarbeit',
      status: { codeList: 'freigabestatus', code: '6', label: 'fachlich freigegeben (gold)' },
      dokumentsteckbrief: { id: 'D99000000001' },
      regeln: ['R00000002589@1.0.0'],
    });
    expect(doc.root.bezug[0]).toEqual({
      text: '§ 7 HAG vom 23.10.2024',
      link: 'https://www.gesetze-im-internet.de/hag/__7.html',
    });
    expect(doc.root.bezug).toHaveLength(3);
    // SOURCES.md says 14 Felder / 3 Gruppen: those are occurrences; distinct id+version are 9 / 2.
    expect(doc.felder).toHaveLength(9);
    expect(doc.gruppen).toHaveLength(2);
    expect(doc.regeln.map((regel) => regel.key)).toEqual(['R00000002589@1.0.0']);
    expect(doc.leistungsschluessel).toEqual([
      { schluessel: '99006047261000', source: 'text', field: 'beschreibung', elementKey: 'S00000000364@1.0.0' },
    ]);
    expect(doc.problems).toEqual([]);
  });

  it('S00000000371: 22 distinct fields, 6 groups, 5 rules, inline werte, key 99006053006000', () => {
    const doc = parseSample('bundt_S00000000371_schema.xdf.xml');
    expect(doc.root).toMatchObject({ id: 'S00000000371', version: '1.0.0', status: { code: '6' } });
    // SOURCES.md: 27 F / 7 G counts occurrences; distinct are 22 / 6.
    expect([doc.felder.length, doc.gruppen.length, doc.regeln.length]).toEqual([22, 6, 5]);
    expect(doc.leistungsschluessel.map((fund) => [fund.schluessel, fund.field])).toEqual([
      ['99006053006000', 'beschreibung'],
    ]);
    const withWerte = doc.felder.filter((entry) => entry.werte.length > 0);
    expect(withWerte.length).toBeGreaterThan(0);
    expect(withWerte.every((entry) => entry.werte.every((wert) => typeof wert.code === 'string'))).toBe(true);
    const strukturen = [doc.root, ...doc.gruppen].flatMap((entry) => ('struktur' in entry ? entry.struktur : []));
    const anzahlen = new Set(strukturen.map((entry) => entry.anzahl));
    expect(anzahlen.has('0:*')).toBe(true);
  });

  it('S07000000200 v1.2.0: status 5, no Leistungsschlüssel, a 2:5 cardinality and a Staat code list', () => {
    const doc = parseSample('bundt_S07000000200_schema.xdf.xml');
    expect(doc.root).toMatchObject({
      id: 'S07000000200',
      version: '1.2.0',
      name: 'Antrag auf Zulassung zur Falknerprüfung',
      status: { code: '5', label: 'fachlich freigegeben (silber)' },
    });
    expect([doc.felder.length, doc.gruppen.length, doc.regeln.length]).toEqual([17, 7, 5]);
    expect(doc.leistungsschluessel).toEqual([]);
    const struktur = [doc.root, ...doc.gruppen].flatMap((entry) => ('struktur' in entry ? entry.struktur : []));
    expect(struktur.find((entry) => entry.anzahl === '2:5')).toMatchObject({ min: 2, max: 5 });
    expect(doc.felder.find((entry) => entry.codelisteReferenz)?.codelisteReferenz).toEqual({
      kennung: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat',
      version: '2023-02-24',
      canonicalVersionUri: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat_2023-02-24',
    });
  });

  it('S05000001323 (1.4 MB): 52 distinct fields, 17 groups, 16 rules, thousands of ABL relations', () => {
    const doc = parseSample('bundt_S05000001323_schema.xdf.xml');
    expect(doc.root).toMatchObject({ id: 'S05000001323', version: '1.0.0', status: { code: '5' } });
    // SOURCES.md: 57 F counts occurrences; distinct are 52 (17 G and 16 R agree).
    expect([doc.felder.length, doc.gruppen.length, doc.regeln.length]).toEqual([52, 17, 16]);
    expect(doc.leistungsschluessel).toEqual([]);
    expect(feld(doc, 'F05000017636').relationen).toHaveLength(4389);
    expect(feld(doc, 'F05000017636').relationen[0].praedikat).toBe('ABL');
    const relations = [doc.root, ...doc.gruppen, ...doc.felder].reduce(
      (sum, entry) => sum + entry.relationen.length,
      0,
    );
    expect(relations).toBe(5618); // 5,619 in the file; one sits on a repeated copy of a group
    const unbounded = doc.gruppen.flatMap((entry) => entry.struktur).find((entry) => entry.anzahl === '1:*');
    expect(unbounded).toMatchObject({ min: 1, max: null });
  });

  it('glykon S05000058 (XDF 2.0): status aktiv, 31 distinct fields, 8 groups, 2 rules, two keys, code list C05000073', () => {
    const doc = parseSample('glykon_S05000058V1.0_xdf2.xml');
    expect(doc).toMatchObject({ version: '2.0', messageType: 'stammdatenschema' });
    expect(doc.root).toMatchObject({
      id: 'S05000058',
      version: '1.0',
      name: 'Antrag auf Erteilung / Verlängerung Bewohnerparkausweis',
      status: { codeList: 'status', code: 'aktiv', label: 'aktiv' },
      letzteAenderung: '2021-10-20',
    });
    // SOURCES.md: 33 F counts occurrences; distinct are 31.
    expect([doc.felder.length, doc.gruppen.length, doc.regeln.length]).toEqual([31, 8, 2]);
    expect(doc.regeln[0]).toMatchObject({
      id: 'R05000281',
      version: '1.0',
      name: 'Angaben zur Fahrzeughalterin, zum Fahrzeughalter',
    });
    expect(doc.leistungsschluessel).toEqual([
      { schluessel: '99108001001000', source: 'text', field: 'beschreibung', elementKey: 'S05000058@1.0' },
      { schluessel: '99108001020000', source: 'text', field: 'beschreibung', elementKey: 'S05000058@1.0' },
    ]);
    expect(feld(doc, 'F00-4cb0dd14-629c-4661-9435-4e9eadc43e07')).toMatchObject({
      feldart: 'select',
      datentyp: 'text',
      codelisteReferenz: {
        id: 'C05000073',
        kennung: 'urn:de:fim:codeliste:zustimmung',
        version: '2021-01-11',
        canonicalVersionUri: 'urn:de:fim:codeliste:zustimmung_2021-01-11',
      },
    });
    expect(doc.problems).toEqual([]);
  });

  it('xdatenfelder-xml v2 select.xml: schema T1234 with one select field and its code list', () => {
    const doc = parseSample('xdfxml_v2-data_select.xml');
    expect(doc.root).toMatchObject({ id: 'T1234', version: '1.0', name: 'Test', bezug: [{ text: 'Bezug' }] });
    expect(doc.root.kind === 'stammdatenschema' && doc.root.struktur).toEqual([
      {
        anzahl: '1:1',
        min: 1,
        max: 1,
        bezug: [],
        enthaelt: { kind: 'datenfeld', id: 'F123', version: '1.0', key: 'F123@1.0' },
      },
    ]);
    expect(feld(doc, 'F123')).toMatchObject({
      feldart: 'select',
      datentyp: 'text',
      schemaelementart: 'RNG',
      codelisteReferenz: {
        id: 'C123',
        kennung: 'urn:de:example',
        version: '1',
        canonicalVersionUri: 'urn:de:example_1',
      },
    });
    expect(doc.gruppen).toEqual([]);
  });

  it('xdatenfelder-xml v3 simple.xml: a datenfeldgruppe.0103 message for G60000000088 v1.2.0', () => {
    const doc = parseSample('xdfxml_v3-data_simple.xml');
    expect(doc).toMatchObject({ version: '3.0.0', messageType: 'datenfeldgruppe' });
    expect(doc.root).toMatchObject({
      kind: 'datenfeldgruppe',
      key: 'G60000000088@1.2.0',
      name: 'Anschrift Inland',
      gueltigAb: '2021-03-01',
      gueltigBis: '2021-03-02',
      relationen: [{ praedikat: 'ERS', objektId: 'G60000000088', objektVersion: '1.1.0' }],
      regeln: ['R60000000019@1.2.0'],
    });
    expect(doc.gruppen.map((entry) => entry.key)).toEqual(['G60000000088@1.2.0', 'G60000000086@1.2.0']);
    expect(gruppe(doc, 'G60000000088').struktur[0]).toMatchObject({ anzahl: '0:1', min: 0, max: 1 });
    expect(feld(doc, 'F60000000243')).toMatchObject({
      version: '1.1.0',
      name: 'Straße',
      feldart: 'input',
      praezisierung: { minLength: '1', maxLength: '55' },
      regeln: ['R60000000019@1.2.0'],
    });
    expect(doc.regeln).toEqual([
      expect.objectContaining({ key: 'R60000000019@1.2.0', typ: 'V', skript: 'some script content' }),
    ]);
  });

  it('xmlstruct xdf3.xml: schema-level elements (Dokumentsteckbrief, rule script, Präzisierung)', () => {
    const doc = parseSample('xmlstruct_xdf3.xml');
    expect(doc.root).toMatchObject({
      key: 'S12345@1.0.0',
      bezeichnung: 'Eine Bezeichnung',
      dokumentsteckbrief: { id: 'D12345', version: '1.0.0' },
    });
    expect(doc.regeln).toEqual([
      expect.objectContaining({
        key: 'R00001@1.2.0',
        name: 'MindestEineAngabe',
        typ: 'K',
        skript: 'function script() {}',
      }),
    ]);
    expect(feld(doc, 'F00001').praezisierung).toEqual({
      minLength: '0',
      maxLength: '1',
      minValue: '0',
      maxValue: '1',
      pattern: 'test',
    });
    expect(gruppe(doc, 'G00001')).toMatchObject({ version: '1.3.0', schemaelementart: 'ABS' });
  });

  it('rejects the genericode code list as an unknown format, naming what it is', () => {
    const error = parseErrorOf(() =>
      parseFimDocument(readFileSync(path.join(SAMPLES, 'glykon_C05000073_genericode.xml'))),
    );
    expect(error).toMatchObject({ code: 'unknown-format', location: { line: 1, path: '/CodeList' } });
    expect(error.message).toMatch(/genericode-Codeliste/);
  });
});
