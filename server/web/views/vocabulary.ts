import {
  COMPONENT_STATUS_LABELS,
  OPERATOR_TYPE_LABELS,
  type ComponentStatus,
  type OperatorType,
} from '../../../lib/vocabulary';
import { html, type SafeHtml } from './html';

/** A symbol per status, so a status never depends on colour (also used in the matrix legend). */
export const STATUS_SYMBOLS: Record<ComponentStatus, string> = {
  'in-use': '●',
  planned: '○',
  'not-used': '–',
  retired: '×',
  unknown: '?',
};

/** One-letter codes of operator types for dense tables, explained in every legend. */
export const OPERATOR_TYPE_CODES: Record<OperatorType, string> = {
  'own-it': 'E',
  'municipal-provider': 'K',
  'inter-municipal': 'I',
  'private-provider': 'P',
  state: 'L',
  federal: 'B',
};

/** Status as symbol and text. */
export function statusBadge(status: ComponentStatus): SafeHtml {
  return html`<span class="status status-${status}"><span aria-hidden="true">${STATUS_SYMBOLS[status]}</span> ${COMPONENT_STATUS_LABELS[status]}</span>`;
}

/** "AKDB (kommunaler IT-Dienstleister)". */
export function operatorText(operator: { name: string; type: string } | null): string {
  if (!operator) return '–';
  const label = OPERATOR_TYPE_LABELS[operator.type as OperatorType] ?? operator.type;
  return `${operator.name} (${label})`;
}

/** The visible label of demo data (`demo load`) in tables and lists; the legend or a notice explains it. */
export function demoTag(): SafeHtml {
  return html`<span class="tag tag-demo">Demodaten</span>`;
}

/** What every page says about demo data where it shows some. */
export const DEMO_EXPLANATION =
  'Demodaten sind mit „demo load“ synthetisch erzeugt und keine echten Angaben. Auch wo sie echte Betreiber nennen ' +
  '(etwa kommunale IT-Dienstleister aus der Referenzliste), ist deren Zuordnung zu Gemeinden erfunden.';
