import { COMPONENT_CAPS, type CapCondition } from '../../../lib/component-caps';
import { DEFAULT_TARGET, LEVEL_LABELS, MATURITY_MODELS } from '../../../lib/maturity';
import { gapDefinitions } from '../../../reports/gaps/definitions';
import { shortLabel } from '../../../reports/common/wording';
import { html, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';
import { definitionsList } from './ozg-common.view';

const CONDITION_LABELS: Record<CapCondition, string> = {
  always: 'jede Leistung',
  'fee-bearing': 'nur gebührenpflichtige Leistungen',
  'eid-required': 'nur Leistungen mit Vertrauensniveau substantiell oder hoch',
};

/**
 * `/ozg-definitionen`: the definitions of the OZG pages and the table of which base component
 * each maturity criterion needs (`lib/component-caps.ts`), as a page of the service the
 * definitions can link to — a coordinator has no access to the repository's docs.
 */
export function ozgDefinitionsPage(ctx: ViewContext, componentLabels: Map<string, string>): SafeHtml {
  const tables = MATURITY_MODELS.map((model) => {
    const rows = COMPONENT_CAPS.filter((c) => c.model === model);
    const id = `stufen-${model.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table class="compact">
<caption id="${id}">${model === 'RGM-2.0' ? 'Reifegradmodell 2.0' : 'Reifegradmodell 1.1'}: höchste Stufe ohne die Basiskomponente</caption>
<thead><tr><th scope="col">Kriterium</th><th scope="col">Basiskomponente (eine genügt)</th><th scope="col">höchste Stufe ohne sie</th><th scope="col">gilt für</th></tr></thead>
<tbody>${rows.map(
      (r) =>
        html`<tr><th scope="row">${r.label}</th><td>${r.components.map((c) => shortLabel(componentLabels.get(c) ?? c)).join(' oder ')}</td>
<td>Stufe ${r.cap} – ${LEVEL_LABELS[model][r.cap] ?? ''}</td><td>${CONDITION_LABELS[r.when]}</td></tr>`,
    )}</tbody></table></div>`;
  });
  return layout(ctx, {
    title: 'Definitionen der OZG-Auswertung',
    breadcrumbs: [{ label: 'Start', href: '/' }, { label: 'Definitionen der OZG-Auswertung' }],
    body: html`<h1>Definitionen der OZG-Auswertung</h1>
<p class="lead">So zählen die OZG-Seiten der Gebiete und Kommunen. Die Zahlen lassen sich mit diesen Regeln von Hand nachprüfen.</p>
<h2 id="definitionen">Definitionen</h2>
${definitionsList(gapDefinitions(DEFAULT_TARGET))}
<p>Das Ziel ist wählbar; hier steht der Standard, Reifegrad ${DEFAULT_TARGET.model}:${DEFAULT_TARGET.level}.
  Welche Stelle für eine Leistung zuständig ist, steht mit Begründung und Quelle in den <a href="/zustaendigkeitsregeln">Zuständigkeitsregeln</a>.</p>
<h2 id="basiskomponenten">Basiskomponenten je Reifegrad</h2>
<p>Fehlt einer Einheit jede Basiskomponente eines Kriteriums, kommt eine Leistung, für die das Kriterium gilt, höchstens bis zu
  der genannten Stufe. Das ist eine Lesart der Stufendefinitionen der Reifegradmodelle durch dieses Projekt, keine amtliche Tabelle.</p>
${tables}`,
  });
}
