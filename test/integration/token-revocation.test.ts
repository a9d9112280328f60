/**
 * Issue 12, finding 9: a revoked token stops working at once on every instance. The token
 * cache formerly answered for 10 s without asking the database, so a revocation by another
 * process (another instance, the CLI) let the token through meanwhile.
 */
import request from 'supertest';
import { inTransaction } from '../../entities/transaction';
import { createApiToken, revokeApiToken } from '../../services/token.service';
import { twoInstances, type TwoInstances } from '../helpers/two-instances';

describe('token revocation across instances', () => {
  let two: TwoInstances;

  beforeAll(async () => {
    two = await twoInstances();
  });
  afterAll(() => two.close());

  async function token(name: string): Promise<{ id: number; header: string }> {
    const { token: secret, view } = await inTransaction(two.dataSourceA, (tx) =>
      createApiToken(tx, { name, role: 'reader', scopes: [] }),
    );
    return { id: view.id, header: `Bearer ${secret}` };
  }

  it('refuses a token revoked by another process with the next request, though this instance had it cached', async () => {
    const { id, header } = await token('anderer-prozess');
    // Both instances resolve (and cache) the token.
    expect((await request(two.a).get('/api/operators').set('Authorization', header)).status).toBe(200);
    expect((await request(two.b).get('/api/operators').set('Authorization', header)).status).toBe(200);
    // Revoked the way another process (the CLI elsewhere) writes it: only the row changes.
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    await inTransaction(two.dataSourceA, (tx) =>
      tx.query(
        `UPDATE "api_tokens" SET "revoked_at" = ${tx.connection.options.type === 'postgres' ? '$1' : '?'} WHERE "id" = ${id}`,
        [now],
      ),
    );
    const refused = await request(two.b).get('/api/operators').set('Authorization', header);
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.detail).toMatch(/widerrufen/);
    expect((await request(two.a).get('/api/operators').set('Authorization', header)).status).toBe(401);
  });

  it('refuses a token revoked through one instance on the other at once', async () => {
    const { id, header } = await token('instanz-a');
    expect((await request(two.b).get('/api/operators').set('Authorization', header)).status).toBe(200);
    await inTransaction(two.dataSourceA, (tx) => revokeApiToken(tx, id));
    expect((await request(two.b).get('/api/operators').set('Authorization', header)).status).toBe(401);
  });

  it('refuses a token whose row was deleted', async () => {
    const { id, header } = await token('geloescht');
    expect((await request(two.b).get('/api/operators').set('Authorization', header)).status).toBe(200);
    await inTransaction(two.dataSourceA, (tx) => tx.query(`DELETE FROM "api_tokens" WHERE "id" = ${id}`));
    expect((await request(two.b).get('/api/operators').set('Authorization', header)).status).toBe(401);
  });
});
