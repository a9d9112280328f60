/** Turning the caller's bytes or text into one string, after the size check. */
import { FimParseError } from './errors';

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

const LATIN1 = /^(iso-8859-1|iso8859-1|latin-?1|l1)$/i;
const CP1252 = /^(windows-1252|cp1252)$/i;

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
  if (typeof input === 'string') return Buffer.from(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, 'utf8');
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
  const encoding = declaredEncoding(bytes);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16 || (encoding && (LATIN1.test(encoding) || CP1252.test(encoding)))) {
    return Buffer.from(decodeXmlInput(input, maxBytes), 'utf8');
  }
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
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const encoding = declaredEncoding(bytes);
  if (encoding && LATIN1.test(encoding)) return bytes.toString('latin1');
  if (encoding && CP1252.test(encoding)) return new TextDecoder('windows-1252').decode(bytes);
  return bytes.toString('utf8');
}

/** The `encoding` of the XML declaration; the declaration is ASCII, so reading 200 bytes suffices. */
function declaredEncoding(bytes: Buffer): string | undefined {
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 200));
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const match = /\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(end === -1 ? head : head.slice(0, end));
  return match?.[1];
}
