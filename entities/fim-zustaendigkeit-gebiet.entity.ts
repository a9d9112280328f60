import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FimZustaendigkeit } from './fim-zustaendigkeit.entity';

/** One area of a Zuständigkeit: the `gebietID` as written and, when it holds one, its 12-digit ARS. */
@Entity({ name: 'fim_zustaendigkeit_gebiete' })
@Index('uq_fim_zustaendigkeit_gebiete', ['zustaendigkeitId', 'gebietId'], { unique: true })
export class FimZustaendigkeitGebiet {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'zustaendigkeit_id', type: 'integer' })
  zustaendigkeitId!: number;

  @ManyToOne(() => FimZustaendigkeit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'zustaendigkeit_id' })
  zustaendigkeit?: FimZustaendigkeit;

  @Column({ name: 'gebiet_id', type: 'varchar', length: 200 })
  gebietId!: string;

  @Index('ix_fim_zustaendigkeit_gebiete_ars')
  @Column({ type: 'varchar', length: 12, nullable: true })
  ars!: string | null;
}
