import { createTestDatabase, TestDatabase } from '../helpers/database';

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.close());

  it('run up, leave no drift from the entities, and run down again', async () => {
    const applied = await db.dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(db.dataSource.migrations.length);

    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    const components = await db.dataSource.query('SELECT code FROM components ORDER BY sort_order');
    expect(components.map((r: { code: string }) => r.code)).toEqual([
      'form-server',
      'epayment',
      'service-account',
      'eid',
      'de-mail',
      'mailbox',
      'search',
      'mobile-app',
      'chatbot',
    ]);

    for (let i = 0; i < applied.length; i += 1) await db.dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await db.dataSource.createQueryRunner().getTables(['components', 'regions', 'component_records']);
    expect(tables).toEqual([]);
  });
});
