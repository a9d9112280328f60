import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ServiceKind } from '../lib/connections';
import type { MaturityModel } from '../lib/maturity';

/**
 * A service a municipality connects to instead of building it (DOMAIN.md §5a, §6): a federal
 * service (BundID, Organisationskonto), a Land platform (service account, ePayment, forms) or
 * an EfA online service. Shipped in `data/reference/anschliessbare-dienste.csv` with a source
 * per row (`importers/connectable-services-defaults.ts`); never deleted, because municipalities'
 * connections point at it: a service the shipped table drops is marked inactive.
 */
@Entity({ name: 'connectable_services' })
export class ConnectableService {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Stable slug (`bundid`, `epaybl`), used in API paths. */
  @Column({ type: 'varchar', length: 60, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: ServiceKind;

  /** Codes of the base components (DOMAIN.md §2) the service provides to a connected municipality. */
  @Column({ type: 'simple-json' })
  components!: string[];

  /** OZG-IDs an online service covers (EfA services); empty for a base service. */
  @Column({ name: 'ozg_ids', type: 'simple-json' })
  ozgIds!: number[];

  /** Land keys where municipalities can connect; empty: all of Germany. */
  @Column({ name: 'land_keys', type: 'simple-json' })
  landKeys!: string[];

  /** Who runs it, as the source names it. */
  @Column({ type: 'varchar', length: 300 })
  operator!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  url!: string | null;

  /** The model of {@link maturityLevel}; null where no Reifegrad is published. */
  @Column({ name: 'maturity_model', type: 'varchar', length: 10, nullable: true })
  maturityModel!: MaturityModel | null;

  /** Published Reifegrad of an online service. */
  @Column({ name: 'maturity_level', type: 'integer', nullable: true })
  maturityLevel!: number | null;

  /** The public page(s) the row rests on. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** False for a service that was replaced or switched off (Servicekonto.NRW → BundID). */
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;
}
