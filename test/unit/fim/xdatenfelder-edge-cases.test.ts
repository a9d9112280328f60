/** XDatenfelder cases the sample files do not cover: field messages, duplicates, missing versions. */
import { parseFimDocument, type XdfDocument } from '../../../fim';

const XDF3 = 'urn:xoev-de:fim:standard:xdatenfelder_3.0.0';

function parseXdf(xml: string): XdfDocument {
  const doc = parseFimDocument(xml);
  if (doc.format !== 'xdatenfelder') throw new Error(`expected XDatenfelder, got ${doc.format}`);
  return doc;
}

function feldXml(prefix: string, id: string, name: string, feldart = 'input'): string {
  const p = prefix ? `${prefix}:` : '';
  return (
    `<${p}datenfeld><${p}identifikation><${p}id>${id}</${p}id><${p}version>1.0.0</${p}version></${p}identifikation>` +
    `<${p}name>${name}</${p}name><${p}feldart><code>${feldart}</code></${p}feldart></${p}datenfeld>`
  );
}

describe('XDatenfelder edge cases', () => {
  it('reads a datenfeld.0104 message under a prefix like ns0', () => {
    const doc = parseXdf(
      `<ns0:xdatenfelder.datenfeld.0104 xmlns:ns0="${XDF3}"><ns0:header><ns0:nachrichtID>n1</ns0:nachrichtID></ns0:header>` +
        `${feldXml('ns0', 'F60000000001', 'Familienname')}</ns0:xdatenfelder.datenfeld.0104>`,
    );
    expect(doc).toMatchObject({ version: '3.0.0', messageType: 'datenfeld', header: { nachrichtID: 'n1' } });
    expect(doc.root).toMatchObject({
      kind: 'datenfeld',
      key: 'F60000000001@1.0.0',
      name: 'Familienname',
      feldart: 'input',
    });
    expect(doc.felder).toHaveLength(1);
  });

  it('keeps one definition per id+version and warns when a repeated copy differs', () => {
    const struktur = (inner: string) =>
      `<x:struktur><x:anzahl>0:1</x:anzahl><x:enthaelt>${inner}</x:enthaelt></x:struktur>`;
    const doc = parseXdf(
      `<x:xdatenfelder.datenfeldgruppe.0103 xmlns:x="${XDF3}"><x:datenfeldgruppe>` +
        '<x:identifikation><x:id>G60000000001</x:id><x:version>1.0.0</x:version></x:identifikation><x:name>Wurzel</x:name>' +
        struktur(feldXml('x', 'F60000000002', 'Straße')) +
        struktur(feldXml('x', 'F60000000002', 'Straße')) +
        struktur(feldXml('x', 'F60000000002', 'Strasse', 'select')) +
        '</x:datenfeldgruppe></x:xdatenfelder.datenfeldgruppe.0103>',
    );
    expect(doc.felder).toHaveLength(1);
    expect(doc.felder[0]).toMatchObject({ name: 'Straße', path: expect.stringContaining('struktur[1]') });
    expect(doc.root.kind === 'datenfeldgruppe' && doc.root.struktur.map((s) => s.enthaelt?.key)).toEqual([
      'F60000000002@1.0.0',
      'F60000000002@1.0.0',
      'F60000000002@1.0.0',
    ]);
    expect(doc.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'inconsistent-duplicate',
        path: '/xdatenfelder.datenfeldgruppe.0103/datenfeldgruppe/struktur[3]/enthaelt/datenfeld',
      }),
    ]);
  });

  it('uses the id alone as key when XDF 2.0 omits the version, and warns about an unreadable anzahl', () => {
    const doc = parseXdf(
      '<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2">' +
        '<xdf:stammdatenschema><xdf:identifikation><xdf:id>S60000001</xdf:id></xdf:identifikation>' +
        '<xdf:status><code>inVorbereitung</code></xdf:status>' +
        '<xdf:struktur><xdf:anzahl>viele</xdf:anzahl><xdf:enthaelt><xdf:datenfeld><xdf:identifikation><xdf:id>F60000002</xdf:id></xdf:identifikation>' +
        '<xdf:praezisierung>{"minLength":"1","maxLength":"20"}</xdf:praezisierung></xdf:datenfeld></xdf:enthaelt></xdf:struktur>' +
        '</xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>',
    );
    expect(doc.root).toMatchObject({
      key: 'S60000001',
      status: { codeList: 'status', code: 'inVorbereitung', label: 'in Vorbereitung' },
    });
    expect(doc.felder[0]).toMatchObject({ key: 'F60000002', praezisierung: { minLength: '1', maxLength: '20' } });
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'invalid-value', severity: 'warning' })]);
  });
});
