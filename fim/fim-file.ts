/** The one place `fim/` touches the file system: reading a FIM file with the size limit applied first. */
import { readFile, stat } from 'node:fs/promises';
import { FimParseError } from './errors';
import { openFimDocument, parseFimDocument, type OpenedFimDocument } from './fim-document.parser';
import type { FimDocument, FimParseOptions } from './types';
import { DEFAULT_MAX_BYTES } from './xml-input';

/**
 * Reads and parses a FIM file. The size is checked with `stat` before reading, so an oversized
 * file is refused without loading it.
 */
export async function parseFimFile(path: string, options: FimParseOptions = {}): Promise<FimDocument> {
  return parseFimDocument(await readLimited(path, options), options);
}

/** Reads and opens a FIM file (see `openFimDocument`), with the size limit applied first. */
export async function openFimFile(path: string, options: FimParseOptions = {}): Promise<OpenedFimDocument> {
  return openFimDocument(await readLimited(path, options), options);
}

async function readLimited(path: string, options: FimParseOptions): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { size } = await stat(path);
  if (size > maxBytes) {
    throw new FimParseError('too-large', `Die Datei ist ${size} Bytes groß; erlaubt sind höchstens ${maxBytes} Bytes.`);
  }
  return readFile(path);
}
