import 'reflect-metadata';
import pino from 'pino';
import { loadConfig } from '../../config';
import { createDataSource } from '../../ormconfig';
import { createApp } from '../../server/app';
import { applyServerTimeouts } from '../../server/http/timeouts';

/**
 * The real service for the load benchmark, with the server timeouts of `server/main.ts`, on the
 * database named by DATABASE_URL; tells the parent its port over IPC.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  const app = createApp({ config, dataSource, logger: pino({ level: 'warn' }) });
  const server = app.listen(0, () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  applyServerTimeouts(server);
}

void main();
