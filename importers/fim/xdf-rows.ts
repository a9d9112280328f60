/** XDatenfelder definitions as rows of `fim_data_elements`, with the hashes that tell versions apart. */
import type { FimDataElementKind } from '../../entities/fim-data-element.entity';
import type { XdfDefinition, XdfStruktur } from '../../fim';
import { canonicalJson, sha256Hex } from '../../lib/hash';
import type { FimObjectKind } from './fim-report';

/** The part of an element that FIM changes in place without a new version. */
const MUTABLE_FIELDS = ['status', 'letzteAenderung', 'veroeffentlichungsdatum'] as const;

const KIND: Record<XdfDefinition['kind'], FimDataElementKind> = {
  stammdatenschema: 'stammdatenschema',
  datenfeldgruppe: 'datenfeldgruppe',
  datenfeld: 'datenfeld',
  regel: 'regel',
};

/** Where each kind is counted in a file report. */
export const REPORT_KIND: Record<FimDataElementKind, FimObjectKind> = {
  stammdatenschema: 'schemas',
  datenfeldgruppe: 'gruppen',
  datenfeld: 'felder',
  regel: 'regeln',
};

/** One element as it is stored. */
export interface ElementRow {
  kind: FimDataElementKind;
  fimId: string;
  /** `''` when the message gave no version (possible in XDatenfelder 2.0). */
  version: string;
  /** `id@version`, or `id` without a version: the key `struktur` references use. */
  key: string;
  /** Element path of its first occurrence in the file. */
  path: string;
  name: string | null;
  status: { codeList: string; code: string; label?: string } | null;
  /** The content as stored (JSON), without bookkeeping fields and the tree. */
  json: string;
  struktur: XdfStruktur[];
  /** Everything but the mutable fields: two contents under one version are a conflict. */
  hash: string;
  /** The mutable fields: a change here updates the stored version in place. */
  meta: string;
}

/** The key `struktur` references use for an element (see `XdfRef.key`). */
export function elementKey(fimId: string, version: string): string {
  return version ? `${fimId}@${version}` : fimId;
}

/** Fields of a definition that are bookkeeping or stored apart (the tree), not content. */
const NOT_CONTENT: ReadonlySet<string> = new Set(['path', 'key', 'kind', 'struktur']);
const MUTABLE: ReadonlySet<string> = new Set(MUTABLE_FIELDS);

/**
 * A copy of `text` that shares no memory with the document it was read from. V8 keeps a
 * substring as a view on its parent, so a row holding a few short names would keep its whole
 * field's text alive, long enough to be moved to the old generation while the batch waits.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * The row of a definition: its content as JSON without bookkeeping fields, its two hashes, and
 * copies of the strings it keeps (see {@link detached}).
 */
export function rowOf(element: XdfDefinition): ElementRow {
  const kind = KIND[element.kind];
  const struktur = 'struktur' in element ? element.struktur : [];
  // Copied key by key rather than spread and `delete`d: deleting turns an object into a slow
  // dictionary, and every row is hashed twice and serialised once.
  const content: Record<string, unknown> = {};
  const fixed: Record<string, unknown> = {};
  const mutable: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(element)) {
    if (NOT_CONTENT.has(field)) continue;
    content[field] = value;
    if (!MUTABLE.has(field)) fixed[field] = value;
  }
  for (const field of MUTABLE_FIELDS) mutable[field] = (element as unknown as Record<string, unknown>)[field];
  const tree = struktur.map((s) => ({ anzahl: s.anzahl, bezug: s.bezug, enthaelt: s.enthaelt?.key ?? null }));
  const status = (element as { status?: ElementRow['status'] }).status;
  return {
    kind,
    fimId: detached(element.id),
    version: detached(element.version ?? ''),
    key: detached(element.key),
    path: detached(element.path),
    name: element.name === undefined ? null : detached(element.name.slice(0, 500)),
    status: status ? { ...status, code: detached(status.code) } : null,
    json: JSON.stringify(content),
    struktur,
    hash: sha256Hex(canonicalJson({ kind, fixed, tree })),
    meta: sha256Hex(canonicalJson(mutable)),
  };
}

/** How a problem names the element: „Datenfeld F123 Version 1.0“. */
export function labelOf(row: ElementRow): string {
  const what = {
    stammdatenschema: 'Stammdatenschema',
    datenfeldgruppe: 'Datenfeldgruppe',
    datenfeld: 'Datenfeld',
    regel: 'Regel',
  };
  return `${what[row.kind]} ${row.fimId}${row.version ? ` Version ${row.version}` : ' (ohne Version)'}`;
}
