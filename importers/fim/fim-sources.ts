import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** One file of a FIM import: its name and a way to read it when its turn comes. */
export interface FimSource {
  name: string;
  /** Size in bytes, known before reading (checked against the limit first). */
  size: number;
  read(): Promise<Buffer>;
  /** Found by scanning a folder (not named by the user): a file that is no FIM document is skipped. */
  fromFolder: boolean;
}

/** A source from bytes already in memory (an HTTP upload). */
export function bufferSource(name: string, buffer: Buffer): FimSource {
  return { name, size: buffer.length, read: async () => buffer, fromFolder: false };
}

/**
 * The files to import from paths given on the command line: a file as itself, a folder as its
 * `*.xml` files (not recursive), sorted by name so a run is reproducible. Files are read one at
 * a time during the import, never all at once.
 */
export async function fimSourcesFromPaths(paths: string[]): Promise<FimSource[]> {
  const sources: FimSource[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (!info.isDirectory()) {
      sources.push({ name: basename(path), size: info.size, read: () => readFile(path), fromFolder: false });
      continue;
    }
    const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.xml')).sort();
    for (const name of names) {
      const file = join(path, name);
      const size = (await stat(file)).size;
      sources.push({ name, size, read: () => readFile(file), fromFolder: true });
    }
  }
  return sources;
}
