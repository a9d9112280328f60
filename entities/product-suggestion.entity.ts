import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Component } from './component.entity';

/**
 * A product or state/federal solution known for a component (DOMAIN.md §7), offered as a
 * suggestion when recording a landscape, never as an authoritative list.
 */
@Entity({ name: 'product_suggestions' })
@Index('uq_product_suggestions_component_name', ['componentId', 'name'], { unique: true })
export class ProductSuggestion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'component_id', type: 'integer' })
  componentId!: number;

  @ManyToOne(() => Component, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'component_id' })
  component?: Component;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Vendor or operator named by the source. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  vendor!: string | null;

  /** Kind of solution as the source puts it (Produkt, Landeslösung, Bund-Länder-Lösung …). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  kind!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Source URLs, separated by " ; " as in the reference file. */
  @Column({ type: 'text', nullable: true })
  sources!: string | null;
}
