/** Turning the caller's bytes or text into one string, after the size check. */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { FimParseError, lineColumnAtBytes } from './errors';

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

const LATIN1 = /^(iso-8859-1|iso8859-1|latin-?1|l1)$/i;
const CP1252 = /^(windows-1252|cp1252)$/i;
const UTF8 = /^utf-?8$/i;
const UTF16 = /^utf-?16(le|be)?$/i;

/**
 * Only the encodings FIM documents come in: UTF-8 (the standard), UTF-16 (by BOM), and
 * ISO-8859-1 / Windows-1252 (older Länder exports). Any other declaration (`EBCDIC-US`,
 * `Shift_JIS`) is refused by name rather than read as UTF-8 and stored garbled.
 */
function assertSupportedEncoding(encoding: string | undefined): void {
  if (encoding === undefined) return;
  if (UTF8.test(encoding) || UTF16.test(encoding) || LATIN1.test(encoding) || CP1252.test(encoding)) return;
  throw new FimParseError(
    'unsupported-encoding',
    `Die Zeichenkodierung „${encoding}“ wird nicht unterstützt; erlaubt sind UTF-8, UTF-16, ISO-8859-1 und Windows-1252.`,
    { line: 1, column: 1 },
  );
}

/**
 * Windows-1252 via iconv-lite. NOTE: Node 20's `TextDecoder('windows-1252')` maps 0x80–0x9F to
 * invisible C1 control characters instead of € „ “ – ’. ISO-8859-1 is read the same way, as
 * browsers do: files that declare it are in practice written by Windows programs, and the
 * C1 controls ISO-8859-1 would give there are never meant.
 */
function decodeWindows1252(bytes: Buffer): string {
  return iconv.decode(bytes, 'windows-1252');
}

/** C0 control characters XML 1.0 does not allow (every one but tab, line feed and carriage return). */
const FORBIDDEN_C0 = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15,
  0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
];
const C0_NAMES: Record<number, string> = { 0x00: 'NUL', 0x1b: 'ESC', 0x07: 'BEL', 0x08: 'BS', 0x0c: 'FF' };

/** `U+001B (ESC)`: how a refused character is named in messages. */
export function describeCodePoint(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return C0_NAMES[code] ? `${hex} (${C0_NAMES[code]})` : hex;
}

/**
 * Refuses what XML 1.0 does not allow as characters in UTF-8 bytes: C0 control characters
 * other than tab and line breaks (NUL, ESC, …; PostgreSQL cannot even store NUL) and bytes
 * that are no valid UTF-8 (which would become U+FFFD). In UTF-8 a byte below 0x20 is always
 * that character, so one native `indexOf` per control byte finds them without decoding.
 */
export function assertXmlCharacters(bytes: Buffer): void {
  let first = -1;
  for (const control of FORBIDDEN_C0) {
    const at = bytes.indexOf(control, 0);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  if (first !== -1) {
    throw new FimParseError(
      'invalid-character',
      `Das Steuerzeichen ${describeCodePoint(bytes[first])} ist in XML nicht erlaubt.`,
      lineColumnAtBytes(bytes, first),
    );
  }
  if (!isUtf8(bytes)) {
    throw new FimParseError(
      'invalid-character',
      'Die Datei ist kein gültiges UTF-8 (und erklärt keine andere Zeichenkodierung). Bitte als UTF-8 speichern.',
    );
  }
}

/**
 * Checks the size limit before anything else and returns the document as UTF-8 bytes without a
 * BOM: UTF-8 input as it is (no copy), UTF-16 (by BOM) and ISO-8859-1 / windows-1252 (when the XML
 * declaration says so, as in older Länder exports) re-encoded once. Keeping bytes rather than one
 * huge string lets a large transfer message be decoded block by block.
 */
export function decodeXmlBytes(input: string | Uint8Array, maxBytes: number): Buffer {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new FimParseError('too-large', `Die Datei ist ${size} Bytes groß; erlaubt sind höchstens ${maxBytes} Bytes.`);
  }
  const utf8 = utf8Bytes(input, maxBytes);
  assertXmlCharacters(utf8);
  return utf8;
}

function utf8Bytes(input: string | Uint8Array, maxBytes: number): Buffer {
  if (typeof input === 'string') {
    return Buffer.from(declaring(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input), 'utf8');
  }
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    assertSupportedEncoding(declaredEncoding(rest));
    return rest;
  }
  const encoding = declaredEncoding(bytes);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16 || (encoding && (LATIN1.test(encoding) || CP1252.test(encoding)))) {
    return Buffer.from(decodeXmlInput(input, maxBytes), 'utf8');
  }
  assertSupportedEncoding(encoding);
  return bytes;
}

/**
 * Checks the size limit before anything else and decodes bytes once: UTF-8 by default, UTF-16
 * by BOM, ISO-8859-1 / windows-1252 when the XML declaration says so (older Länder exports).
 * A leading BOM is dropped so the prescan sees `<` first.
 */
export function decodeXmlInput(input: string | Uint8Array, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new FimParseError('too-large', `Die Datei ist ${size} Bytes groß; erlaubt sind höchstens ${maxBytes} Bytes.`);
  }
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return declaring(bytes.toString('utf8', 3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return declaring(bytes.toString('utf16le', 2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return declaring(new TextDecoder('utf-16be').decode(bytes.subarray(2)));
  const encoding = declaredEncoding(bytes);
  assertSupportedEncoding(encoding);
  if (encoding && (LATIN1.test(encoding) || CP1252.test(encoding))) return decodeWindows1252(bytes);
  return bytes.toString('utf8');
}

/** The decoded text, once its declaration names a supported encoding. */
function declaring(text: string): string {
  assertSupportedEncoding(declaredEncodingOfText(text));
  return text;
}

/** The `encoding` of the XML declaration; the declaration is ASCII, so reading 200 bytes suffices. */
function declaredEncoding(bytes: Buffer): string | undefined {
  return declaredEncodingOfText(bytes.toString('latin1', 0, Math.min(bytes.length, 200)));
}

function declaredEncodingOfText(text: string): string | undefined {
  const head = text.slice(0, 200);
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const match = /\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(end === -1 ? head : head.slice(0, end));
  return match?.[1];
}
