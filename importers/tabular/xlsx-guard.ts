import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { XlsxLimitError, type ImportLimits } from './limits';
import { XlsxPartScanner } from './xlsx-scan';

/**
 * A part may inflate to at most this many times its compressed size once it is larger than
 * {@link RATIO_FREE_BYTES}. Ordinary sheet XML compresses 10–30 : 1; a zip bomb 200 : 1 and more.
 */
const MAX_RATIO = 150;
const RATIO_FREE_BYTES = 8 * 1024 * 1024;
/** Excel's own maximum number of parts is far below this; more entries are not a workbook. */
const MAX_ENTRIES = 10_000;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** The parts whose content is scanned: worksheets and the shared strings. */
function scannedPart(name: string): 'sheet' | 'strings' | null {
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) return 'sheet';
  if (/^xl\/sharedStrings\.xml$/i.test(name)) return 'strings';
  return null;
}

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

/** Refuses an entry from its central-directory sizes alone, before anything is inflated. */
function checkDeclared(entry: Entry, unpackedSoFar: number, limits: ImportLimits): void {
  if (unpackedSoFar + entry.uncompressedSize > limits.maxUnpackedBytes) {
    throw new XlsxLimitError(
      `Die XLSX-Datei entpackt sich auf mehr als ${megabytes(limits.maxUnpackedBytes)} ` +
        `(Grenze IMPORT_MAX_UNPACKED_MB); so große Arbeitsmappen werden nicht gelesen.`,
    );
  }
  if (entry.uncompressedSize > RATIO_FREE_BYTES && entry.uncompressedSize > entry.compressedSize * MAX_RATIO) {
    throw new XlsxLimitError(
      `Der Teil „${entry.fileName}“ der XLSX-Datei ist mehr als ${MAX_RATIO}-fach komprimiert ` +
        `(${megabytes(entry.compressedSize)} → ${megabytes(entry.uncompressedSize)}): keine gewöhnliche Arbeitsmappe, ` +
        'sie wird nicht entpackt.',
    );
  }
}

/**
 * Inflates one part as a stream and feeds it to the scanner, chunk by chunk: memory stays at
 * one chunk whatever the part unpacks to. yauzl (`validateEntrySizes`) stops a part that
 * inflates beyond its declared size, so a lying central directory gains nothing.
 */
function scanEntry(zip: ZipFile, entry: Entry, scanner: XlsxPartScanner | null): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) {
        reject(err);
        return;
      }
      stream.on('data', (chunk: Buffer) => {
        try {
          scanner?.push(chunk);
        } catch (e) {
          stream.destroy();
          reject(e);
        }
      });
      stream.on('error', reject);
      stream.on('end', () => {
        try {
          scanner?.end();
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
  });
}

/**
 * Checks an XLSX file against the limits before a spreadsheet library builds it in memory:
 * the unpacked size of all parts (declared sizes and compression ratio first, then the real
 * inflated bytes), and in the worksheets and shared strings the number of rows, cells, shared
 * strings, the last column that holds content and merged areas. Throws {@link XlsxLimitError}
 * with a German message naming the limit; other errors mean the file is not a readable ZIP.
 */
export async function checkXlsxLimits(bytes: Uint8Array, limits: ImportLimits): Promise<void> {
  const zip = await openZip(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    throw new XlsxLimitError(`Die XLSX-Datei hat ${zip.entryCount} Teile; eine Arbeitsmappe hat weit weniger.`);
  }
  const totals = { cells: 0 };
  let unpacked = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        const run = async (): Promise<void> => {
          if (entry.fileName.endsWith('/')) return;
          checkDeclared(entry, unpacked, limits);
          unpacked += entry.uncompressedSize;
          const kind = scannedPart(entry.fileName);
          // Parts not read here (styles, drawings, …) count by their declared size, which yauzl enforces on read.
          if (kind) await scanEntry(zip, entry, new XlsxPartScanner(kind, entry.fileName, limits, totals));
        };
        run().then(
          () => zip.readEntry(),
          (e: unknown) => reject(e),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
