/** How a text file was decoded. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** The decoded text, or why it could not be decoded. */
export type DecodedText = { text: string; encoding: TextEncoding } | { error: string };

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function decodeWindows1252(bytes: Uint8Array): string {
  try {
    return new TextDecoder('windows-1252').decode(bytes);
  } catch {
    // NOTE: a Node build without full ICU has no windows-1252 decoder; ISO-8859-1 differs
    // only in 0x80–0x9F (€, typographic quotes), which inventory files rarely contain.
    return Buffer.from(bytes).toString('latin1');
  }
}

/**
 * Decodes a text file (CSV). Policy: UTF-8 with or without byte order mark is the format;
 * bytes that are no valid UTF-8 are read as windows-1252 — what German Excel writes for
 * "CSV (Trennzeichen-getrennt)" — and the caller warns about it. UTF-16 ("Unicode-Text")
 * and binary files are refused with a message that says how to save the file instead.
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
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    try {
      return {
        text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3)),
        encoding: 'utf-8-bom',
      };
    } catch {
      return { error: 'Die Datei beginnt mit einer UTF-8-Kennung (BOM), enthält aber ungültige UTF-8-Zeichen.' };
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
