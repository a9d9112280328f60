import 'reflect-metadata';
import pino from 'pino';
import { loadConfig } from '../../config';
import { createDataSource } from '../../ormconfig';
import { createApp } from '../../server/app';
import { Database } from '../../entities/database';

/**
 * The real service as a child process for the throughput benchmark, on the database named by
 * DATABASE_URL; tells the parent its port over IPC.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  const app = createApp({ config, db: Database.of(dataSource), logger: pino({ level: 'warn' }) });
  const server = app.listen(0, () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
}

void main();
