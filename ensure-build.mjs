// Builds dist/ only when a source is newer than the last build, so `npm start` and
// `npm run cli -- …` always run current code without paying for a compile on every call
// (the TypeScript build takes 10–20 s even when nothing changed; this check takes milliseconds).
//
// "Newer" compares modification times against dist/.build-stamp, whose time is set to the
// moment the last successful build *started*: a file saved while tsc was running is rebuilt
// next time. Directory times count too, so adding, deleting or renaming a file also rebuilds.
// Plain JavaScript on purpose: it must run before anything is compiled (fresh clone).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const stampFile = join(root, 'dist', '.build-stamp');
// The folders tsconfig.build.json includes (tests are not part of the build), read from it so a
// new top-level folder cannot be forgotten here.
const SOURCE_DIRS = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')).include.filter(
  (entry) => !entry.includes('*'),
);
const ROOT_FILES = /^(?:[^.].*\.ts|tsconfig(?:\.build)?\.json|package\.json)$/;

/** The newest modification time (ms) of the build's inputs: .ts files and their folders. */
function newestSource() {
  let newest = 0;
  const note = (path) => {
    const time = statSync(path).mtimeMs;
    if (time > newest) newest = time;
  };
  const walk = (dir) => {
    note(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'public' && entry.name !== 'node_modules') walk(join(dir, entry.name));
      } else if (entry.name.endsWith('.ts')) {
        note(join(dir, entry.name));
      }
    }
  };
  for (const name of readdirSync(root)) if (ROOT_FILES.test(name)) note(join(root, name));
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  return newest;
}

const built = existsSync(stampFile) ? statSync(stampFile).mtimeMs : 0;
if (process.argv.includes('--force') || newestSource() > built) {
  const started = new Date();
  process.stderr.write('Quelltexte geändert – kompiliere nach dist/ …\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  closeSync(openSync(stampFile, 'a'));
  utimesSync(stampFile, started, started);
}
