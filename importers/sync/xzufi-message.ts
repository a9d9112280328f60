/**
 * The FIM importer reads XZuFi transfer messages (`schreibe` / `loesche` blocks). A Steckbrief
 * from the FIM Portal may come as a bare `leistung` element instead; it is wrapped here into a
 * one-block transfer message in the same namespace, unchanged inside, so the importer reads it
 * like any other. Anything else passes through and the importer judges it.
 */

const XZUFI_NAMESPACE = /^http:\/\/xoev\.de\/schemata\/xzufi\/\d+_\d+_\d+$/;

/** The root start tag after the XML declaration, comments and a BOM; null when there is none. */
function rootTag(xml: string): { tag: string; offset: number } | null {
  const re = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<([^\s/>!?]+)[^>]*>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1]) return { tag: m[0], offset: m.index };
  }
  return null;
}

/** The namespace of the root element, from its own declarations. */
function rootNamespace(tag: string): { localName: string; namespace: string | null } {
  const qname = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
  const colon = qname.indexOf(':');
  const prefix = colon > 0 ? qname.slice(0, colon) : '';
  const wanted = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (const m of tag.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (m[1] === wanted) return { localName: colon > 0 ? qname.slice(colon + 1) : qname, namespace: m[2] ?? m[3] };
  }
  return { localName: colon > 0 ? qname.slice(colon + 1) : qname, namespace: null };
}

/**
 * `bytes` as a transfer message: a bare XZuFi `leistung` root is wrapped into
 * `<xzufi.transfer><schreibe>…</schreibe></xzufi.transfer>` of its namespace; any other
 * document is returned as it is.
 */
export function asTransferMessage(bytes: Buffer): Buffer {
  const xml = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const root = rootTag(xml);
  if (!root) return bytes;
  const { localName, namespace } = rootNamespace(root.tag);
  if (localName !== 'leistung' || namespace === null || !XZUFI_NAMESPACE.test(namespace)) return bytes;
  const body = xml.slice(root.offset);
  const version = /(\d+)_(\d+)_(\d+)$/.exec(namespace)?.slice(1).join('.') ?? '';
  const wrapped =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<sync:xzufi.transfer xmlns:sync="${namespace}" xzufiVersion="${version}"><sync:schreibe>` +
    body.trimEnd() +
    '</sync:schreibe></sync:xzufi.transfer>\n';
  return Buffer.from(wrapped, 'utf8');
}
