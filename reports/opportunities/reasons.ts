import { CONNECTION_STATUS_LABELS, type ConnectionStatus } from '../../lib/connections';
import type { AreaMunicipality, PlaceNames } from '../area';
import type { CatalogueEntry, OperatorRef } from '../common/records';
import {
  componentAccusative,
  componentNone,
  einwohner,
  GAP_STATUS_NOTES,
  gemeinden,
  inKreis,
  inLand,
  kreisLabel,
  listGerman,
  shortName,
} from '../common/wording';
import type { ServiceRef } from './connect-options';
import type { NeighbourRef } from './nearby-operators';
import type { GapStatus } from './opportunity';
import type { Tally } from './served-tallies';
import type { Context, GapMunicipality } from './suggestion-context';

/*
 * The German sentence that explains each suggestion, one builder per kind of suggestion.
 */

/**
 * The phrases reasons are made of, each built once: Germany has some 190,000 suggestions but
 * only a few thousand distinct places, components and numbers, and building every phrase anew
 * made the report spend most of its time collecting garbage.
 */
export class Phrases {
  private readonly kreise = new Map<string, string>();
  private readonly laender = new Map<string, string>();
  private readonly components = new Map<CatalogueEntry, { accusative: string; none: string }>();
  private readonly counts = new Map<number, string>();
  private readonly people = new Map<number, string>();

  constructor(private readonly names: PlaceNames) {}

  where(m: AreaMunicipality, scope: 'kreis' | 'land'): string {
    const kreis = scope === 'kreis' && m.kreisKey ? this.names.kreise.get(m.kreisKey) : undefined;
    if (kreis) return remember(this.kreise, m.kreisKey as string, () => inKreis(kreis.name, kreis.typeLabel));
    return remember(this.laender, m.landKey, () => inLand(this.names.laender.get(m.landKey) ?? m.landKey));
  }

  component(c: CatalogueEntry): { accusative: string; none: string } {
    return remember(this.components, c, () => ({
      accusative: componentAccusative(c.code, c.label),
      none: componentNone(c.code, c.label),
    }));
  }

  gemeinden(n: number): string {
    return remember(this.counts, n, () => gemeinden(n));
  }

  einwohner(n: number): string {
    return remember(this.people, n, () => einwohner(n));
  }
}

function remember<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/**
 * The end every operator reason shares: "12 von 1.101 Gemeinden in Baden-Württemberg (zusammen
 * 345.000 Einwohner); Aalen hat keine E-Akte (nicht genutzt)."
 */
function servedAndLacking(
  m: AreaMunicipality & { shortName: string },
  component: CatalogueEntry,
  status: GapStatus,
  scope: 'kreis' | 'land',
  served: Tally,
  of: Tally,
  phrases: Phrases,
): string {
  // NOTE: plain arguments, not one object of the callers' differing shapes: this runs once per
  // suggestion (about 100,000 for Germany), and a polymorphic argument made it cost twice as much.
  return (
    `${served.municipalities} von ${phrases.gemeinden(of.municipalities)} ${phrases.where(m, scope)} ` +
    `(zusammen ${phrases.einwohner(served.population)}); ` +
    `${m.shortName} hat ${phrases.component(component).none} (${GAP_STATUS_NOTES[status]}).`
  );
}

/** The reason of an operator serving Gemeinden of the same Kreis, or elsewhere in the Land. */
export function reasonFor(
  m: AreaMunicipality & { shortName: string },
  component: CatalogueEntry,
  status: GapStatus,
  s: { operator: OperatorRef; scope: 'kreis' | 'land'; served: Tally; of: Tally },
  phrases: Phrases,
): string {
  return (
    `${s.operator.name} betreibt ${phrases.component(component).accusative} bereits für ` +
    servedAndLacking(m, component, status, s.scope, s.served, s.of, phrases)
  );
}

/** "Stuttgart (Stadtkreis Stuttgart)", "Ostfildern und Denkendorf (Landkreis Esslingen)": grouped by Kreis, in the given order. */
function neighbourPlaces(neighbours: NeighbourRef[], names: PlaceNames): string {
  const byKreis = new Map<string, string[]>();
  for (const n of neighbours) {
    const kreis = n.kreisKey ? names.kreise.get(n.kreisKey) : undefined;
    const label = kreis ? kreisLabel(kreis.name, kreis.typeLabel) : (n.kreisKey ?? '');
    byKreis.set(label, [...(byKreis.get(label) ?? []), shortName(n.name)]);
  }
  return listGerman(
    [...byKreis.entries()].map(([kreis, places]) => `${listGerman(places)}${kreis ? ` (${kreis})` : ''}`),
  );
}

/**
 * The reason of an operator serving adjacent Gemeinden across the Kreis border: names them,
 * then counts the operator's Gemeinden in the Land.
 */
export function neighbourReasonFor(
  m: GapMunicipality,
  component: CatalogueEntry,
  status: GapStatus,
  s: { operator: OperatorRef; neighbours: NeighbourRef[]; served: Tally; of: Tally },
  ctx: Context,
): string {
  const accusative = ctx.phrases.component(component).accusative;
  const which = s.neighbours.length === 1 ? 'die Nachbargemeinde' : 'die Nachbargemeinden';
  return (
    `${s.operator.name} betreibt ${accusative} bereits für ${which} ${neighbourPlaces(s.neighbours, ctx.names)}, ` +
    `insgesamt für ${servedAndLacking(m, component, status, 'land', s.served, s.of, ctx.phrases)}`
  );
}

/** The reason of the Gemeinde's own operator of other components. */
export function customerReasonFor(
  m: GapMunicipality,
  component: CatalogueEntry,
  status: GapStatus,
  s: { operator: OperatorRef; alreadyRuns: CatalogueEntry[]; served: Tally; of: Tally },
  ctx: Context,
): string {
  const runs = listGerman(s.alreadyRuns.map((c) => ctx.phrases.component(c).accusative));
  return (
    `${s.operator.name} betreibt für ${m.shortName} bereits ${runs} und ${ctx.phrases.component(component).accusative} für ` +
    servedAndLacking(m, component, status, 'land', s.served, s.of, ctx.phrases)
  );
}

/**
 * The reason of a connect suggestion. A federal or Land service is open to every municipality
 * of the Land, so how many neighbours use it says little; the sentence names the service and
 * says so instead of counting like an operator's.
 */
export function connectReasonFor(
  m: AreaMunicipality & { shortName: string },
  component: CatalogueEntry,
  status: GapStatus,
  c: { service: ServiceRef | null; operator: OperatorRef | null; connectionStatus: ConnectionStatus | null },
  phrases: Phrases,
): string {
  const target = c.service
    ? `an ${c.service.name} anschließen (${c.service.kindLabel}`
    : `an das Angebot von ${c.operator?.name ?? '–'} anschließen (${c.operator?.typeLabel ?? ''}`;
  const progress = c.connectionStatus ? ` Erfasster Anschluss: ${CONNECTION_STATUS_LABELS[c.connectionStatus]}.` : '';
  return (
    `${m.shortName} hat ${phrases.component(component).none} (${GAP_STATUS_NOTES[status]}): ` +
    `${target}, für jede Kommune ${phrases.where(m, 'land')}).${progress}`
  );
}
