/** Issue 12, finding 6: the FIM import report names refused characters and encodings, in German. */
import { bufferSource } from '../../importers/fim/fim-sources';
import { importFim } from '../../importers/fim/fim.importer';
import { cliPrincipal } from '../../lib/principal';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

const actor = { principal: cliPrincipal(), requestId: null };
const xzufi = (body: string, encoding = 'UTF-8') =>
  `<?xml version="1.0" encoding="${encoding}"?>\n<x:xzufi.transfer xmlns:x="http://xoev.de/schemata/xzufi/2_2_0">\n${body}</x:xzufi.transfer>`;
const leistung = (name: string) =>
  '<x:schreibe><x:leistung><x:id schemeAgencyID="L1">1</x:id><x:referenzLeiKa><code>99000000000001</code></x:referenzLeiKa>' +
  `<x:modulText><x:inhalt languageCode="de">${name}</x:inhalt><x:leikaTextmodul><code>02</code></x:leikaTextmodul></x:modulText>` +
  '<x:typisierung><code>3</code></x:typisierung></x:leistung></x:schreibe>';

describe('FIM import: hostile characters', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const importOne = (xml: string) =>
    importFim(db.dataSource, {
      sources: [bufferSource('bad.xml', Buffer.from(xml))],
      maxBytes: 1024 * 1024,
      actor,
    });

  it.each([
    [
      'NUL in a name',
      xzufi(leistung('Hunde\u0000steuer')),
      'invalid-character',
      /U\+0000 \(NUL\) ist in XML nicht erlaubt/,
    ],
    ['ESC in a name', xzufi(leistung('Hunde\u001bsteuer')), 'invalid-character', /U\+001B \(ESC\)/],
    [
      'EBCDIC-US declared',
      xzufi(leistung('Hundesteuer'), 'EBCDIC-US'),
      'unsupported-encoding',
      /„EBCDIC-US“ wird nicht unterstützt/,
    ],
  ])('%s: rejected, nothing stored, the report says why', async (_name, xml, code, detail) => {
    const report = await importOne(xml);
    expect(report.status).toBe('rejected');
    expect(report.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', code, file: 'bad.xml', detail: expect.stringMatching(detail) }),
    );
    const [row] = await db.dataSource.query('SELECT COUNT(*) AS "n" FROM "fim_leistungen"');
    expect(Number(row.n)).toBe(0);
  });

  it('stores a Leistung name in NFKC, as every other name (full-width forms become plain)', async () => {
    const report = await importOne(xzufi(leistung('Ｈundesteuer ＝ Anmeldung')));
    expect(report.status).toBe('succeeded');
    const [row] = await db.dataSource.query(`SELECT "name" FROM "leistungen" WHERE "schluessel" = '99000000000001'`);
    expect(row.name).toBe('Hundesteuer = Anmeldung');
  });
});
