import type { EntityManager } from 'typeorm';
import { componentsByCode } from './component.service';
import type { LandscapeView } from './inventory-views';

/** A component that keeps a landscape from being confirmed as complete, and why. */
export interface CompletenessGap {
  component: string;
  label: string;
  reason: 'missing' | 'unknown' | 'demo';
}

const GAP_REASONS: Record<CompletenessGap['reason'], string> = {
  missing: 'noch nicht erfasst',
  unknown: 'Status „unbekannt“',
  demo: 'Demodaten, von niemandem geprüft',
};

/**
 * What stands in the way of "Daten vollständig bestätigen": components without a record, with
 * status `unknown`, or still demo data. Empty when the landscape may be confirmed. A
 * confirmation says a person vouches for all nine components; one click over gaps said nothing.
 */
export async function completenessGaps(manager: EntityManager, view: LandscapeView): Promise<CompletenessGap[]> {
  const catalogue = await componentsByCode(manager);
  const label = (code: string) => catalogue.get(code)?.label ?? code;
  const gaps: CompletenessGap[] = view.missingComponents.map((code) => ({
    component: code,
    label: label(code),
    reason: 'missing',
  }));
  for (const record of view.components) {
    const reason = record.source === 'demo' ? 'demo' : record.status === 'unknown' ? 'unknown' : null;
    if (reason) gaps.push({ component: record.component, label: label(record.component), reason });
  }
  return gaps;
}

/** The German explanation of {@link completenessGaps}, one sentence per reason. */
export function describeCompletenessGaps(gaps: CompletenessGap[]): string {
  return (['missing', 'unknown', 'demo'] as const)
    .map((reason) => ({ reason, labels: gaps.filter((g) => g.reason === reason).map((g) => g.label) }))
    .filter((g) => g.labels.length > 0)
    .map((g) => `${GAP_REASONS[g.reason]}: ${g.labels.join(', ')}.`)
    .join(' ');
}
