import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import pino from 'pino';
import { loadConfig } from '../../config';
import { createDataSource } from '../../ormconfig';
import { createApp } from '../../server/app';
import { Database } from '../../entities/database';
import { applyServerTimeouts } from '../../server/http/timeouts';

/**
 * The real service for the load benchmark, with the server timeouts of `server/main.ts`, on the
 * database named by DATABASE_URL; tells the parent its port over IPC.
 */
/**
 * With LOAD_SERVER_PROFILE=FILE the server records a CPU profile of its main thread and writes it
 * to FILE when the bench stops it (open it in Chrome DevTools): to see what holds requests up.
 */
async function profileUntilStopped(file: string): Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  process.once('SIGTERM', () => {
    void post('Profiler.stop').then((result) => {
      writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile));
      process.exit(0);
    });
  });
}

async function main(): Promise<void> {
  if (process.env.LOAD_SERVER_PROFILE) await profileUntilStopped(process.env.LOAD_SERVER_PROFILE);
  const config = loadConfig();
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  const app = createApp({ config, db: Database.of(dataSource), logger: pino({ level: 'warn' }) });
  const server = app.listen(0, () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  applyServerTimeouts(server);
}

void main();
