import iconv from 'iconv-lite';

/** How a GV100AD file was decoded. */
export type Gv100adEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
}

function decodeLegacy(bytes: Uint8Array): string {
  // NOTE: iconv-lite, not Node 20's TextDecoder('windows-1252'), which maps 0x80–0x9F to C1
  // control characters instead of € „ “ – ’ (see importers/tabular/decode-text.ts).
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
}

/**
 * Decodes a GV100AD file. Recent editions are UTF-8 (the 2025 one with a byte order mark,
 * the 2023 one without), older ones ISO-8859-1: a BOM means UTF-8; otherwise strict UTF-8 is
 * tried first, and bytes that are no valid UTF-8 mean the legacy encoding (windows-1252, a
 * superset of ISO-8859-1 for printable characters).
 */
export function decodeGv100ad(bytes: Uint8Array): { text: string; encoding: Gv100adEncoding } {
  if (hasUtf8Bom(bytes)) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeLegacy(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Splits decoded text into lines with their 1-based numbers. Accepts CRLF and LF and a
 * missing final newline; empty lines (such as trailing blank lines) are dropped.
 */
export function splitLines(text: string): { line: string; lineNumber: number }[] {
  const lines = text.split('\n');
  const out: { line: string; lineNumber: number }[] = [];
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length > 0) out.push({ line, lineNumber: index + 1 });
  });
  return out;
}
