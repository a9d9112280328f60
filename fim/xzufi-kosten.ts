/**
 * The fee information of an XZuFi Leistung (`modulKosten`), and whether it says the Leistung
 * costs a fee (so it needs ePayment), is free, or leaves that open.
 *
 * Sources (no XZuFi XSD was within reach; XRepository's `xzufi-baukasten.xsd` is the authority):
 * - rongem/pvog `src/model/rest/leistung.model.ts` and `src/controller/data-import.controller.ts`
 *   (a PVOG importer) model `modulKosten` as `{ beschreibung: MultiLanguageText[] }`: repeated,
 *   language-tagged `beschreibung` children, as delivered by the PVOG in 2.2.0.
 * - A 2.1.0 converter (`xzufi2csv`, found by text search; the index names no repository) reads
 *   `modulKosten/beschreibung` in the `…/xzufi/2_1_0` namespace: the module exists in 2.1.0 too.
 * - A FIM-portal helper (Python, found by text search) reads, anywhere inside `modulKosten`,
 *   elements named `betrag` and `waehrung` and a numeric XÖV `code` (the cost type).
 * What is read here beyond that follows the same naming and is unverified: `kosten` items
 * carrying a cost type code (`kostenart`, `kostentyp` or `typ`), a fixed amount (`betragFix` or
 * `betrag`) or a range (`betragMin`/`betragMax`, directly or inside `betragVariabel`), a
 * currency (`waehrung`, an XÖV code or plain text, or a `currencyID` attribute), a description
 * and `vorkasse`. An amount is a decimal, either as the element's text or in a `betrag` child.
 * The cost type code is kept as written but not interpreted: its code list was not reachable.
 */
import { all, type Children, codeOf, dropUndefined, first, nonEmpty, textForLanguage, textOf } from './element-readers';
import type { FimProblem, LocalizedText } from './types';
import type { XmlElement } from './xml';
import { readLocalized, type XzufiContext } from './xzufi-readers';
import type { XzufiKosten, XzufiKostenposition } from './xzufi.types';

const TYPE_ELEMENTS = ['kostenart', 'kostentyp', 'typ'];
const FIXED_ELEMENTS = ['betragFix', 'betrag'];
/** `37`, `37.00`, `37,00`: xs:decimal, or with a German decimal comma; no thousands separators. */
const DECIMAL = /^\d+(?:[.,]\d+)?$/;
/**
 * Descriptions that say, in full, that nothing is charged. Compared after HTML stripping,
 * lower-casing, collapsing spaces and dropping a final full stop: "Keine." and "<p>kostenfrei</p>"
 * count, "Keine Gebühr für Kinder" does not. Nothing else in free text is read.
 */
const FREE_PHRASES: ReadonlySet<string> = new Set([
  'keine',
  'keine kosten',
  'keine gebühren',
  'kostenfrei',
  'kostenlos',
  'gebührenfrei',
]);

/**
 * Reads every `modulKosten` of a Leistung (normally one) into one summary, or undefined when
 * the Leistung has none. An amount that is not a decimal is a warning on the record.
 */
export function readKosten(children: Children, ctx: XzufiContext, problems: FimProblem[]): XzufiKosten | undefined {
  const modules = all(children, 'modulKosten');
  if (modules.length === 0) return undefined;
  const positionen: XzufiKostenposition[] = [];
  const beschreibungen: XmlElement[] = [];
  for (const modul of modules) {
    const parts = modul.groups(ctx.namespace);
    beschreibungen.push(...all(parts, 'beschreibung'));
    for (const kosten of all(parts, 'kosten')) positionen.push(readPosition(kosten, ctx, problems));
  }
  const beschreibung = readLocalized(beschreibungen);
  const feeBearing = feeBearingOf(positionen, beschreibung);
  return { positionen, beschreibung, ...(feeBearing !== undefined && { feeBearing }) };
}

/**
 * Whether the fee information says the Leistung costs a fee: true when any item has an amount
 * above zero; false when every item is stated free (its amounts are all zero, or its
 * description is a free phrase) or, without items, the module's description is a free phrase;
 * otherwise undefined (nothing decidable: unknown, not free).
 */
function feeBearingOf(positionen: readonly XzufiKostenposition[], beschreibung: LocalizedText): boolean | undefined {
  if (positionen.some((p) => amountsOf(p).some((amount) => amount > 0))) return true;
  if (positionen.length > 0) return positionen.every(isStatedFree) ? false : undefined;
  return isFreePhrase(beschreibung) ? false : undefined;
}

function readPosition(kosten: XmlElement, ctx: XzufiContext, problems: FimProblem[]): XzufiKostenposition {
  const parts = kosten.groups(ctx.namespace);
  const variabel = first(parts, 'betragVariabel');
  const range = variabel ? variabel.groups(ctx.namespace) : parts;
  const read = (element: XmlElement | undefined) => (element ? readAmount(element, ctx, problems) : {});
  const betrag = read(FIXED_ELEMENTS.map((name) => first(parts, name)).find((element) => element !== undefined));
  const betragMin = read(first(range, 'betragMin'));
  const betragMax = read(first(range, 'betragMax'));
  return dropUndefined({
    typ: firstCode(parts, TYPE_ELEMENTS),
    betrag: betrag.value,
    betragMin: betragMin.value,
    betragMax: betragMax.value,
    waehrung: betrag.waehrung ?? betragMin.waehrung ?? betragMax.waehrung ?? currencyOf(kosten, parts),
    vorkasse: booleanOf(textOf(parts, 'vorkasse')),
    beschreibung: readLocalized(all(parts, 'beschreibung')),
  });
}

/** An amount element: its own decimal text, or a `betrag` child; the currency beside it. */
function readAmount(
  element: XmlElement,
  ctx: XzufiContext,
  problems: FimProblem[],
): { value?: number; waehrung?: string } {
  const parts = element.groups(ctx.namespace);
  const inner = first(parts, 'betrag');
  const source = inner ?? element;
  const raw = nonEmpty(source.text());
  const waehrung = currencyOf(element, parts) ?? (inner ? currencyOf(inner, inner.groups(ctx.namespace)) : undefined);
  if (raw !== undefined && !DECIMAL.test(raw)) {
    const message = `„${raw}“ ist kein Betrag (erwartet: Dezimalzahl); übergangen.`;
    ctx.sink.warning(problems, 'invalid-value', message, source.path);
  }
  const value = raw !== undefined && DECIMAL.test(raw) ? Number(raw.replace(',', '.')) : undefined;
  return { value, waehrung };
}

function currencyOf(element: XmlElement, parts: Children): string | undefined {
  const child = first(parts, 'waehrung');
  const code = child ? codeOf(child) : undefined;
  return code ?? nonEmpty(element.attr('currencyID') ?? '');
}

function firstCode(parts: Children, names: readonly string[]): string | undefined {
  for (const name of names) {
    const element = first(parts, name);
    const code = element ? codeOf(element) : undefined;
    if (code !== undefined) return code;
  }
  return undefined;
}

function amountsOf(position: XzufiKostenposition): number[] {
  return [position.betrag, position.betragMin, position.betragMax].filter((a): a is number => a !== undefined);
}

function isStatedFree(position: XzufiKostenposition): boolean {
  const amounts = amountsOf(position);
  return amounts.length > 0 ? amounts.every((amount) => amount === 0) : isFreePhrase(position.beschreibung);
}

/** The German description (or one without language) is, in full, one of {@link FREE_PHRASES}. */
function isFreePhrase(texts: LocalizedText): boolean {
  const text = textForLanguage(texts, 'de') ?? texts.und;
  if (text === undefined) return false;
  const normalised = text.toLowerCase().replace(/\s+/g, ' ').trim().replace(/\.$/, '').trim();
  return FREE_PHRASES.has(normalised);
}

function booleanOf(text: string | undefined): boolean | undefined {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}
