import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
}

/**
 * The project's root folder, found from this file whether it runs from source (ts-jest)
 * or compiled under `dist/`.
 */
export const projectRoot = findProjectRoot(__dirname);

/** Reference data shipped with the service (see `data/reference/SOURCES.md`). */
export const referenceDataDir = join(projectRoot, 'data', 'reference');

/** The service's version from package.json. */
export function packageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(projectRoot, 'package.json')) as { version: string }).version;
}
