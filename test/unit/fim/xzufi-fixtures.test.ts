/**
 * XZuFi transfer messages 2.1.0, 2.2.0 and 2.3.1 from the hand-written fixtures in
 * test/fixtures/xzufi (no real XZuFi file is public; see the comment at the top of each).
 */
import { parseFimDocument, textForLanguage, type XzufiDocument } from '../../../fim';
import { readXzufiFixture } from './fim-test-helpers';

function parseXzufi(name: string): XzufiDocument {
  const doc = parseFimDocument(readXzufiFixture(name));
  if (doc.format !== 'xzufi') throw new Error(`${name} is ${doc.format}`);
  return doc;
}

describe('XZuFi 2.2.0 transfer message', () => {
  const doc = parseXzufi('xzufi-2.2.0-transfer.xml');

  it('detects the version from the namespace and reads the header', () => {
    expect(doc).toMatchObject({
      format: 'xzufi',
      version: '2.2.0',
      namespace: 'http://xoev.de/schemata/xzufi/2_2_0',
      messageName: 'xzufi.transfer',
      xzufiVersionAttribut: '2.2.0',
    });
    expect(doc.nachrichtenkopf).toEqual({
      nachrichtUUID: '3f1c2b7e-5d0a-4c3e-9a51-0c7f6b1e2d90',
      erstelltDatumZeit: '2025-03-01T08:00:00Z',
      sender: 'Landesredaktion Beispielland',
    });
    expect(doc.problems).toEqual([]);
  });

  it('reads a Leistung with Redaktion-scoped id, all keys, Typisierung and metadata', () => {
    const [leistung] = doc.leistungen;
    expect(leistung).toMatchObject({
      path: '/xzufi.transfer/schreibe[1]/leistung',
      position: 1,
      valid: true,
      id: { value: '8966541', schemeAgencyID: 'L100012', key: 'L100012:8966541' },
      leistungsschluessel: ['99050012104000', '99050012104001'],
      typisierung: ['2/3'],
      leistungsadressat: ['001'],
      vertrauensniveau: '30',
      gueltigkeit: [{ beginn: '2024-01-01', ende: '2026-12-31' }],
      versionsinformation: {
        erstelltDatumZeit: '2021-05-04T10:00:00Z',
        geaendertDatumZeit: '2025-02-27T16:30:00Z',
        version: '7',
      },
    });
  });

  it('strips HTML, normalises de-DE to de, and drops a module that holds only <br>', () => {
    const [leistung] = doc.leistungen;
    expect(leistung.bezeichnung).toEqual({ de: 'Personalausweis beantragen', en: 'Apply for an identity card' });
    expect(textForLanguage(leistung.bezeichnung, 'de-DE')).toBe('Personalausweis beantragen');
    // Written with the ns0 prefix for the same namespace.
    expect(leistung.bezeichnung2).toEqual({ de: 'Personalausweis Ausstellung' });
    expect(leistung.kurztext.de).toBe('Sie brauchen einen Ausweis?\n- ab 16 Jahren Pflicht\n- Gebühr: 37 €');
    expect(leistung.kurztext.en).toBe('Do you need an ID card?\nMandatory from age 16.');
    expect(leistung.textmodule.map((modul) => modul.code)).toEqual(['02', '03', '05']);
  });

  it('keeps codes as strings and reads elements under a second prefix', () => {
    const zweite = doc.leistungen[1];
    expect(zweite).toMatchObject({
      path: '/xzufi.transfer/schreibe[2]/leistung',
      id: { key: 'L100012:8966542' },
      leistungsschluessel: ['99108001001000'],
      typisierung: ['5'],
      leistungsadressat: ['001', '002'],
    });
  });

  it('reads the Onlinedienst with its link, Vertrauensniveau and Leistung', () => {
    expect(doc.onlinedienste).toEqual([
      expect.objectContaining({
        path: '/xzufi.transfer/schreibe[3]/onlinedienst',
        id: expect.objectContaining({ key: 'L100012:OD-123' }),
        bezeichnung: { de: 'Online-Antrag Bewohnerparkausweis', en: 'Online application resident parking permit' },
        links: [
          {
            url: 'https://service.example.de/bewohnerparken?quelle=pvog&sprache=de',
            typ: '01',
            titel: 'Zum Antrag',
            languageCode: 'de',
          },
        ],
        leistungIds: [expect.objectContaining({ key: 'L100012:8966542' })],
        vertrauensniveau: '20',
        valid: true,
      }),
    ]);
  });

  it('reads Zuständigkeiten from the transfer object and from inside the Onlinedienst', () => {
    expect(doc.zustaendigkeiten).toHaveLength(2);
    const [imOnlinedienst, transfer] = doc.zustaendigkeiten;
    expect(imOnlinedienst).toMatchObject({
      quelle: 'onlinedienst',
      art: 'onlinedienst',
      zustaendigesObjektId: { key: 'L100012:OD-123' },
      leistungId: { key: 'L100012:8966542' },
    });
    expect(transfer).toMatchObject({
      quelle: 'zustaendigkeitTransferObjekt',
      path: '/xzufi.transfer/schreibe[4]/zustaendigkeitTransferObjekt/zustaendigkeit',
      art: 'organisationseinheit',
      zustaendigesObjektId: { value: 'OE-4711', key: 'L100012:OE-4711' },
      leistungId: { key: 'L100012:8966541' },
      gebiete: [
        {
          id: '091620000000',
          schemeID: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs',
          ars: '091620000000',
        },
      ],
      rolle: '01',
      valid: true,
    });
    expect(doc.organisationseinheiten).toEqual([
      expect.objectContaining({
        id: expect.objectContaining({ key: 'L100012:OE-4711' }),
        name: 'Bürgerbüro Musterstadt',
      }),
    ]);
  });

  it('reads loesche with its class and id, and counts objects it does not read', () => {
    expect(doc.loeschungen).toEqual([
      {
        klasse: 'Leistung',
        id: { value: '8960000', schemeAgencyID: 'L100012', key: 'L100012:8960000' },
        path: '/xzufi.transfer/loesche/id',
        position: 7,
      },
    ]);
    expect(doc.ignored).toEqual({ spezialisierung: 1 });
  });
});

describe('XZuFi 2.1.0 transfer message', () => {
  it('reads referenzLeiKa, decodes entities in escaped HTML and reads loesche', () => {
    const doc = parseXzufi('xzufi-2.1.0-transfer.xml');
    expect(doc.version).toBe('2.1.0');
    expect(
      doc.leistungen.map((leistung) => [leistung.id?.key, leistung.leistungsschluessel, leistung.bezeichnung.de]),
    ).toEqual([
      ['L100002:346501', ['99115005001000'], 'Wohnsitz Anmeldung'],
      ['L100002:346502', ['99115005002000'], 'Wohnsitz Abmeldung'],
    ]);
    expect(doc.leistungen[0].kurztext.de).toBe(
      'Wenn Sie umziehen, müssen Sie sich innerhalb von zwei Wochen anmelden.',
    );
    expect(doc.leistungen[0].gueltigkeit).toEqual([{ beginn: '2015-11-01' }]);
    expect(doc.loeschungen).toEqual([expect.objectContaining({ klasse: 'Onlinedienst', position: 3 })]);
    expect(doc.problems).toEqual([]);
  });
});

describe('XZuFi 2.3.1 transfer message', () => {
  const doc = parseXzufi('xzufi-2.3.1-transfer.xml');

  it('reads referenzLeistungsschluessel under a default namespace and a prefix declared deep inside', () => {
    expect(doc.version).toBe('2.3.1');
    expect(doc.leistungen).toHaveLength(1);
    expect(doc.leistungen[0]).toMatchObject({
      id: { key: 'B100019:L-2001' },
      // namespaced <code> and un-namespaced <code xmlns=""> alike
      leistungsschluessel: ['99006053006000', '99006047261000'],
      typisierung: ['1'],
      leistungsadressat: ['002'],
      versionsinformation: { geaendertDatumZeit: '2025-06-05T08:41:55Z' },
    });
  });

  it('strips HTML from CDATA and keeps the first text per language (de before de-DE)', () => {
    expect(doc.leistungen[0].bezeichnung).toEqual({ de: 'Mutterschutz\nBeschäftigung zwischen 20 und 22 Uhr' });
  });

  it('reads several areas of one Zuständigkeit, with the ARS where the key is one', () => {
    expect(doc.zustaendigkeiten).toHaveLength(1);
    expect(doc.zustaendigkeiten[0]).toMatchObject({
      art: 'organisationseinheit',
      zustaendigesObjektId: { key: 'B100019:OE-Aufsicht-9' },
      leistungId: { key: 'B100019:L-2001' },
    });
    expect(doc.zustaendigkeiten[0].gebiete.map((gebiet) => [gebiet.id, gebiet.ars])).toEqual([
      ['091620000000', '091620000000'],
      ['091840000000', '091840000000'],
      ['09', undefined],
    ]);
  });

  it('links the Onlinedienst to its Leistung and reads loesche of a Zuständigkeit', () => {
    expect(doc.onlinedienste[0]).toMatchObject({
      id: { key: 'B100019:OD-77' },
      links: [{ url: 'https://antrag.example.org/muschg', typ: '01' }],
      leistungIds: [{ key: 'B100019:L-2001' }],
    });
    expect(doc.loeschungen).toEqual([
      expect.objectContaining({ klasse: 'Zustaendigkeit', id: expect.objectContaining({ value: 'Z-70' }) }),
    ]);
  });
});
