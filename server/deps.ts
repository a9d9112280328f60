import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../entities/database';
import type { Compute } from './compute/runner';
import type { JobRunner } from '../jobs/runner';

/** Everything the HTTP app needs from outside; tests pass their own. */
export interface AppDeps {
  config: Config;
  /**
   * The Database (`entities/database.ts`): `main.ts` opens it (tests: `test/helpers/database.ts`)
   * and hands it in. Routes write through `db.transaction(…)` and read through
   * `db.reader.manager`; services that open their own transaction take `db.reader`.
   */
  db: Database;
  logger: Logger;
  /**
   * Where heavy reports are computed (`server/compute/`): `main.ts` builds the worker pool once
   * and hands it to the app and the background jobs; without it the app builds its own from
   * `config.compute` (tests).
   */
  compute?: Compute;
  /**
   * The runner of the persisted background jobs (`jobs/`), built and started by `main.ts`; without
   * it (tests) the import pages run what they queue in a runner of their own.
   */
  jobs?: JobRunner;
  /** In tests: check every JSON response against the schema the OpenAPI document declares. */
  validateResponses?: boolean;
}
