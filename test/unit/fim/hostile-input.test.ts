/** Broken and hostile input is refused with a typed error and a location; nothing is expanded. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFimDocument } from '../../../fim';
import { parseErrorOf, SAMPLES_DIR } from './fim-test-helpers';

const XZUFI = 'xmlns:xzufi="http://xoev.de/schemata/xzufi/2_2_0"';

function leistung(id: string, ...keys: string[]): string {
  const referenzen = keys.map((key) => `<xzufi:referenzLeiKa><code>${key}</code></xzufi:referenzLeiKa>`).join('');
  return `<xzufi:schreibe><xzufi:leistung><xzufi:id schemeAgencyID="L1">${id}</xzufi:id>${referenzen}</xzufi:leistung></xzufi:schreibe>`;
}

describe('hostile or broken FIM input', () => {
  it('rejects XML that is not well-formed, with line and column', () => {
    const xml = [
      '<?xml version="1.0"?>',
      `<xzufi:xzufi.transfer ${XZUFI}>`,
      '  <xzufi:schreibe>',
      '    <xzufi:leistung></xzufi:leistun>',
      '  </xzufi:schreibe>',
      '</xzufi:xzufi.transfer>',
    ].join('\n');
    const error = parseErrorOf(() => parseFimDocument(xml));
    expect(error.code).toBe('not-well-formed');
    expect(error.location).toEqual({ line: 4, column: 21 });
  });

  it('rejects a DOCTYPE with nested entities (billion laughs) without expanding anything', () => {
    const entities = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= 9; level++) {
      entities.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
    }
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [${entities.join('')}]>\n<xzufi:xzufi.transfer ${XZUFI}>&lol9;</xzufi:xzufi.transfer>`;
    const started = Date.now();
    const error = parseErrorOf(() => parseFimDocument(xml));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('doctype-forbidden');
    expect(error.location).toEqual({ line: 2, column: 1 });
  });

  it('rejects an external entity declaration before anything could be fetched', () => {
    const xml = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xzufi:xzufi.transfer ${XZUFI}>&xxe;</xzufi:xzufi.transfer>`;
    const error = parseErrorOf(() => parseFimDocument(xml));
    expect(error).toMatchObject({ code: 'doctype-forbidden', location: { line: 1, column: 1 } });
  });

  it('rejects an unknown root element: an unsupported XDatenfelder message and a root in no namespace', () => {
    const codeliste = parseErrorOf(() =>
      parseFimDocument('<xdf:xdatenfelder.codeliste.0105 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2"/>'),
    );
    expect(codeliste).toMatchObject({ code: 'unknown-format', location: { path: '/xdatenfelder.codeliste.0105' } });
    const plain = parseErrorOf(() => parseFimDocument('<leistung><id>1</id></leistung>'));
    expect(plain).toMatchObject({ code: 'unknown-format', location: { line: 1, column: 1, path: '/leistung' } });
  });

  it('rejects an XZuFi namespace version it does not know', () => {
    const error = parseErrorOf(() =>
      parseFimDocument(
        '<z:xzufi.transfer xmlns:z="http://xoev.de/schemata/xzufi/9_9_9"><z:schreibe/></z:xzufi.transfer>',
      ),
    );
    expect(error.code).toBe('unknown-format');
    expect(error.message).toContain('http://xoev.de/schemata/xzufi/9_9_9');
  });

  it('rejects an XZuFi message that is not a transfer (no schreibe, no loesche)', () => {
    const xml = `<xzufi:leistungsbericht ${XZUFI}><xzufi:antwort/></xzufi:leistungsbericht>`;
    expect(parseErrorOf(() => parseFimDocument(xml))).toMatchObject({
      code: 'unknown-format',
      location: { path: '/leistungsbericht' },
    });
  });

  it('rejects an undeclared namespace prefix with the element path', () => {
    const xml = `<xzufi:xzufi.transfer ${XZUFI}><xzufi:schreibe><p:leistung/></xzufi:schreibe></xzufi:xzufi.transfer>`;
    expect(parseErrorOf(() => parseFimDocument(xml))).toMatchObject({
      code: 'not-well-formed',
      location: { path: '/xzufi.transfer/schreibe/p:leistung' },
    });
  });

  it('rejects input larger than the configured limit, as text and as bytes', () => {
    const xml = `<xzufi:xzufi.transfer ${XZUFI}>${leistung('1', '99050012104000')}</xzufi:xzufi.transfer>`;
    expect(parseErrorOf(() => parseFimDocument(xml, { maxBytes: 100 })).code).toBe('too-large');
    expect(parseErrorOf(() => parseFimDocument(Buffer.from(xml), { maxBytes: 100 })).code).toBe('too-large');
    expect(() => parseFimDocument(xml, { maxBytes: 10_000 })).not.toThrow();
  });

  it('rejects nesting deeper than the limit before parsing, with the position', () => {
    const xml = `<xzufi:xzufi.transfer ${XZUFI}>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</xzufi:xzufi.transfer>`;
    const error = parseErrorOf(() => parseFimDocument(xml));
    expect(error).toMatchObject({ code: 'too-deep', location: { line: 1 } });
    // The real schema S00000000364 nests 13 levels: fine by default, too deep for a limit of 10.
    const schema = readFileSync(path.join(SAMPLES_DIR, 'bundt_S00000000364_schema.xdf.xml'));
    expect(parseErrorOf(() => parseFimDocument(schema, { maxDepth: 10 })).code).toBe('too-deep');
  });

  it('flags a Leistung whose Leistungsschlüssel is not 14 digits, with its path, and keeps the others', () => {
    const xml =
      `<xzufi:xzufi.transfer ${XZUFI}>` +
      leistung('1', '99050012104000') +
      leistung('2', '99050012104000', '9905001210400') +
      '</xzufi:xzufi.transfer>';
    const doc = parseFimDocument(xml);
    if (doc.format !== 'xzufi') throw new Error('expected XZuFi');
    expect(doc.leistungen.map((entry) => entry.valid)).toEqual([true, false]);
    expect(doc.leistungen[1].leistungsschluessel).toEqual(['99050012104000']);
    const problem = {
      severity: 'error',
      code: 'invalid-leistungsschluessel',
      path: '/xzufi.transfer/schreibe[2]/leistung/referenzLeiKa[2]/code',
    };
    expect(doc.leistungen[1].problems).toEqual([expect.objectContaining(problem)]);
    expect(doc.problems).toEqual([expect.objectContaining(problem)]);
    expect(doc.problems[0].message).toContain('9905001210400');
  });

  it('rejects the whole document on that key when asked to (onRecordError: throw)', () => {
    const xml = `<xzufi:xzufi.transfer ${XZUFI}>${leistung('1', '99-050-012')}</xzufi:xzufi.transfer>`;
    expect(parseErrorOf(() => parseFimDocument(xml, { onRecordError: 'throw' }))).toMatchObject({
      code: 'invalid-leistungsschluessel',
      location: { path: '/xzufi.transfer/schreibe/leistung/referenzLeiKa/code' },
    });
  });

  it('rejects a file without any element', () => {
    expect(parseErrorOf(() => parseFimDocument('Leistungsschlüssel: 99006053006000')).code).toBe('not-well-formed');
  });

  describe('what block-wise reading of a transfer message must still catch', () => {
    const root = (inner: string, tail = '') => `<xzufi:xzufi.transfer ${XZUFI}>${inner}</xzufi:xzufi.transfer>${tail}`;

    it('a second root element and text after the root', () => {
      expect(parseErrorOf(() => parseFimDocument(root(leistung('1', '99050012104000'), '<zweite/>')))).toMatchObject({
        code: 'not-well-formed',
        message: expect.stringContaining('Mehr als ein Wurzelelement'),
      });
      expect(parseErrorOf(() => parseFimDocument(root(leistung('1', '99050012104000'), '\nText')))).toMatchObject({
        code: 'not-well-formed',
        location: { line: 2, column: 1 },
      });
    });

    it('a root closed by another end tag, and a truncated file', () => {
      const wrongEnd = `<xzufi:xzufi.transfer ${XZUFI}>${leistung('1', '99050012104000')}</xzufi:andere>`;
      expect(parseErrorOf(() => parseFimDocument(wrongEnd)).message).toContain('nicht mit </xzufi:xzufi.transfer>');
      const truncated = `<xzufi:xzufi.transfer ${XZUFI}>\n${leistung('1', '99050012104000')}\n<xzufi:schreibe><xzufi:leis`;
      expect(parseErrorOf(() => parseFimDocument(truncated))).toMatchObject({ code: 'not-well-formed' });
    });

    it('a broken block late in a multi-line file, at its line and column in the whole document', () => {
      const lines = [`<xzufi:xzufi.transfer ${XZUFI}>`];
      for (let n = 0; n < 50; n++) lines.push(leistung(String(n), '99050012104000'));
      lines.push('  <xzufi:schreibe><xzufi:leistung></xzufi:leistun></xzufi:schreibe>', '</xzufi:xzufi.transfer>');
      const error = parseErrorOf(() => parseFimDocument(lines.join('\n')));
      expect(error).toMatchObject({ code: 'not-well-formed', location: { line: 52, column: 35 } });
    });

    it('a file in ISO-8859-1 (as its declaration says) reads the same as UTF-8', () => {
      const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>\n${root(
        leistung('1', '99050012104000').replace(
          '</xzufi:leistung>',
          '<xzufi:modulText><xzufi:inhalt languageCode="de">Gebühr für Hunde</xzufi:inhalt><xzufi:leikaTextmodul><code>02</code></xzufi:leikaTextmodul></xzufi:modulText></xzufi:leistung>',
        ),
      )}`;
      const doc = parseFimDocument(Buffer.from(xml, 'latin1'));
      if (doc.format !== 'xzufi') throw new Error('expected XZuFi');
      expect(doc.leistungen[0].bezeichnung).toEqual({ de: 'Gebühr für Hunde' });
    });
  });
});
