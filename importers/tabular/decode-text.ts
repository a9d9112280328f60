import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { indexOfC1Control, utf8SequenceAt } from '../../lib/unicode';

/** How a text file was decoded. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** The decoded text, or why it could not be decoded. */
export type DecodedText = { text: string; encoding: TextEncoding } | { error: string };

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** 1-based line of a byte offset (LF, CRLF and lone CR end a line). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** 1-based line of a character offset in decoded text. */
function lineOfChar(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/**
 * Looks at the bytes of a file that is not valid UTF-8: the offset of the first byte that is
 * no valid UTF-8, and whether the file also holds valid UTF-8 sequences for characters of
 * German text (Latin letters U+0080–U+02FF, typographic punctuation and € U+2000–U+20CF). Such
 * a sequence in a Windows-1252 file would need two or three unusual characters in a row
 * (`Ã¼`, `â€ž`); in a UTF-8 file it is every umlaut. So a file with both is UTF-8 with stray
 * bytes (or pasted from two sources), and reading it whole as Windows-1252 would turn every
 * correct umlaut into `Ã¼`.
 */
function inspectNonUtf8(bytes: Uint8Array): { firstInvalid: number; hasUtf8Text: boolean } {
  let firstInvalid = -1;
  let hasUtf8Text = false;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) {
      if (firstInvalid === -1) firstInvalid = i;
      i++;
      continue;
    }
    const code =
      length === 2
        ? ((bytes[i] & 0x1f) << 6) | (bytes[i + 1] & 0x3f)
        : length === 3
          ? ((bytes[i] & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f)
          : 0x10000;
    if ((code >= 0x80 && code <= 0x2ff) || (code >= 0x2000 && code <= 0x20cf)) hasUtf8Text = true;
    if (hasUtf8Text && firstInvalid !== -1) break;
    i += length;
  }
  return { firstInvalid, hasUtf8Text };
}

/**
 * Double-encoded UTF-8, read as Windows-1252 once before: the lead byte 0xC2 or 0xC3 as `Â`/`Ã`,
 * then a continuation byte 0x80–0xBF as its Windows-1252 character (`Ã¼` for ü, `Ã„` for Ä, `Â°` for °).
 */
const MOJIBAKE = new RegExp(
  `[ÂÃ][${iconv
    .decode(Buffer.from(Array.from({ length: 0x40 }, (_, i) => 0x80 + i)), 'windows-1252')
    .replace(/\uFFFD/g, '')
    .replace(/[\\\]^-]/g, '\\$&')}]`,
);

const SAVE_AS_UTF8 = 'Bitte die Datei in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern.';

/** Refuses C1 control characters and double-encoded text in decoded text, naming the line. */
function checkDecoded(text: string): string | undefined {
  const c1 = indexOfC1Control(text);
  if (c1 !== -1) {
    return (
      `Zeile ${lineOfChar(text, c1)} der Datei enthält ein Steuerzeichen (U+00${text.charCodeAt(c1).toString(16).toUpperCase()}), ` +
      `meist ein falsch umgewandeltes Zeichen wie €, „ oder –. ${SAVE_AS_UTF8}`
    );
  }
  const mojibake = MOJIBAKE.exec(text);
  if (mojibake) {
    return (
      `Zeile ${lineOfChar(text, mojibake.index)} der Datei enthält doppelt umgewandelte Umlaute („${mojibake[0]}“, ` +
      `z. B. „Ã¼“ statt „ü“). Die Datei wurde schon einmal falsch kodiert gespeichert; bitte die Namen korrigieren. ${SAVE_AS_UTF8}`
    );
  }
  return undefined;
}

/**
 * Decodes a text file (CSV, JSON). Policy:
 * - UTF-8 with or without byte order mark is the format, read strictly (no replacement characters);
 * - a file that is not valid UTF-8 is read as Windows-1252 — what German Excel writes for
 *   "CSV (Trennzeichen-getrennt)" — with iconv-lite, which maps 0x80–0x9F to € „ “ – ’ (Node 20's
 *   `TextDecoder` made them invisible C1 control characters); the caller warns about it;
 * - refused with the line: a file that mixes valid UTF-8 umlauts with stray bytes (reading it as
 *   Windows-1252 would store "MÃ¼ller IT" as a new operator), bytes Windows-1252 leaves
 *   undefined, C1 control characters and double-encoded umlauts (`Ã¼`) in the decoded text;
 * - UTF-16 ("Unicode-Text") and binary files are refused with a message that says how to save
 *   the file instead.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return {
      error:
        'Die Datei ist UTF-16-kodiert („Unicode-Text“). Bitte als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern.',
    };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { error: 'Die Datei ist keine Textdatei (CSV) und keine XLSX-Arbeitsmappe.' };
  }
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = bom ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) {
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    const problem = checkDecoded(text);
    return problem ? { error: problem } : { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  }
  const { firstInvalid, hasUtf8Text } = inspectNonUtf8(body);
  const line = lineOfByte(body, firstInvalid);
  const byte = `0x${body[firstInvalid].toString(16).toUpperCase().padStart(2, '0')}`;
  if (bom || hasUtf8Text) {
    return {
      error:
        `Die Datei ist UTF-8-kodiert, enthält aber in Zeile ${line} ein ungültiges Byte (${byte}), ` +
        'wohl aus einer anders kodierten Quelle eingefügt. Bitte die Zeile prüfen und die Datei als UTF-8 speichern.',
    };
  }
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1252');
  // iconv-lite gives U+FFFD for the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
  const undefinedByte = text.indexOf('\uFFFD');
  if (undefinedByte !== -1) {
    return {
      error:
        `Die Datei ist weder UTF-8 noch Windows-1252: Zeile ${lineOfChar(text, undefinedByte)} enthält ein Byte, ` +
        `das in keiner der beiden Kodierungen ein Zeichen ist. ${SAVE_AS_UTF8}`,
    };
  }
  const problem = checkDecoded(text);
  return problem ? { error: problem } : { text, encoding: 'windows-1252' };
}
