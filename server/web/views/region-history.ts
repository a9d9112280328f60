import type { AuditEventView } from '../../../services/audit.service';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../../../lib/vocabulary';
import { OFFERING_STATUS_LABELS, type OfferingStatus } from '../../../lib/maturity';
import { formatDate } from './format';

/** German names of the directory's and the successor mapping's events in a history. */
export const REGION_ACTION_LABELS: Record<string, string> = {
  'region.added': 'Neu im Gemeindeverzeichnis',
  'region.renamed': 'Umbenannt',
  'region.ars-changed': 'Regionalschlüssel geändert',
  'region.retired': 'Nicht mehr im Gemeindeverzeichnis',
  'region.reactivated': 'Wieder im Gemeindeverzeichnis',
  'region.records-moved-in': 'Einträge vom Vorgänger übernommen',
  'region.records-copied-in': 'Einträge vom Vorgänger kopiert',
  'component-record.replaced': 'Eintrag durch den des Vorgängers ersetzt',
  'offering.replaced': 'Angebot durch das des Vorgängers ersetzt',
};

interface ArsState {
  ars?: string | null;
  verbandName?: string | null;
  gebietsstand?: string;
}

interface OfferingState {
  leistung?: string;
  source?: string;
  status?: OfferingStatus;
  url?: string | null;
  maturity?: { model: string; level: number | null } | null;
}

interface MappingContents {
  successorKey?: string;
  predecessorKey?: string;
  components?: { component: string }[];
  offerings?: unknown[];
  conflicts?: {
    kind: 'component' | 'offering';
    key: string;
    resolution: 'predecessor' | 'successor' | null;
    predecessor: { status?: string };
    successor: { status?: string };
  }[];
}

function offeringText(o: OfferingState | null): string {
  if (!o) return '–';
  const maturity = o.maturity ? `, ${o.maturity.model} Stufe ${o.maturity.level ?? '–'}` : '';
  return `${o.status ? OFFERING_STATUS_LABELS[o.status] : '–'}${o.url ? `, ${o.url}` : ''}${maturity}`;
}

function statusText(kind: 'component' | 'offering', status: string | undefined): string {
  if (!status) return '–';
  return kind === 'component'
    ? (COMPONENT_STATUS_LABELS[status as ComponentStatus] ?? status)
    : (OFFERING_STATUS_LABELS[status as OfferingStatus] ?? status);
}

/** The lines of a successor mapping: the other region, what came over, each conflict with the choice. */
function mappingLines(after: MappingContents, label: (code: string) => string): string[] {
  const lines: string[] = [];
  if (after.successorKey) lines.push(`Nachfolger: ${after.successorKey}`);
  if (after.predecessorKey) lines.push(`Vorgänger: ${after.predecessorKey}`);
  const components = (after.components ?? []).map((c) => label(c.component));
  if (components.length > 0) lines.push(`Komponenten: ${components.join(', ')}`);
  if ((after.offerings ?? []).length > 0) lines.push(`Online-Angebote: ${(after.offerings ?? []).length}`);
  for (const c of after.conflicts ?? []) {
    const what = c.kind === 'component' ? label(c.key) : `Leistung ${c.key}`;
    const kept = c.resolution === 'predecessor' ? 'der des Vorgängers gilt' : 'der des Nachfolgers bleibt';
    lines.push(
      `Konflikt ${what}: Vorgänger ${statusText(c.kind, c.predecessor.status)}, Nachfolger ${statusText(c.kind, c.successor.status)} – ${kept}`,
    );
  }
  return lines;
}

/**
 * The change lines of the directory's events (added, renamed, new ARS, retired, reactivated)
 * and of the successor mapping's, for the history table; empty for any other event.
 */
export function regionEventLines(event: AuditEventView, label: (code: string) => string): string[] {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  switch (event.action) {
    case 'region.renamed':
      return [`Name: ${String(before.name ?? '–')} → ${String(after.name ?? '–')}`];
    case 'region.ars-changed': {
      const b = before as ArsState;
      const a = after as ArsState;
      return [
        `ARS: ${b.ars ?? '–'} → ${a.ars ?? '–'}`,
        `Gemeindeverband: ${b.verbandName ?? 'verbandsfrei'} → ${a.verbandName ?? 'verbandsfrei'}`,
        ...(a.gebietsstand ? [`Gebietsstand ${formatDate(a.gebietsstand)}`] : []),
      ];
    }
    case 'region.added':
      return typeof after.gebietsstand === 'string' ? [`Gebietsstand ${formatDate(after.gebietsstand)}`] : [];
    case 'region.retired':
      return typeof after.retiredGebietsstand === 'string'
        ? [`seit dem Gebietsstand ${formatDate(after.retiredGebietsstand)}`]
        : [];
    case 'region.successor-mapped':
    case 'region.records-moved-in':
    case 'region.records-copied-in':
      return mappingLines(after as MappingContents, label);
    case 'offering.replaced': {
      const b = event.before as OfferingState | null;
      const a = event.after as OfferingState | null;
      return [
        `Leistung ${a?.leistung ?? b?.leistung ?? ''} (${a?.source ?? ''}): ${offeringText(b)} → ${offeringText(a)}`,
      ];
    }
    default:
      return [];
  }
}
