import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnKit, insertRows } from './migration-kit';

/**
 * Default level per Typisierung (DOMAIN.md §5) and the few OZG-Leistungen whose Typ 2/3
 * Leistungen every Gemeinde executes under federal law. Inferences, documented in
 * docs/ozg-reports.md; administrators change them with `npm run cli -- responsibility …`.
 */
const DEFAULT_RULES: [typ: string, ozgId: number | null, level: string, reason: string][] = [
  ['1', null, 'bund', 'Typ 1: Bund regelt und vollzieht.'],
  ['2', null, 'land', 'Typ 2: Bund regelt, Land vollzieht.'],
  [
    '2/3',
    null,
    'kreis',
    'Typ 2/3: Bund regelt, Land oder Kommune vollzieht; ohne Zuständigkeitsdaten angenommen: ' +
      'Kreis bzw. kreisfreie Stadt (häufigster Fall, z. B. Kfz-Zulassung, Elterngeld).',
  ],
  ['3', null, 'gemeinde', 'Typ 3: Bund regelt, Kommune vollzieht; angenommen: Gemeinde.'],
  [
    '4',
    null,
    'kreis',
    'Typ 4: Land regelt, Land oder Kommune vollzieht; angenommen: Kreis bzw. kreisfreie Stadt (z. B. Bauaufsicht).',
  ],
  ['5', null, 'gemeinde', 'Typ 5: Kommune regelt und vollzieht (Satzungsrecht, z. B. Hundesteuer).'],
  ['2/3', 10119, 'gemeinde', 'Personalausweisbehörde ist die Gemeinde (§ 8 PAuswG).'],
  ['2/3', 10177, 'gemeinde', 'Passbehörde ist die Gemeinde (§ 19 PassG).'],
  ['2/3', 10124, 'gemeinde', 'Meldebehörde ist die Gemeinde (Bundesmeldegesetz).'],
  ['2/3', 10003, 'gemeinde', 'Geburtsanzeige beim Standesamt der Gemeinde.'],
  ['2/3', 10026, 'gemeinde', 'Eheschließung beim Standesamt der Gemeinde.'],
  ['2/3', 10237, 'gemeinde', 'Sterbeurkunde vom Standesamt der Gemeinde.'],
  ['2/3', 10145, 'gemeinde', 'Wahlschein und Briefwahl: Gemeindebehörde (Bundeswahlordnung).'],
  ['2/3', 10364, 'gemeinde', 'Gewerbesteuer ist eine Gemeindesteuer.'],
  ['2/3', 10160, 'gemeinde', 'Hundehaltung: Hundesteuer und -anmeldung bei der Gemeinde.'],
];

/**
 * OZG gap analysis: online offerings with Reifegrad, the responsibility rule table with its
 * defaults, the responsibility derived from it (and from Zuständigkeiten), monthly gap snapshots.
 */
export class Ozg1764500000000 implements MigrationInterface {
  name = 'Ozg1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT') =>
      new TableForeignKey({
        columnNames: [column],
        referencedTableName: table,
        referencedColumnNames: ['id'],
        onDelete,
      });
    await queryRunner.createTable(
      new Table({
        name: 'offerings',
        columns: [
          c.id(),
          c.integer('region_id'),
          c.integer('leistung_id'),
          c.varchar('source', 20),
          c.varchar('url', 1000, true),
          c.varchar('status', 20),
          c.varchar('maturity_model', 10, true),
          c.integer('maturity_level', true),
          c.text('maturity_criteria'),
          c.boolean('flaechendeckend', false),
          c.varchar('coverage_raw', 60, true),
          c.text('note'),
          c.varchar('source_ref', 300, true),
          c.integer('import_run_id', true),
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_offerings_region_leistung_source',
            columnNames: ['region_id', 'leistung_id', 'source'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_offerings_leistung', columnNames: ['leistung_id'] }),
        ],
        foreignKeys: [fk('region_id', 'regions', 'RESTRICT'), fk('leistung_id', 'leistungen', 'RESTRICT')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'responsibility_rules',
        columns: [
          c.id(),
          { ...c.varchar('typ', 10), default: "''" },
          { ...c.varchar('land_key', 2), default: "''" },
          c.integer('ozg_id', true),
          c.varchar('level', 12),
          c.text('reason', false),
          { ...c.varchar('origin', 10), default: "'default'" },
        ],
        indices: [new TableIndex({ name: 'ix_responsibility_rules_typ', columnNames: ['typ', 'land_key'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'leistung_responsibilities',
        columns: [
          c.id(),
          c.integer('leistung_id'),
          c.varchar('land_key', 2),
          c.varchar('level', 12),
          c.varchar('source', 20),
          c.integer('rule_id', true),
        ],
        indices: [
          new TableIndex({
            name: 'uq_leistung_responsibilities',
            columnNames: ['leistung_id', 'land_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_leistung_responsibilities_land_level', columnNames: ['land_key', 'level'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'unit_responsibilities',
        columns: [c.id(), c.integer('leistung_id'), c.integer('region_id')],
        indices: [
          new TableIndex({
            name: 'uq_unit_responsibilities',
            columnNames: ['leistung_id', 'region_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_unit_responsibilities_region', columnNames: ['region_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gap_snapshots',
        columns: [
          c.id(),
          c.varchar('area_key', 20),
          c.varchar('month', 7),
          c.varchar('target', 20),
          c.timestamp('taken_at'),
          c.varchar('edition', 80),
          c.text('totals', false),
          c.text('per_ozg', false),
        ],
        indices: [
          new TableIndex({
            name: 'uq_gap_snapshots_area_month_target',
            columnNames: ['area_key', 'month', 'target'],
            isUnique: true,
          }),
        ],
      }),
    );
    await insertRows(
      queryRunner,
      'responsibility_rules',
      DEFAULT_RULES.map(([typ, ozgId, level, reason]) => ({
        typ,
        land_key: '',
        ozg_id: ozgId,
        level,
        reason,
        origin: 'default',
      })),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'gap_snapshots',
      'unit_responsibilities',
      'leistung_responsibilities',
      'responsibility_rules',
      'offerings',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
