import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Land whose imported Zuständigkeit data an administrator declared complete: there, for every
 * Leistung with Zuständigkeit data in the Land, only the units the data name are responsible.
 * Elsewhere Zuständigkeit data add units to what the rules give, and never remove any.
 */
@Entity({ name: 'complete_zustaendigkeit_laender' })
export class CompleteZustaendigkeit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'land_key', type: 'varchar', length: 2, unique: true })
  landKey!: string;

  @Column({ name: 'marked_by', type: 'varchar', length: 200 })
  markedBy!: string;

  @CreateDateColumn({ name: 'marked_at' })
  markedAt!: Date;
}
