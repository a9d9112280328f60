import express from 'express';
import { readFileSync } from 'node:fs';

/**
 * The floor for the throughput benchmark: a bare Express route that returns the same JSON
 * from memory, with no database, auth, validation or logging.
 */
const body = JSON.parse(readFileSync(process.env.BARE_BODY_FILE as string, 'utf8')) as unknown;
const app = express();
app.get('/api/municipalities/:ags/components', (_req, res) => {
  res.json(body);
});
const server = app.listen(0, () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
