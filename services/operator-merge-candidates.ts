import type { EntityManager } from 'typeorm';
import { Operator } from '../entities';
import { nearOperatorMatches } from './operator-match';

/** An operator another one may be merged into; `similar` marks a probable duplicate. */
export interface MergeCandidate {
  id: number;
  name: string;
  shortName: string | null;
  /** Its name looks like this one's (a probable duplicate): listed first. */
  similar: boolean;
}

/** How many near matches per name count as probable duplicates. */
const SIMILAR_PER_NAME = 20;

/**
 * The operators `self` may be merged into: every shared operator except itself, by name
 * (the municipalities' own IT departments, one per municipality, would make the list
 * endless), those whose name or short name is near one of `self`'s marked as similar.
 */
export async function mergeCandidates(
  manager: EntityManager,
  self: { id: number; name: string; shortName: string | null },
): Promise<MergeCandidate[]> {
  const others = await manager
    .createQueryBuilder(Operator, 'o')
    .where("o.type <> 'own-it'")
    .andWhere('o.id <> :id', { id: self.id })
    .orderBy('o.nameKey', 'ASC')
    .getMany();
  const similar = new Set(
    [self.name, self.shortName ?? '']
      .filter(Boolean)
      .flatMap((name) => nearOperatorMatches(name, others, SIMILAR_PER_NAME).map((m) => m.operator.id)),
  );
  return others.map((o) => ({ id: o.id, name: o.name, shortName: o.shortName, similar: similar.has(o.id) }));
}
