import type { CompletenessGap } from '../../../services/inventory-completeness';
import type { RegionView } from '../../../services/region.service';
import { html, type SafeHtml } from './html';
import { layout, type Crumb, type ViewContext } from './layout';

/** What the refusal page shows. */
export interface ConfirmRefusedData {
  region: RegionView;
  trail: Crumb[];
  gaps: CompletenessGap[];
}

const REASON_TEXT: Record<CompletenessGap['reason'], string> = {
  missing: 'noch nicht erfasst',
  unknown: 'Status „unbekannt“',
  demo: 'Demodaten – noch von niemandem geprüft',
};

/**
 * The answer to "Daten vollständig bestätigen" while components are unrecorded, unknown or
 * still demo data: what is missing, each with a link to its form, instead of a confirmation.
 */
export function confirmRefusedPage(ctx: ViewContext, data: ConfirmRefusedData): SafeHtml {
  const key = data.region.key;
  return layout(ctx, {
    title: `Noch nicht vollständig – ${data.region.name}`,
    breadcrumbs: [...data.trail, { label: 'Vollständigkeit bestätigen' }],
    body: html`<h1>Noch nicht vollständig <span class="subtitle">${data.region.name}</span></h1>
<div class="error-summary" role="alert" aria-labelledby="luecken-titel" tabindex="-1" id="fehler">
  <h2 id="luecken-titel">Die Angaben wurden nicht als vollständig bestätigt</h2>
  <p>Bestätigen lässt sich erst, wenn alle Basiskomponenten von einer Person erfasst sind. Es fehlen noch
    ${data.gaps.length === 1 ? 'eine Angabe' : `${data.gaps.length} Angaben`}:</p>
  <ul>${data.gaps.map(
    (g) =>
      html`<li><a href="/kommunen/${key}/komponenten/${g.component}">${g.label}</a>: ${REASON_TEXT[g.reason]}</li>`,
  )}</ul>
  <p>Demodaten werden zu Ihren Angaben, sobald Sie den Eintrag öffnen, prüfen und speichern. Wird eine Komponente
    nicht genutzt, wählen Sie den Status „nicht genutzt“.</p>
</div>
<p><a href="/kommunen/${key}#komponenten">Zurück zu ${data.region.name}</a></p>`,
  });
}
