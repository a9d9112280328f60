/** The small pieces behind the parsers: HTML to text, Leistungsschlüssel, input decoding, record problems. */
import path from 'node:path';
import {
  findLeistungsschluesselInText,
  htmlToText,
  isLeistungsschluessel,
  normaliseLanguage,
  parseAnzahl,
  parseFimDocument,
  parseFimFile,
} from '../../../fim';
import { SAMPLES_DIR } from './fim-test-helpers';

const XZUFI = 'xmlns:x="http://xoev.de/schemata/xzufi/2_2_0"';

describe('htmlToText', () => {
  it('turns blocks into lines, list items into dashes, and decodes entities', () => {
    expect(
      htmlToText('<p>Sie brauchen</p><ul><li>ab 16&nbsp;Pflicht</li><li>Geb&uuml;hr: 37&nbsp;&euro;</li></ul>'),
    ).toBe('Sie brauchen\n- ab 16 Pflicht\n- Gebühr: 37 €');
    expect(htmlToText('<h2>Titel</h2><p>eins<br/>zwei</p><script>alert(1)</script><!-- x -->drei')).toBe(
      'Titel\neins\nzwei\ndrei',
    );
    expect(htmlToText('<a href="https://example.de/?a>b">Link</a>  und   Text')).toBe('Link und Text');
  });

  it('returns an empty string for markup without text', () => {
    expect(htmlToText('<br>')).toBe('');
    expect(htmlToText('<p>&nbsp;</p><li></li>')).toBe('');
  });

  it('reads HTML that arrived as markup rather than escaped text in an XZuFi inhalt', () => {
    const doc = parseFimDocument(
      '<x:t xmlns:x="http://xoev.de/schemata/xzufi/2_2_0"><x:schreibe><x:leistung><x:id>1</x:id><x:modulText>' +
        '<x:inhalt languageCode="de"><p>Hallo <b>Welt</b> heute</p></x:inhalt><x:leikaTextmodul><code>02</code></x:leikaTextmodul>' +
        '</x:modulText></x:leistung></x:schreibe></x:t>',
    );
    expect(doc.format === 'xzufi' && doc.leistungen[0].bezeichnung).toEqual({ de: 'Hallo Welt heute' });
  });

  it('keeps escaped markup as literal text', () => {
    expect(htmlToText('&lt;b&gt; ist kein Tag')).toBe('<b> ist kein Tag');
  });
});

describe('Leistungsschlüssel', () => {
  it('requires exactly 14 digits', () => {
    expect(isLeistungsschluessel('99006053006000')).toBe(true);
    expect(isLeistungsschluessel('9900605300600')).toBe(false);
    expect(isLeistungsschluessel('99006053006000 ')).toBe(false);
  });

  it('finds keys in free text but not inside longer numbers', () => {
    expect(findLeistungsschluesselInText('Leistungsschlüssel: 99006053006000')).toEqual(['99006053006000']);
    expect(
      findLeistungsschluesselInText(
        'Erteilung(99108001001000) + Verlängerung(99108001020000), nochmals 99108001001000',
      ),
    ).toEqual(['99108001001000', '99108001020000']);
    expect(findLeistungsschluesselInText('Tel. 0049990060530060001')).toEqual([]);
  });
});

describe('small readers', () => {
  it('normalises language codes to the primary subtag', () => {
    expect(['de-DE', 'DE', 'de', 'de_AT', undefined].map(normaliseLanguage)).toEqual(['de', 'de', 'de', 'de', 'und']);
  });

  it('parses cardinalities', () => {
    expect(parseAnzahl('0:1')).toEqual({ min: 0, max: 1 });
    expect(parseAnzahl('1:*')).toEqual({ min: 1, max: null });
    expect(parseAnzahl('2:1')).toBeUndefined();
    expect(parseAnzahl('eins')).toBeUndefined();
  });
});

describe('input decoding and record problems', () => {
  it('reads bytes with a UTF-8 BOM and ISO-8859-1 bytes declared in the XML declaration', () => {
    const body = `<x:t ${XZUFI}><x:schreibe><x:leistung><x:id>1</x:id><x:modulText><x:inhalt languageCode="de">Gebühr</x:inhalt><x:leikaTextmodul><code>02</code></x:leikaTextmodul></x:modulText></x:leistung></x:schreibe></x:t>`;
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${body}`, 'latin1');
    for (const input of [withBom, latin1]) {
      const doc = parseFimDocument(input);
      expect(doc.format === 'xzufi' && doc.leistungen[0].bezeichnung).toEqual({ de: 'Gebühr' });
    }
  });

  it('flags a Leistung without id and warns when xzufiVersion contradicts the namespace', () => {
    const doc = parseFimDocument(`<x:t ${XZUFI} xzufiVersion="2.1.0"><x:schreibe><x:leistung/></x:schreibe></x:t>`);
    if (doc.format !== 'xzufi') throw new Error('expected XZuFi');
    expect(doc.leistungen[0]).toMatchObject({
      valid: false,
      problems: [{ code: 'missing-id', path: '/t/schreibe/leistung' }],
    });
    expect(doc.problems.map((problem) => [problem.severity, problem.code])).toEqual([
      ['warning', 'version-mismatch'],
      ['error', 'missing-id'],
    ]);
  });
});

describe('parseFimFile', () => {
  const file = path.join(SAMPLES_DIR, 'xdfxml_v2-data_select.xml');

  it('reads and parses a file', async () => {
    await expect(parseFimFile(file)).resolves.toMatchObject({ format: 'xdatenfelder', root: { id: 'T1234' } });
  });

  it('refuses an oversized file before reading it', async () => {
    await expect(parseFimFile(file, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'too-large' });
  });
});
