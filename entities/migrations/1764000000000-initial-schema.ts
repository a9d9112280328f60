import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnKit, insertRows } from './migration-kit';

/** The nine base components of DOMAIN.md §2, in survey order. */
const BASE_COMPONENTS = [
  ['form-server', 'Formularserver', 'Online-Formulare und Antragsprozess'],
  ['epayment', 'E-Payment (elektronische Bezahlmöglichkeit)', 'z. B. ePayBL, pmPayment, GiroSolution'],
  ['service-account', 'Servicekonto / Nutzerkonto', 'BundID / DeutschlandID, Landeskonten, Organisationskonto'],
  ['eid', 'eID-Funktion', 'Online-Ausweisfunktion, Vertrauensniveau substantiell/hoch'],
  ['de-mail', 'De-Mail', 'größter Anbieter (Telekom) seit August 2022 ausgestiegen'],
  ['mailbox', 'Verwaltungspostfach', 'Rückkanal zu Bürgerinnen, Bürgern und Unternehmen'],
  ['search', 'Suchfunktion', 'Leistungs- und Zuständigkeitsfinder auf der Website'],
  ['mobile-app', 'Mobile App', null],
  ['chatbot', 'Chatbot', null],
] as const;

/** Regions, components, operators, component records, audit log, API tokens and import runs. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'components',
        columns: [
          c.id(),
          { ...c.varchar('code', 40), isUnique: true },
          c.varchar('label', 120),
          c.text('description'),
          c.integer('sort_order'),
          c.createdAt(),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'product_suggestions',
        columns: [
          c.id(),
          c.integer('component_id'),
          c.varchar('name', 200),
          c.varchar('vendor', 300, true),
          c.varchar('kind', 100, true),
          c.text('note'),
          c.text('sources'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_product_suggestions_component_name',
            columnNames: ['component_id', 'name'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['component_id'],
            referencedTableName: 'components',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'regions',
        columns: [
          c.id(),
          { ...c.varchar('key', 12), isUnique: true },
          c.varchar('level', 20),
          c.varchar('name', 120),
          c.varchar('name_search', 160),
          c.varchar('seat', 120, true),
          c.varchar('text_code', 2, true),
          c.varchar('type_label', 60, true),
          c.varchar('ars', 12, true),
          c.varchar('parent_key', 12, true),
          c.varchar('land_key', 2),
          c.varchar('rb_key', 3, true),
          c.varchar('kreis_key', 5, true),
          c.varchar('verband_key', 9, true),
          c.integer('population', true),
          c.integer('area_ha', true),
          c.varchar('postcode', 5, true),
          c.boolean('is_unincorporated', false),
          c.boolean('is_current', true),
          c.date('gebietsstand'),
          c.date('retired_gebietsstand', true),
          c.varchar('successor_key', 12, true),
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_regions_level', columnNames: ['level'] }),
          new TableIndex({ name: 'ix_regions_name_search', columnNames: ['name_search'] }),
          new TableIndex({ name: 'ix_regions_ars', columnNames: ['ars'] }),
          new TableIndex({ name: 'ix_regions_parent_key', columnNames: ['parent_key'] }),
          new TableIndex({ name: 'ix_regions_land_key', columnNames: ['land_key'] }),
          new TableIndex({ name: 'ix_regions_kreis_key', columnNames: ['kreis_key'] }),
          new TableIndex({ name: 'ix_regions_verband_key', columnNames: ['verband_key'] }),
          new TableIndex({ name: 'ix_regions_is_current', columnNames: ['is_current'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'operators',
        columns: [
          c.id(),
          { ...c.varchar('name', 200), isUnique: true },
          { ...c.varchar('name_key', 200), isUnique: true },
          c.varchar('short_name', 60, true),
          c.varchar('type', 30),
          c.varchar('website', 300, true),
          c.text('land_keys'),
          c.text('note'),
          { ...c.varchar('origin', 20), default: "'user'" },
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'component_records',
        columns: [
          c.id(),
          c.integer('region_id'),
          c.integer('component_id'),
          c.varchar('status', 20),
          c.integer('operator_id', true),
          c.varchar('product', 200, true),
          c.date('valid_from', true),
          c.date('valid_to', true),
          c.text('note'),
          c.varchar('source', 20),
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_component_records_region_component',
            columnNames: ['region_id', 'component_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_component_records_component_id', columnNames: ['component_id'] }),
          new TableIndex({ name: 'ix_component_records_operator_id', columnNames: ['operator_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['region_id'],
            referencedTableName: 'regions',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            columnNames: ['component_id'],
            referencedTableName: 'components',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            columnNames: ['operator_id'],
            referencedTableName: 'operators',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          c.id(),
          c.timestamp('occurred_at'),
          c.varchar('actor', 200),
          c.varchar('actor_kind', 20),
          c.varchar('request_id', 100, true),
          c.varchar('action', 60),
          c.varchar('entity_type', 40),
          c.varchar('entity_key', 120),
          c.integer('region_id', true),
          c.integer('import_run_id', true),
          c.text('before'),
          c.text('after'),
        ],
        indices: [new TableIndex({ name: 'ix_audit_events_region', columnNames: ['region_id', 'id'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          c.id(),
          c.varchar('name', 120),
          c.varchar('role', 20),
          c.text('scopes', false),
          { ...c.varchar('token_hash', 64), isUnique: true },
          c.varchar('token_prefix', 16),
          c.createdAt(),
          c.timestamp('last_used_at', true),
          c.timestamp('revoked_at', true),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'import_runs',
        columns: [
          c.id(),
          c.varchar('kind', 30),
          c.varchar('source_name', 300),
          c.varchar('sha256', 64),
          c.boolean('dry_run'),
          c.varchar('status', 20),
          c.varchar('actor', 200),
          c.timestamp('started_at'),
          c.timestamp('finished_at'),
          c.text('summary', false),
        ],
        indices: [new TableIndex({ name: 'ix_import_runs_kind_started', columnNames: ['kind', 'started_at'] })],
      }),
    );

    await insertRows(
      queryRunner,
      'components',
      BASE_COMPONENTS.map(([code, label, description], index) => ({
        code,
        label,
        description,
        sort_order: (index + 1) * 10,
      })),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'import_runs',
      'api_tokens',
      'audit_events',
      'component_records',
      'operators',
      'regions',
      'product_suggestions',
      'components',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
