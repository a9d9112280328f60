import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A kreisangehörige city that takes over named Kreis tasks under Land law and that the
 * Gemeindeverzeichnis does not mark (it marks only Große Kreisstädte, Textkennzeichen 67): NRW
 * große and mittlere kreisangehörige Städte, Niedersachsen's große selbständige Städte and
 * selbständige Gemeinden. Which tasks pass is in `task_delegation_rules` under the status.
 */
@Entity({ name: 'city_statuses' })
export class CityStatus {
  @PrimaryGeneratedColumn()
  id!: number;

  /** AGS of the Gemeinde. */
  @Column({ type: 'varchar', length: 8, unique: true })
  ags!: string;

  /** `lib/responsibility.ts#CITY_STATUSES`. */
  @Column({ type: 'varchar', length: 40 })
  status!: string;

  @Column({ type: 'text', default: '' })
  source!: string;

  @Column({ type: 'varchar', length: 10, default: 'default' })
  origin!: 'default' | 'user';
}
