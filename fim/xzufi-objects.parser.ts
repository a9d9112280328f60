/**
 * XZuFi objects around the Leistung: `onlinedienst`, `zustaendigkeitTransferObjekt` and
 * `organisationseinheit`. Zuständigkeiten nested in Onlinedienste and Organisationseinheiten come
 * out as `XzufiZustaendigkeit` records too, so callers find all of them in one list.
 */
import { all, codeOf, codesOf, first, nonEmpty, textOf } from './element-readers';
import { isLeistungsschluessel } from './leistungsschluessel';
import { isValid } from './problems';
import type { FimProblem } from './types';
import type { XmlElement } from './xml';
import {
  readGueltigkeit,
  readId,
  readIds,
  readLocalized,
  readVersionsinformation,
  type XzufiContext,
} from './xzufi-readers';
import type {
  XzufiGebiet,
  XzufiId,
  XzufiOnlinedienst,
  XzufiOnlinedienstLink,
  XzufiOrganisationseinheit,
  XzufiZustaendigkeit,
} from './xzufi.types';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ARS_AT_END = /(?:^|[:/])(\d{12})$/;

type Quelle = XzufiZustaendigkeit['quelle'];
type Art = NonNullable<XzufiZustaendigkeit['art']>;

/** A `zustaendigkeitTransferObjekt`: one record per `zustaendigkeit` it carries. */
export function parseXzufiZustaendigkeitTransferObjekt(
  element: XmlElement,
  ctx: XzufiContext,
  position: number,
): XzufiZustaendigkeit[] {
  const children = element.groups(ctx.namespace);
  const objektId = readId(first(children, 'uebergeordnetesObjektID'));
  // NOTE: a transfer object without a `zustaendigkeit` child is read as one flattened Zuständigkeit.
  const entries = all(children, 'zustaendigkeit');
  return (entries.length > 0 ? entries : [element]).map((entry) =>
    readZustaendigkeit(entry, ctx, position, 'zustaendigkeitTransferObjekt', objektId),
  );
}

/**
 * An `onlinedienst` with its links; the Zuständigkeiten nested in it come back separately, and
 * the Leistungen they name (plus any direct `leistungID`) are listed in `leistungIds`.
 */
export function parseXzufiOnlinedienst(
  element: XmlElement,
  ctx: XzufiContext,
  position: number,
): { onlinedienst: XzufiOnlinedienst; zustaendigkeiten: XzufiZustaendigkeit[] } {
  const children = element.groups(ctx.namespace);
  const problems: FimProblem[] = [];
  const id = readId(first(children, 'id'));
  if (!id) ctx.sink.error(problems, 'missing-id', 'Der Onlinedienst hat keine id.', element.path);
  const zustaendigkeiten = all(children, 'zustaendigkeit').map((entry) =>
    readZustaendigkeit(entry, ctx, position, 'onlinedienst', id),
  );
  const leistungIds = readIds(children, 'leistungID');
  for (const zustaendigkeit of zustaendigkeiten) {
    const leistungId = zustaendigkeit.leistungId;
    if (leistungId && !leistungIds.some((known) => known.key === leistungId.key)) leistungIds.push(leistungId);
  }
  const vertrauensniveau = codesOf(children, 'vertrauensniveau')[0];
  const versionsinformation = readVersionsinformation(children, ctx.namespace);
  const onlinedienst: XzufiOnlinedienst = {
    kind: 'onlinedienst',
    path: element.path,
    position,
    valid: isValid(problems),
    problems,
    ...(id && { id }),
    bezeichnung: readLocalized(all(children, 'bezeichnung')),
    links: readLinks(all(children, 'link'), ctx, problems),
    leistungIds,
    ...(vertrauensniveau !== undefined && { vertrauensniveau }),
    gueltigkeit: readGueltigkeit(children, ctx.namespace),
    ...(versionsinformation && { versionsinformation }),
  };
  return { onlinedienst, zustaendigkeiten };
}

/** An `organisationseinheit` (id and name) and the Zuständigkeiten nested in it. */
export function parseXzufiOrganisationseinheit(
  element: XmlElement,
  ctx: XzufiContext,
  position: number,
): { organisationseinheit: XzufiOrganisationseinheit; zustaendigkeiten: XzufiZustaendigkeit[] } {
  const children = element.groups(ctx.namespace);
  const problems: FimProblem[] = [];
  const id = readId(first(children, 'id'));
  if (!id) ctx.sink.error(problems, 'missing-id', 'Die Organisationseinheit hat keine id.', element.path);
  // The name is a structure in 2.2 (`name/name`) and plain text elsewhere.
  const nameElement = first(children, 'name');
  const name = nameElement && (textOf(nameElement.groups(ctx.namespace), 'name') ?? nonEmpty(nameElement.text()));
  const organisationseinheit: XzufiOrganisationseinheit = {
    kind: 'organisationseinheit',
    path: element.path,
    position,
    valid: isValid(problems),
    problems,
    ...(id && { id }),
    ...(name && { name }),
  };
  const zustaendigkeiten = all(children, 'zustaendigkeit').map((entry) =>
    readZustaendigkeit(entry, ctx, position, 'organisationseinheit', id),
  );
  return { organisationseinheit, zustaendigkeiten };
}

function readZustaendigkeit(
  element: XmlElement,
  ctx: XzufiContext,
  position: number,
  quelle: Quelle,
  objektId: XzufiId | undefined,
): XzufiZustaendigkeit {
  const children = element.groups(ctx.namespace);
  const problems: FimProblem[] = [];
  const id = readId(first(children, 'id'));
  const leistungId = readId(first(children, 'leistungID'));
  if (!leistungId) ctx.sink.error(problems, 'missing-element', 'Zuständigkeit ohne leistungID.', element.path);
  const gebiete = all(children, 'gebietID').flatMap((gebiet) => readGebiet(gebiet));
  if (gebiete.length === 0) ctx.sink.warning(problems, 'missing-element', 'Zuständigkeit ohne gebietID.', element.path);
  const art = artOf(element, id, quelle);
  const rolleElement = first(children, 'rolle');
  const rolle = rolleElement && codeOf(rolleElement);
  return {
    kind: 'zustaendigkeit',
    quelle,
    path: element.path,
    position,
    valid: isValid(problems),
    problems,
    ...(id && { id }),
    ...(art && { art }),
    ...(objektId && { zustaendigesObjektId: objektId }),
    ...(leistungId && { leistungId }),
    ...(leistungId && isLeistungsschluessel(leistungId.value) && { leistungsschluessel: leistungId.value }),
    gebiete,
    ...(rolle && { rolle }),
  };
}

function readGebiet(element: XmlElement): XzufiGebiet[] {
  const id = nonEmpty(element.text()) ?? codeOf(element);
  if (id === undefined) return [];
  const schemeID = element.attr('schemeID') ?? element.attr('listURI');
  const ars = ARS_AT_END.exec(id)?.[1];
  return [{ id, ...(schemeID && { schemeID }), ...(ars && { ars }) }];
}

/** From `xsi:type` (e.g. `ZustaendigkeitOrganisationseinheit`), the id's `schemeID`, else the enclosing object. */
function artOf(element: XmlElement, id: XzufiId | undefined, quelle: Quelle): Art | undefined {
  const xsiType = element.attrNS(XSI, 'type');
  const hint = `${xsiType ? element.resolveQName(xsiType).localName : ''} ${id?.schemeID ?? ''}`.toLowerCase();
  if (hint.includes('organisationseinheit')) return 'organisationseinheit';
  if (hint.includes('onlinedienst')) return 'onlinedienst';
  if (hint.includes('formular')) return 'formular';
  return quelle === 'zustaendigkeitTransferObjekt' ? undefined : quelle;
}

/** `link` is a structure (`typ`, `link`, `titel`) in 2.2/2.3.1 and may be a bare URI elsewhere. */
function readLinks(
  elements: readonly XmlElement[],
  ctx: XzufiContext,
  problems: FimProblem[],
): XzufiOnlinedienstLink[] {
  const links: XzufiOnlinedienstLink[] = [];
  for (const element of elements) {
    const parts = element.groups(ctx.namespace);
    const structured = element.children().length > 0;
    const url = structured ? (textOf(parts, 'link') ?? textOf(parts, 'uri')) : nonEmpty(element.text());
    if (url === undefined) {
      ctx.sink.warning(problems, 'missing-element', 'Link ohne URL übersprungen.', element.path);
      continue;
    }
    const typElement = first(parts, 'typ');
    const typ = typElement && codeOf(typElement);
    const titel = textOf(parts, 'titel');
    const languageCode = element.attr('languageCode');
    links.push({ url, ...(typ && { typ }), ...(titel && { titel }), ...(languageCode && { languageCode }) });
  }
  return links;
}
