/**
 * Fee information (`modulKosten`) of XZuFi Leistungen in 2.1.0, 2.2.0 and 2.3.1: the cost items
 * as read, and whether they say fee, free or nothing (see fim/xzufi-kosten.ts for the rules).
 */
import { parseFimDocument, type XzufiDocument, type XzufiLeistung } from '../../../fim';
import { readXzufiFixture } from './fim-test-helpers';

const VERSIONS = ['2.1.0', '2.2.0', '2.3.1'] as const;

function parse(xml: string | Buffer): XzufiDocument {
  const doc = parseFimDocument(xml);
  if (doc.format !== 'xzufi') throw new Error(`parsed as ${doc.format}`);
  return doc;
}

/** One Leistung in a transfer message of that version, with `body` inside the `leistung`. */
function leistungWith(version: string, body: string): XzufiLeistung {
  const ns = `http://xoev.de/schemata/xzufi/${version.replace(/\./g, '_')}`;
  const doc = parse(
    `<x:xzufi.transfer xmlns:x="${ns}" xzufiVersion="${version}"><x:schreibe><x:leistung>` +
      '<x:id schemeAgencyID="L1">1</x:id><x:referenzLeiKa><code>99000000000001</code></x:referenzLeiKa>' +
      `${body}</x:leistung></x:schreibe></x:xzufi.transfer>`,
  );
  expect(doc.version).toBe(version);
  return doc.leistungen[0];
}

const kosten = (...items: string[]) => `<x:modulKosten>${items.join('')}</x:modulKosten>`;
const item = (inner: string) => `<x:kosten>${inner}</x:kosten>`;

describe.each(VERSIONS)('modulKosten in XZuFi %s', (version) => {
  it('a fixed amount above zero is a fee, with type, amount, currency, advance payment and text', () => {
    const leistung = leistungWith(
      version,
      kosten(
        item(
          '<x:kostenart listURI="urn:xoev-de:fim:codeliste:xzufi.kostenart"><code>01</code></x:kostenart>' +
            '<x:betragFix><x:betrag>37.00</x:betrag><x:waehrung><code>EUR</code></x:waehrung></x:betragFix>' +
            '<x:beschreibung languageCode="de-DE">&lt;p&gt;Gebühr&lt;/p&gt;</x:beschreibung><x:vorkasse>true</x:vorkasse>',
        ),
      ),
    );
    expect(leistung.kosten).toEqual({
      positionen: [{ typ: '01', betrag: 37, waehrung: 'EUR', vorkasse: true, beschreibung: { de: 'Gebühr' } }],
      beschreibung: {},
      feeBearing: true,
    });
    expect(leistung.problems).toEqual([]);
  });

  it('an amount of zero and nothing else is free', () => {
    const leistung = leistungWith(version, kosten(item('<x:betrag>0</x:betrag>')));
    expect(leistung.kosten).toEqual({
      positionen: [{ betrag: 0, beschreibung: {} }],
      beschreibung: {},
      feeBearing: false,
    });
  });

  it('no modulKosten at all is unknown: no kosten, no feeBearing', () => {
    const leistung = leistungWith(version, '<x:typisierung><code>3</code></x:typisierung>');
    expect(leistung.kosten).toBeUndefined();
    expect(leistung.valid).toBe(true);
  });
});

describe('deciding fee, free or unknown', () => {
  const v = '2.2.0';

  it('a range whose upper bound is above zero is a fee, and one fee among free items is enough', () => {
    const leistung = leistungWith(
      v,
      kosten(
        item('<x:betrag>0</x:betrag>'),
        item('<x:betragVariabel><x:betragMin>0</x:betragMin><x:betragMax>1500,50</x:betragMax></x:betragVariabel>'),
      ),
    );
    expect(leistung.kosten?.positionen[1]).toEqual({ betragMin: 0, betragMax: 1500.5, beschreibung: {} });
    expect(leistung.kosten?.feeBearing).toBe(true);
  });

  it('reads a currency given as an attribute and an amount written directly in betragFix', () => {
    const leistung = leistungWith(v, kosten(item('<x:betragFix currencyID="EUR">12.5</x:betragFix>')));
    expect(leistung.kosten?.positionen).toEqual([{ betrag: 12.5, waehrung: 'EUR', beschreibung: {} }]);
  });

  it.each([
    ['keine', false],
    ['<p>Kostenfrei.</p>', false],
    ['  Keine   Gebühren ', false],
    ['gebührenfrei', false],
    ['Keine Gebühr für Kinder, sonst 10 Euro', undefined],
    ['Die Kosten richten sich nach der Satzung.', undefined],
  ])('module description %j without items → %s (only whole free phrases count)', (text, expected) => {
    const escaped = text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const leistung = leistungWith(v, kosten(`<x:beschreibung languageCode="de">${escaped}</x:beschreibung>`));
    expect(leistung.kosten?.feeBearing).toBe(expected);
    expect(leistung.kosten?.beschreibung.de).toBeDefined();
  });

  it('an item with neither amount nor a free phrase leaves the whole module undecided', () => {
    const leistung = leistungWith(
      v,
      kosten(item('<x:betrag>0</x:betrag>'), item('<x:beschreibung languageCode="de">nach Aufwand</x:beschreibung>')),
    );
    expect(leistung.kosten).toMatchObject({ positionen: [{ betrag: 0 }, { beschreibung: { de: 'nach Aufwand' } }] });
    expect(leistung.kosten && 'feeBearing' in leistung.kosten).toBe(false);
  });

  it('an item described as "keine" counts as free; an empty modulKosten says nothing', () => {
    const free = leistungWith(v, kosten(item('<x:beschreibung languageCode="de">Keine</x:beschreibung>')));
    expect(free.kosten?.feeBearing).toBe(false);
    const empty = leistungWith(v, kosten());
    expect(empty.kosten).toEqual({ positionen: [], beschreibung: {} });
  });

  it('an amount that is not a decimal is a warning, the record stays valid and the fee unknown', () => {
    const leistung = leistungWith(v, kosten(item('<x:betragFix>ca. 30 €</x:betragFix>')));
    expect(leistung.valid).toBe(true);
    expect(leistung.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'invalid-value',
        path: '/xzufi.transfer/schreibe/leistung/modulKosten/kosten/betragFix',
      }),
    ]);
    expect(leistung.kosten).toEqual({ positionen: [{ beschreibung: {} }], beschreibung: {} });
  });
});

describe('modulKosten in the fixtures', () => {
  it('2.2.0: the Personalausweis costs a fee (two items, one with a decimal comma); the parking permit says nothing', () => {
    const doc = parse(readXzufiFixture('xzufi-2.2.0-transfer.xml'));
    const [ausweis, parken] = doc.leistungen;
    expect(ausweis.kosten).toEqual({
      positionen: [
        { typ: '01', betrag: 37, waehrung: 'EUR', vorkasse: true, beschreibung: { de: 'Gebühr ab 24 Jahren' } },
        { typ: '01', betrag: 22.8, waehrung: 'EUR', beschreibung: { de: 'Gebühr unter 24 Jahren' } },
      ],
      beschreibung: { de: 'Die Gebühr ist bei Antragstellung zu zahlen.' },
      feeBearing: true,
    });
    expect(parken.kosten).toBeUndefined();
    expect(doc.problems).toEqual([]);
  });

  it('2.1.0: the Anmeldung is "Gebührenfrei." with Vertrauensniveau 40; the Abmeldung text decides nothing', () => {
    const doc = parse(readXzufiFixture('xzufi-2.1.0-transfer.xml'));
    const [anmeldung, abmeldung] = doc.leistungen;
    expect(anmeldung).toMatchObject({ vertrauensniveau: '40', kosten: { positionen: [], feeBearing: false } });
    expect(abmeldung.kosten).toEqual({
      positionen: [],
      beschreibung: { de: 'Die Kosten richten sich nach der örtlichen Satzung.' },
    });
  });

  it('2.3.1: one item of 0 EUR under a default namespace is free', () => {
    const doc = parse(readXzufiFixture('xzufi-2.3.1-transfer.xml'));
    expect(doc.leistungen[0]).toMatchObject({
      vertrauensniveau: '30',
      kosten: { positionen: [{ typ: '01', betrag: 0, waehrung: 'EUR', beschreibung: {} }], feeBearing: false },
    });
  });
});
