/**
 * Which FIM format a document is, from its root element's namespace URI and local name only;
 * prefixes are resolved with the root's own `xmlns` declarations and never compared.
 */
import { FimParseError, type FimLocation } from './errors';
import type { XdfMessageType, XdfVersion } from './xdatenfelder.types';
import type { XzufiVersion } from './xzufi.types';

export const XZUFI_NAMESPACES: Readonly<Record<string, XzufiVersion>> = {
  'http://xoev.de/schemata/xzufi/2_1_0': '2.1.0',
  'http://xoev.de/schemata/xzufi/2_2_0': '2.2.0',
  'http://xoev.de/schemata/xzufi/2_3_1': '2.3.1',
};

export const XDF_NAMESPACES: Readonly<Record<string, XdfVersion>> = {
  'urn:xoev-de:fim:standard:xdatenfelder_2': '2.0',
  'urn:xoev-de:fim:standard:xdatenfelder_3.0.0': '3.0.0',
};

const XDF_MESSAGES: Readonly<Record<string, XdfMessageType>> = {
  'xdatenfelder.stammdatenschema.0102': 'stammdatenschema',
  'xdatenfelder.datenfeldgruppe.0103': 'datenfeldgruppe',
  'xdatenfelder.datenfeld.0104': 'datenfeld',
};

/** Formats people upload by mistake, named in the error so the fix is obvious. */
const KNOWN_OTHERS: Readonly<Record<string, string>> = {
  'http://docs.oasis-open.org/codelist/ns/genericode/1.0/': 'eine genericode-Codeliste',
};

export type DetectedFormat =
  | { format: 'xzufi'; version: XzufiVersion; namespace: string; localName: string }
  | {
      format: 'xdatenfelder';
      version: XdfVersion;
      messageType: XdfMessageType;
      namespace: string;
      localName: string;
    };

/**
 * Detects the format from the raw root start tag (see `prescanXml`). Any root in an XZuFi
 * namespace is accepted here (the transfer parser checks for `schreibe`/`loesche`); XDatenfelder
 * must be one of the supported messages.
 */
export function detectFormat(rootTag: string, location: FimLocation = {}): DetectedFormat {
  const { namespace, localName } = resolveRootName(rootTag, location);
  const xzufiVersion = XZUFI_NAMESPACES[namespace];
  if (xzufiVersion) return { format: 'xzufi', version: xzufiVersion, namespace, localName };
  const xdfVersion = XDF_NAMESPACES[namespace];
  if (xdfVersion) {
    const messageType = XDF_MESSAGES[localName];
    if (messageType) return { format: 'xdatenfelder', version: xdfVersion, messageType, namespace, localName };
    throw new FimParseError(
      'unknown-format',
      `Die XDatenfelder-Nachricht „${localName}“ wird nicht unterstützt (unterstützt: ` +
        `${Object.keys(XDF_MESSAGES).join(', ')}).`,
      { ...location, path: `/${localName}` },
    );
  }
  const what = KNOWN_OTHERS[namespace];
  throw new FimParseError(
    'unknown-format',
    `Unbekanntes Format: Wurzelelement „${localName}“ im Namensraum „${namespace || '(kein Namensraum)'}“` +
      (what ? ` ist ${what}, ` : ' ist ') +
      'weder XZuFi (2.1.0, 2.2.0, 2.3.1) noch XDatenfelder (2.0, 3.0.0).',
    { ...location, path: `/${localName}` },
  );
}

const TAG_NAME = /^<([^\s/>]+)/;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function resolveRootName(rootTag: string, location: FimLocation): { namespace: string; localName: string } {
  const qname = TAG_NAME.exec(rootTag)?.[1] ?? '';
  const colon = qname.indexOf(':');
  const prefix = colon > 0 ? qname.slice(0, colon) : '';
  const localName = colon > 0 ? qname.slice(colon + 1) : qname;
  const wanted = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (const match of rootTag.slice(qname.length + 1).matchAll(ATTRIBUTE)) {
    if (match[1] === wanted) return { namespace: match[2] ?? match[3] ?? '', localName };
  }
  if (prefix && prefix !== 'xml') {
    throw new FimParseError('not-well-formed', `Der Namensraumpräfix „${prefix}“ ist nicht deklariert.`, {
      ...location,
      path: `/${qname}`,
    });
  }
  return { namespace: '', localName };
}
