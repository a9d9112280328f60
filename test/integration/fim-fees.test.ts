/**
 * Fee information from XZuFi (`modulKosten`) on a real database: `leistungen.fee_bearing` is
 * true, false or null after importing the fixtures, a later description without a decidable
 * `modulKosten` keeps it, and the OZG catalogue import does not overwrite what FIM said.
 */
import type { DataSource } from 'typeorm';
import { bufferSource, fimSourcesFromPaths } from '../../importers/fim/fim-sources';
import { importFim } from '../../importers/fim/fim.importer';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { cliPrincipal } from '../../lib/principal';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { XZUFI_FIXTURES_DIR } from '../unit/fim/fim-test-helpers';

const actor = { principal: cliPrincipal(), requestId: null };
const MAX = 1 << 24;

interface Traits {
  fee: boolean | null;
  vertrauensniveau: string | null;
}

/** fee_bearing (as a boolean: SQLite returns 0/1) and Vertrauensniveau per Leistungsschlüssel. */
async function traits(dataSource: DataSource): Promise<Record<string, Traits>> {
  const rows = (await dataSource.query(
    'SELECT "schluessel", "fee_bearing" AS "fee", "vertrauensniveau" FROM "leistungen" ORDER BY "schluessel"',
  )) as { schluessel: string; fee: unknown; vertrauensniveau: string | null }[];
  return Object.fromEntries(
    rows.map((r) => [
      r.schluessel,
      { fee: r.fee === null ? null : Boolean(Number(r.fee)), vertrauensniveau: r.vertrauensniveau },
    ]),
  );
}

/** A 2.2.0 message with Leistung `id` (Leistungsschlüssel 99000000000`id`) holding `body`. */
const xzufi = (body: string, id = '500') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<x:xzufi.transfer xmlns:x="http://xoev.de/schemata/xzufi/2_2_0">` +
  `<x:schreibe><x:leistung><x:id schemeAgencyID="L1">${id}</x:id><x:referenzLeiKa><code>99000000000${id}</code></x:referenzLeiKa>` +
  `<x:modulText><x:inhalt languageCode="de">Testleistung</x:inhalt><x:leikaTextmodul><code>02</code></x:leikaTextmodul></x:modulText>` +
  `${body}</x:leistung></x:schreibe></x:xzufi.transfer>`;
const fee = (amount: string) => `<x:modulKosten><x:kosten><x:betrag>${amount}</x:betrag></x:kosten></x:modulKosten>`;

async function importXml(dataSource: DataSource, name: string, xml: string) {
  const report = await importFim(dataSource, {
    sources: [bufferSource(name, Buffer.from(xml))],
    maxBytes: MAX,
    actor,
  });
  expect(report.status).toBe('succeeded');
  return report;
}

describe('FIM fee information (modulKosten)', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.close());

  it('stores fee, free and unknown with the Vertrauensniveau from the three fixtures', async () => {
    const report = await importFim(db.dataSource, {
      sources: await fimSourcesFromPaths([XZUFI_FIXTURES_DIR]),
      maxBytes: MAX,
      actor,
    });
    expect(report.status).toBe('succeeded');
    expect(await traits(db.dataSource)).toEqual({
      // 2.3.1: Mutterschutz, one item of 0 EUR (the secondary key is created with the same values).
      '99006047261000': { fee: false, vertrauensniveau: '30' },
      '99006053006000': { fee: false, vertrauensniveau: '30' },
      // 2.2.0: Personalausweis, 37.00 and 22,80 EUR.
      '99050012104000': { fee: true, vertrauensniveau: '30' },
      '99050012104001': { fee: true, vertrauensniveau: '30' },
      // 2.2.0: Bewohnerparkausweis without modulKosten.
      '99108001001000': { fee: null, vertrauensniveau: null },
      // 2.1.0: Anmeldung "Gebührenfrei.", Abmeldung with a sentence that decides nothing.
      '99115005001000': { fee: false, vertrauensniveau: '40' },
      '99115005002000': { fee: null, vertrauensniveau: null },
    });
  });

  it('a new description changes the fee; one without a decidable modulKosten keeps it', async () => {
    await importXml(db.dataSource, 'a.xml', xzufi(fee('15.00')));
    expect((await traits(db.dataSource))['99000000000500'].fee).toBe(true);

    const free = await importXml(db.dataSource, 'b.xml', xzufi(fee('0')));
    expect(free.counts.updated).toBe(1);
    expect((await traits(db.dataSource))['99000000000500'].fee).toBe(false);

    const undecided = await importXml(
      db.dataSource,
      'c.xml',
      xzufi('<x:modulKosten><x:beschreibung languageCode="de">siehe Satzung</x:beschreibung></x:modulKosten>'),
    );
    expect(undecided.counts.updated).toBe(1);
    const without = await importXml(db.dataSource, 'd.xml', xzufi(''));
    expect(without.counts.updated).toBe(1);
    expect((await traits(db.dataSource))['99000000000500'].fee).toBe(false);
  });

  it('a catalogue that says otherwise does not overwrite the fee FIM stated, but sets one FIM left open', async () => {
    await importXml(db.dataSource, 'a.xml', xzufi(fee('15.00')));
    await importXml(db.dataSource, 'b.xml', xzufi('', '501'));
    const rows = [
      {
        ozgid: 10160,
        ozg_bezeichnung: 'Test',
        leika_key: '99000000000500',
        leika_name: 'Test',
        gebuehrenpflichtig: 'nein',
      },
      {
        ozgid: 10160,
        ozg_bezeichnung: 'Test',
        leika_key: '99000000000501',
        leika_name: 'Test 2',
        gebuehrenpflichtig: 'ja',
      },
    ];
    const report = await importOzgCatalogue(db.dataSource, {
      files: [{ name: 'katalog.json', buffer: Buffer.from(JSON.stringify(rows), 'utf8') }],
      actor,
    });
    expect(report.status).toBe('succeeded');
    const after = await traits(db.dataSource);
    expect(after['99000000000500'].fee).toBe(true);
    expect(after['99000000000501'].fee).toBe(true);
  });
});
