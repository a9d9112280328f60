import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';

/** Everything the HTTP app needs from outside; tests pass their own. */
export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  /** In tests: check every JSON response against the schema the OpenAPI document declares. */
  validateResponses?: boolean;
}
