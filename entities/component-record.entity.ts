import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ComponentStatus, RecordSource } from '../lib/vocabulary';
import { Component } from './component.entity';
import { Operator } from './operator.entity';
import { Region } from './region.entity';

/** What one municipality runs of one base component: status, product, operator, validity. */
@Entity({ name: 'component_records' })
@Index('uq_component_records_region_component', ['regionId', 'componentId'], { unique: true })
export class ComponentRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'region_id', type: 'integer' })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  @Index('ix_component_records_component_id')
  @Column({ name: 'component_id', type: 'integer' })
  componentId!: number;

  @ManyToOne(() => Component, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'component_id' })
  component?: Component;

  @Column({ type: 'varchar', length: 20 })
  status!: ComponentStatus;

  @Index('ix_component_records_operator_id')
  @Column({ name: 'operator_id', type: 'integer', nullable: true })
  operatorId!: number | null;

  @ManyToOne(() => Operator, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'operator_id' })
  operator?: Operator | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  product!: string | null;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /**
   * A Landkreis record: the Kreis runs the component for its Gemeinden too (a shared form server,
   * a Kreis-wide ePayment contract), so it counts for them unless they record their own.
   */
  @Column({ name: 'serves_members', type: 'boolean', default: false })
  servesMembers!: boolean;

  @Column({ type: 'varchar', length: 20 })
  source!: RecordSource;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
