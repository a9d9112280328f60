import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DelegationCarrier } from '../lib/responsibility';

/**
 * Land law on who executes a task group for a type of unit (DOMAIN.md §5a): whether a Verband
 * of a type (GV100AD Textkennzeichen, e.g. `54` Verwaltungsgemeinschaft) runs a Gemeinde task
 * group for its members (`verband`) or the member keeps it (`mitglied`); whether a city of a
 * status (`grosse-kreisstadt` …) runs a Kreis task group for its area (`stadt`) or the Kreis does
 * (`kreis`). Shipped defaults come from `data/reference/aufgabenuebertragung.csv`.
 */
@Entity({ name: 'task_delegation_rules' })
@Index('uq_task_delegation_rules', ['landKey', 'unitType', 'taskGroup'], { unique: true })
export class TaskDelegationRule {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'land_key', type: 'varchar', length: 2 })
  landKey!: string;

  /** Verband Textkennzeichen (`51`…`58`) or city status (`lib/responsibility.ts#CITY_STATUSES`). */
  @Column({ name: 'unit_type', type: 'varchar', length: 40 })
  unitType!: string;

  @Column({ name: 'task_group', type: 'varchar', length: 20 })
  taskGroup!: string;

  @Column({ type: 'varchar', length: 10 })
  carrier!: DelegationCarrier;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: '' })
  source!: string;

  @Column({ type: 'varchar', length: 10, default: 'default' })
  origin!: 'default' | 'user';
}
