import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Region } from './region.entity';

/**
 * The latest "Daten vollständig bestätigen" of a municipality: someone in scope confirmed
 * that its recorded landscape is complete and current. Every confirmation is also written
 * to the audit log (`inventory.confirmed`), which keeps the earlier ones.
 */
@Entity({ name: 'inventory_confirmations' })
export class InventoryConfirmation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'region_id', type: 'integer', unique: true })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  @Column({ name: 'confirmed_at', type: Date })
  confirmedAt!: Date;

  /** Display name of the principal, as in the audit log. */
  @Column({ name: 'confirmed_by', type: 'varchar', length: 200 })
  confirmedBy!: string;

  /** ETag of the landscape that was confirmed, to tell whether it changed since. */
  @Column({ name: 'landscape_etag', type: 'varchar', length: 40 })
  landscapeEtag!: string;
}
