import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Compute } from './compute/runner';

/** Everything the HTTP app needs from outside; tests pass their own. */
export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  /**
   * Where heavy reports are computed (`server/compute/`): `main.ts` builds the worker pool once
   * and hands it to the app and the background jobs; without it the app builds its own from
   * `config.compute` (tests).
   */
  compute?: Compute;
  /** In tests: check every JSON response against the schema the OpenAPI document declares. */
  validateResponses?: boolean;
}
