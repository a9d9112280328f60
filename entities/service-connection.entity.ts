import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ConnectionStatus } from '../lib/connections';
import { ConnectableService } from './connectable-service.entity';
import { Region } from './region.entity';

/**
 * How far one municipality (Gemeinde, Gemeindeverband or Kreis) has come in connecting to one
 * connectable service: interest, contract, test, live. Written by its editors through
 * `services/connectable-services.ts`, with an audit event per change.
 */
@Entity({ name: 'service_connections' })
@Index('uq_service_connections_region_service', ['regionId', 'serviceId'], { unique: true })
export class ServiceConnection {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'region_id', type: 'integer' })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  @Index('ix_service_connections_service_id')
  @Column({ name: 'service_id', type: 'integer' })
  serviceId!: number;

  @ManyToOne(() => ConnectableService, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id' })
  service?: ConnectableService;

  @Column({ type: 'varchar', length: 20 })
  status!: ConnectionStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;

  /** Display name of the principal who set the status. */
  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;
}
