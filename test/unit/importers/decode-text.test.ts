/** Issue 12, finding 4: CSV decoding is strict UTF-8 first, Windows-1252 done right, mixed input refused. */
import iconv from 'iconv-lite';
import { readCsv } from '../../../importers/tabular';
import { decodeText } from '../../../importers/tabular/decode-text';

const errorOf = (bytes: Uint8Array): string => {
  const decoded = decodeText(bytes);
  if (!('error' in decoded)) throw new Error(`expected an error, got ${decoded.encoding}`);
  return decoded.error;
};

describe('decodeText', () => {
  it('reads Windows-1252 with € „ “ – ’ as those characters, not as C1 controls', () => {
    const text = 'ags;operator\r\n09162000;Müller „Digital“ – 5 € ’s Straße\r\n';
    expect(decodeText(iconv.encode(text, 'windows-1252'))).toEqual({ text, encoding: 'windows-1252' });
  });

  it('refuses UTF-8 with one stray Windows-1252 byte, naming the line (1-based)', () => {
    const bytes = Buffer.concat([Buffer.from('a;b\nMüller IT;x\nGeb'), Buffer.from([0xfc]), Buffer.from('hr\n')]);
    expect(errorOf(bytes)).toMatch(
      /^Die Datei ist UTF-8-kodiert, enthält aber in Zeile 3 ein ungültiges Byte \(0xFC\)/,
    );
    // The same with a byte order mark, and with CRLF line ends.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\r\nb\r\n'), Buffer.from([0x80])]);
    expect(errorOf(bom)).toMatch(/in Zeile 3 ein ungültiges Byte \(0x80\)/);
  });

  it('refuses C1 control characters and double-encoded umlauts in UTF-8, naming the line', () => {
    expect(errorOf(Buffer.from('a\nb\nKosten 5 \u0080\n'))).toMatch(
      /^Zeile 3 der Datei enthält ein Steuerzeichen \(U\+0080\)/,
    );
    expect(errorOf(Buffer.from('a\nMÃ¼ller IT\n'))).toMatch(
      /^Zeile 2 der Datei enthält doppelt umgewandelte Umlaute \(„Ã¼“/,
    );
  });

  it('refuses bytes Windows-1252 leaves undefined', () => {
    expect(errorOf(Buffer.from([0x61, 0x0a, 0xfc, 0x81]))).toMatch(/weder UTF-8 noch Windows-1252: Zeile 2/);
  });

  it('keeps plain UTF-8 and UTF-8 with BOM as they are', () => {
    expect(decodeText(Buffer.from('Müller – „IT“ €'))).toEqual({ text: 'Müller – „IT“ €', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('\uFEFFMüller'))).toEqual({ text: 'Müller', encoding: 'utf-8-bom' });
  });

  it('readCsv: a refused file is an error without rows', () => {
    const sheet = readCsv(
      Buffer.concat([Buffer.from('ags;operator\n1;Müller\n2;M'), Buffer.from([0xfc]), Buffer.from('ller\n')]),
    );
    expect(sheet.rows).toEqual([]);
    expect(sheet.problems).toEqual([
      expect.objectContaining({ severity: 'error', detail: expect.stringMatching(/Zeile 3/) }),
    ]);
  });
});
