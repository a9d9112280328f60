/**
 * Issue 12, finding 6: characters XML 1.0 does not allow, unsupported declared encodings and
 * elements with absurd attribute counts are refused with a typed error and a German message.
 */
import iconv from 'iconv-lite';
import { parseFimDocument } from '../../../fim';
import { parseErrorOf } from './fim-test-helpers';

const XZUFI = 'xmlns:xzufi="http://xoev.de/schemata/xzufi/2_2_0"';

/** One Leistung with the given name, in a transfer message with the given XML declaration. */
function document(name: string, declaration = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return (
    `${declaration}\n<xzufi:xzufi.transfer ${XZUFI}>\n` +
    '<xzufi:schreibe><xzufi:leistung><xzufi:id schemeAgencyID="L1">1</xzufi:id>' +
    '<xzufi:referenzLeiKa><code>99050012104000</code></xzufi:referenzLeiKa>' +
    `<xzufi:modulText><xzufi:inhalt languageCode="de">${name}</xzufi:inhalt>` +
    '<xzufi:leikaTextmodul><code>02</code></xzufi:leikaTextmodul></xzufi:modulText>' +
    '</xzufi:leistung></xzufi:schreibe>\n</xzufi:xzufi.transfer>'
  );
}

function nameOf(xml: string | Buffer): unknown {
  const doc = parseFimDocument(xml);
  if (doc.format !== 'xzufi') throw new Error('expected XZuFi');
  return doc.leistungen[0].bezeichnung;
}

describe('FIM XML: characters and encodings', () => {
  it('refuses NUL and ESC in text, raw or as character reference, at their line', () => {
    const nul = parseErrorOf(() => parseFimDocument(Buffer.from(document('Hunde\u0000steuer'))));
    expect(nul).toMatchObject({ code: 'invalid-character', location: { line: 3 } });
    expect(nul.message).toBe('Das Steuerzeichen U+0000 (NUL) ist in XML nicht erlaubt.');
    const esc = parseErrorOf(() => parseFimDocument(document('Hunde\u001b[31msteuer')));
    expect(esc.message).toMatch(/U\+001B \(ESC\)/);
    const reference = parseErrorOf(() => parseFimDocument(document('Hunde&#x1B;steuer')));
    expect(reference).toMatchObject({ code: 'invalid-character' });
    expect(reference.message).toMatch(/&#x1B;/);
    expect(parseErrorOf(() => parseFimDocument(document('a&#0;b'))).code).toBe('invalid-character');
    // Tab, line breaks and their references stay allowed.
    expect(nameOf(document('Hunde-&#x9;steuer\tneu'))).toEqual({ de: 'Hunde- steuer neu' });
  });

  it('refuses bytes that are no valid UTF-8 instead of storing U+FFFD', () => {
    const bytes = Buffer.from(document('Geb_hr'));
    bytes[bytes.indexOf('Geb_hr') + 3] = 0xfc;
    expect(parseErrorOf(() => parseFimDocument(bytes)).code).toBe('invalid-character');
  });

  it('accepts UTF-8, UTF-16, ISO-8859-1 and Windows-1252 (any case) and refuses other declarations by name', () => {
    const name = 'Gebühr für „Hunde“ – 5 €';
    const cp1252 = iconv.encode(document(name, '<?xml version="1.0" encoding="windows-1252"?>'), 'windows-1252');
    expect(nameOf(cp1252)).toEqual({ de: name });
    const latin = Buffer.from(document('Gebühr für Hunde', '<?xml version="1.0" encoding="iso-8859-1"?>'), 'latin1');
    expect(nameOf(latin)).toEqual({ de: 'Gebühr für Hunde' });
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(document(name, '<?xml version="1.0" encoding="UTF-16"?>'), 'utf16le'),
    ]);
    expect(nameOf(utf16)).toEqual({ de: name });
    expect(nameOf(Buffer.from(document(name, '<?xml version="1.0" encoding="utf-8"?>')))).toEqual({ de: name });

    const ebcdic = parseErrorOf(() =>
      parseFimDocument(Buffer.from(document('x', '<?xml version="1.0" encoding="EBCDIC-US"?>'))),
    );
    expect(ebcdic).toMatchObject({ code: 'unsupported-encoding', location: { line: 1, column: 1 } });
    expect(ebcdic.message).toBe(
      'Die Zeichenkodierung „EBCDIC-US“ wird nicht unterstützt; erlaubt sind UTF-8, UTF-16, ISO-8859-1 und Windows-1252.',
    );
    expect(parseErrorOf(() => parseFimDocument(document('x', "<?xml version='1.0' encoding='Shift_JIS'?>"))).code).toBe(
      'unsupported-encoding',
    );
  });
});

describe('FIM XML: attributes per element', () => {
  const withAttributes = (n: number) => {
    const attributes = Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join('');
    return document('Hundesteuer').replace(
      '<xzufi:inhalt languageCode="de">',
      `<xzufi:inhalt languageCode="de"${attributes}>`,
    );
  };

  it('accepts 255 extra attributes (256 in all) and refuses one more, naming element, limit and line', () => {
    expect(nameOf(withAttributes(255))).toEqual({ de: 'Hundesteuer' });
    const error = parseErrorOf(() => parseFimDocument(withAttributes(256)));
    expect(error).toMatchObject({ code: 'too-many-attributes', location: { line: 3 } });
    expect(error.message).toBe('Das Element <xzufi:inhalt> hat mehr als 256 Attribute; erlaubt sind höchstens 256.');
  });

  it('refuses an element with a million attributes in the prescan, before the parser sees it', () => {
    // NOTE: no timing assertion; before the limit this document took the validator about 30 s.
    const error = parseErrorOf(() => parseFimDocument(withAttributes(1_000_000)));
    expect(error.code).toBe('too-many-attributes');
  });
});
