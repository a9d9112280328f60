import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The gap report of an area as it stood in one month, for the trend (`GET
 * /api/reports/gaps/history`). Kept compact: the totals and, per OZG-Leistung, the counts.
 */
@Entity({ name: 'gap_snapshots' })
@Index('uq_gap_snapshots_area_month_target', ['areaKey', 'month', 'target'], { unique: true })
export class GapSnapshot {
  @PrimaryGeneratedColumn()
  id!: number;

  /** `DE`, a Land, Regierungsbezirk, Kreis key or AGS. */
  @Column({ name: 'area_key', type: 'varchar', length: 20 })
  areaKey!: string;

  /** `YYYY-MM`. */
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  /** Target maturity, e.g. `RGM-1.1:3`. */
  @Column({ type: 'varchar', length: 20 })
  target!: string;

  @Column({ name: 'taken_at', type: Date })
  takenAt!: Date;

  /** The catalogue edition the numbers rest on. */
  @Column({ type: 'varchar', length: 80 })
  edition!: string;

  @Column({ type: 'simple-json' })
  totals!: Record<string, number>;

  /** Per OZG-ID: `[responsibleUnits, metUnits, dashboardUnits]`. */
  @Column({ name: 'per_ozg', type: 'simple-json' })
  perOzg!: Record<string, [number, number, number, number?, number?]>;
}
