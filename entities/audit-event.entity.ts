import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One write, as it happened: who, when, in which request, and the state before and after in
 * the API's natural-key representation. Written in the same transaction as the change.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_region', ['regionId', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'occurred_at', type: Date })
  occurredAt!: Date;

  /** Display name of the principal (`token:name`, `cli:user`, `system`). */
  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ name: 'actor_kind', type: 'varchar', length: 20 })
  actorKind!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  /** What happened, e.g. `component-record.updated`, `region.retired`. */
  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType!: string;

  /** Natural key of the changed thing, e.g. `09162000/epayment`. */
  @Column({ name: 'entity_key', type: 'varchar', length: 120 })
  entityKey!: string;

  /** The municipality the change belongs to, for its history. */
  @Column({ name: 'region_id', type: 'integer', nullable: true })
  regionId!: number | null;

  @Column({ name: 'import_run_id', type: 'integer', nullable: true })
  importRunId!: number | null;

  @Column({ type: 'simple-json', nullable: true })
  before!: object | null;

  @Column({ type: 'simple-json', nullable: true })
  after!: object | null;
}
