/**
 * GV100AD decoding (issue 12, encodings): older editions of the Gemeindeverzeichnis are
 * ISO-8859-1/Windows-1252. Bytes 0x80–0x9F must come out as the Windows-1252 characters
 * (€ „ “ – ’), not as the invisible C1 control characters Node 20's own decoder produces.
 */
import { decodeGv100ad } from '../../importers/gv100ad/gv100ad-decode';

describe('decodeGv100ad', () => {
  it('reads a legacy file as Windows-1252, 0x80–0x9F included', () => {
    // "Gemeinde „Süd“ – Straße" in Windows-1252.
    const bytes = Buffer.from([
      ...Buffer.from('Gemeinde ', 'latin1'),
      0x84,
      ...Buffer.from('S', 'latin1'),
      0xfc,
      ...Buffer.from('d', 'latin1'),
      0x93,
      ...Buffer.from(' ', 'latin1'),
      0x96,
      ...Buffer.from(' Stra', 'latin1'),
      0xdf,
      ...Buffer.from('e', 'latin1'),
    ]);
    const { text, encoding } = decodeGv100ad(bytes);
    expect(encoding).toBe('windows-1252');
    expect(text).toBe('Gemeinde „Süd“ – Straße');
    expect(text).not.toMatch(/[\u0080-\u009f]/);
  });

  it('reads UTF-8 with and without a byte order mark', () => {
    const utf8 = Buffer.from('Gemeinde „Süd“', 'utf8');
    expect(decodeGv100ad(utf8)).toEqual({ text: 'Gemeinde „Süd“', encoding: 'utf-8' });
    expect(decodeGv100ad(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual({
      text: 'Gemeinde „Süd“',
      encoding: 'utf-8-bom',
    });
  });
});
