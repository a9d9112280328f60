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

describe('the responsibility-units migration', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.close());

  it("keeps administrators' rules in the new shape and drops the old shipped Typ table", async () => {
    const all = db.dataSource.migrations.length;
    await db.dataSource.runMigrations({ transaction: 'each' });
    // Back to just before the responsibility-units migration, whatever came after it.
    const after = all - db.dataSource.migrations.findIndex((m) => m.name === 'ResponsibilityUnits1764600000000');
    for (let i = 0; i < after; i += 1) await db.dataSource.undoLastMigration({ transaction: 'each' });
    const insert = (typ: string, ozgId: number | null, land: string, level: string, origin = 'user') =>
      db.dataSource.query(
        `INSERT INTO "responsibility_rules" ("typ", "land_key", "ozg_id", "level", "reason", "origin") VALUES ('${typ}', '${land}', ${ozgId ?? 'NULL'}, '${level}', 'Regel', '${origin}')`,
      );
    await insert('2/3', null, '', 'kreis', 'default'); // the first release's shipped Typ table
    await insert('2/3', 10436, '09', 'kreis');
    await insert('4', 10436, '09', 'gemeinde'); // the same OZG-Leistung and Land again: the older one stays
    await insert('4', null, '05', 'gemeinde');
    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(db.dataSource.migrations.length).toBe(all);
    const rows = await db.dataSource.query(
      `SELECT "typ", "ozg_scope" AS "ozgScope", "land_key" AS "landKey", "level", "task_group" AS "taskGroup", "origin"
         FROM "responsibility_rules" ORDER BY "id"`,
    );
    expect(rows.map((r: Record<string, unknown>) => ({ ...r, ozgScope: Number(r.ozgScope) }))).toEqual([
      { typ: '', ozgScope: 10436, landKey: '09', level: 'kreis', taskGroup: 'kreis-sonstige', origin: 'user' },
      { typ: '4', ozgScope: 0, landKey: '05', level: 'gemeinde', taskGroup: 'selbstverwaltung', origin: 'user' },
    ]);
  });
});
