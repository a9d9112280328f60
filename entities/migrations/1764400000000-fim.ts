import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

function foreignKey(column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT'): TableForeignKey {
  return new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });
}

/**
 * FIM imports: XZuFi Leistung descriptions per Redaktion (replacing the unused
 * `leistung_fim_ids`), their Leistungsschlüssel, Onlinedienste and Zuständigkeiten with their
 * areas; XDatenfelder elements (schemas, groups, fields, rules) per id + version, their tree and
 * the Leistungsschlüssel found in their texts.
 */
export class Fim1764400000000 implements MigrationInterface {
  name = 'Fim1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.dropTable('leistung_fim_ids');
    const lifecycle = () => [
      c.varchar('xzufi_version', 10),
      c.varchar('content_sha256', 64),
      c.boolean('is_active', true),
      c.timestamp('deactivated_at', true),
      c.integer('import_run_id', true),
      c.createdAt(),
      c.createdAt('updated_at'),
    ];
    await queryRunner.createTable(
      new Table({
        name: 'fim_leistungen',
        columns: [
          c.id(),
          c.varchar('redaktion', 100),
          c.varchar('fim_id', 200),
          c.integer('leistung_id'),
          c.text('texts', false),
          c.text('typisierung', false),
          c.text('adressat', false),
          c.varchar('vertrauensniveau', 40, true),
          c.text('gueltigkeit', false),
          c.text('version_info'),
          ...lifecycle(),
        ],
        indices: [
          new TableIndex({
            name: 'uq_fim_leistungen_redaktion_id',
            columnNames: ['redaktion', 'fim_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_fim_leistungen_leistung', columnNames: ['leistung_id'] }),
        ],
        foreignKeys: [foreignKey('leistung_id', 'leistungen', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fim_leistung_keys',
        columns: [c.id(), c.integer('fim_leistung_id'), c.varchar('schluessel', 14), c.integer('position')],
        indices: [
          new TableIndex({
            name: 'uq_fim_leistung_keys_position',
            columnNames: ['fim_leistung_id', 'position'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_fim_leistung_keys_schluessel', columnNames: ['schluessel'] }),
        ],
        foreignKeys: [foreignKey('fim_leistung_id', 'fim_leistungen', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fim_onlinedienste',
        columns: [
          c.id(),
          c.varchar('redaktion', 100),
          c.varchar('fim_id', 200),
          c.varchar('name', 500, true),
          c.text('bezeichnung', false),
          c.text('links', false),
          c.text('leistung_refs', false),
          c.varchar('vertrauensniveau', 40, true),
          c.text('gueltigkeit', false),
          ...lifecycle(),
        ],
        indices: [
          new TableIndex({
            name: 'uq_fim_onlinedienste_redaktion_id',
            columnNames: ['redaktion', 'fim_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fim_zustaendigkeiten',
        columns: [
          c.id(),
          c.varchar('redaktion', 100),
          c.varchar('fim_id', 200),
          c.varchar('quelle', 40),
          c.varchar('art', 30, true),
          c.varchar('object_redaktion', 100, true),
          c.varchar('object_fim_id', 200, true),
          c.varchar('leistung_redaktion', 100),
          c.varchar('leistung_fim_id', 200),
          c.varchar('leistungsschluessel', 14, true),
          c.varchar('rolle', 20, true),
          ...lifecycle().filter((column) => column.name !== 'xzufi_version'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_fim_zustaendigkeiten_redaktion_id',
            columnNames: ['redaktion', 'fim_id'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ix_fim_zustaendigkeiten_leistung',
            columnNames: ['leistung_redaktion', 'leistung_fim_id'],
          }),
          new TableIndex({ name: 'ix_fim_zustaendigkeiten_schluessel', columnNames: ['leistungsschluessel'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fim_zustaendigkeit_gebiete',
        columns: [c.id(), c.integer('zustaendigkeit_id'), c.varchar('gebiet_id', 200), c.varchar('ars', 12, true)],
        indices: [
          new TableIndex({
            name: 'uq_fim_zustaendigkeit_gebiete',
            columnNames: ['zustaendigkeit_id', 'gebiet_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_fim_zustaendigkeit_gebiete_ars', columnNames: ['ars'] }),
        ],
        foreignKeys: [foreignKey('zustaendigkeit_id', 'fim_zustaendigkeiten', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fim_data_elements',
        columns: [
          c.id(),
          c.varchar('kind', 20),
          c.varchar('fim_id', 40),
          c.varchar('version', 20),
          c.varchar('name', 500, true),
          c.varchar('xdf_version', 10),
          c.varchar('status_list', 20, true),
          c.varchar('status_code', 40, true),
          c.varchar('status_label', 80, true),
          c.text('content', false),
          c.varchar('content_sha256', 64),
          c.varchar('meta_sha256', 64),
          c.integer('import_run_id', true),
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_fim_data_elements_id_version',
            columnNames: ['fim_id', 'version'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_fim_data_elements_kind', columnNames: ['kind'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fim_data_structure',
        columns: [
          c.id(),
          c.integer('parent_id'),
          c.integer('position'),
          c.integer('child_id'),
          c.varchar('anzahl', 20),
          c.integer('min_count', true),
          c.integer('max_count', true),
          c.text('bezug', false),
        ],
        indices: [
          new TableIndex({
            name: 'uq_fim_data_structure_position',
            columnNames: ['parent_id', 'position'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_fim_data_structure_child', columnNames: ['child_id'] }),
        ],
        foreignKeys: [
          foreignKey('parent_id', 'fim_data_elements', 'CASCADE'),
          foreignKey('child_id', 'fim_data_elements', 'RESTRICT'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fim_schema_leistungen',
        columns: [
          c.id(),
          c.integer('element_id'),
          c.varchar('schluessel', 14),
          c.varchar('source', 10),
          c.varchar('field', 20),
        ],
        indices: [
          new TableIndex({
            name: 'uq_fim_schema_leistungen',
            columnNames: ['element_id', 'schluessel'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_fim_schema_leistungen_schluessel', columnNames: ['schluessel'] }),
        ],
        foreignKeys: [foreignKey('element_id', 'fim_data_elements', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'fim_schema_leistungen',
      'fim_data_structure',
      'fim_data_elements',
      'fim_zustaendigkeit_gebiete',
      'fim_zustaendigkeiten',
      'fim_onlinedienste',
      'fim_leistung_keys',
      'fim_leistungen',
    ]) {
      await queryRunner.dropTable(table);
    }
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'leistung_fim_ids',
        columns: [
          c.id(),
          c.integer('leistung_id'),
          c.varchar('redaktion', 100),
          c.varchar('fim_id', 200),
          c.boolean('is_active', true),
        ],
        indices: [
          new TableIndex({
            name: 'uq_leistung_fim_ids_redaktion_id',
            columnNames: ['redaktion', 'fim_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_leistung_fim_ids_leistung', columnNames: ['leistung_id'] }),
        ],
        foreignKeys: [foreignKey('leistung_id', 'leistungen', 'CASCADE')],
      }),
    );
  }
}
