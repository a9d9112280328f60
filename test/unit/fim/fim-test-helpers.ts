/** Shared by the FIM parser tests: where the sample files live and how to catch a parse error. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FimParseError } from '../../../fim';

/** test/unit/fim → project root → its sibling `shared/`; FIM_SAMPLES_DIR overrides (e.g. in CI). */
export const SAMPLES_DIR =
  process.env.FIM_SAMPLES_DIR ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'fim-samples');

export const XZUFI_FIXTURES_DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'xzufi');

export function readXzufiFixture(name: string): Buffer {
  return readFileSync(path.join(XZUFI_FIXTURES_DIR, name));
}

/** The `FimParseError` the call throws; fails the test when it throws nothing or something else. */
export function parseErrorOf(run: () => unknown): FimParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof FimParseError) return error;
    throw error;
  }
  throw new Error('expected a FimParseError, but nothing was thrown');
}
