import { recordContent, storedRecordContent, type RecordContent } from '../../lib/inventory/record-content';
import type { InventoryPlan } from './inventory-plan';

/** One record a run writes (or, in a dry run, would write), before and after. */
export interface RecordChangePreview {
  ags: string;
  municipality: string;
  component: string;
  componentLabel: string;
  action: 'created' | 'updated';
  /** Only the fields that change; null for a new record. */
  before: Partial<RecordContent> | null;
  after: Partial<RecordContent>;
}

/** An operator a run creates, with the first row naming it. */
export interface NewOperatorPreview {
  name: string;
  type: string;
  row: number;
}

/** What a report's `details` add about the changes: the first records and every new operator. */
export interface ChangePreview {
  changes: RecordChangePreview[];
  /** How many records change in all (`changes` lists the first {@link PREVIEW_CHANGES}). */
  changesTotal: number;
  newOperators: NewOperatorPreview[];
}

/** Records listed per report: enough to check a file, small enough for a page and a JSON answer. */
export const PREVIEW_CHANGES = 200;

function changedFields(
  before: RecordContent,
  after: RecordContent,
): { before: Partial<RecordContent>; after: Partial<RecordContent> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof RecordContent)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b as Partial<RecordContent>, after: a as Partial<RecordContent> };
}

/**
 * The changes of a plan as a report shows them: per record before/after (only what differs;
 * a demo record taken over unchanged shows no field), and the operators the run creates.
 * A clean dry run that showed only counts left people guessing what "12 geändert" meant.
 */
export function changePreview(plan: InventoryPlan): ChangePreview {
  const changes = plan.changes.slice(0, PREVIEW_CHANGES).map((change): RecordChangePreview => {
    const after = recordContent(change);
    const base = {
      ags: change.region.key,
      municipality: change.region.name,
      component: change.component.code,
      componentLabel: change.component.label,
    };
    if (!change.stored) return { ...base, action: 'created', before: null, after };
    return { ...base, action: 'updated', ...changedFields(storedRecordContent(change.stored), after) };
  });
  return {
    changes,
    changesTotal: plan.changes.length,
    newOperators: plan.newOperators.map((o) => ({ name: o.name, type: o.type, row: o.row })),
  };
}
