/**
 * XZuFi text modules carry HTML (the PVOG allows p, br, h1–h6, b/strong, i/em, sup/sub, ul/ol/li,
 * a). The service stores and searches plain text, so tags go, block ends become line breaks and
 * entities are decoded. A module that holds only markup (`<br>`, `<p>&nbsp;</p>`) becomes `''`.
 * One regex pass removes all markup (this runs for every text module of every Leistung).
 */

// Attribute values may contain `>` (`<a href="?a>b">`), so quoted values are matched as a whole.
const MARKUP =
  /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<(\/?)([A-Za-z][A-Za-z0-9]*)\b(?:"[^"]*"|'[^']*'|[^'">])*>/g;
const BLOCKS = new Set([
  'br',
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'tr',
  'table',
  'blockquote',
]);
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;
const SPACES = /[^\S\n]+/g;
const AROUND_BREAKS = / ?\n\s*/g;
const EMPTY_BULLETS = /\n-(?=\n|$)/g;

/** HTML entities that occur in German Leistungstexte; unknown names are left as written. */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  euro: '€',
  sect: '§',
  deg: '°',
  middot: '·',
  bull: '•',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  sbquo: '‚',
  lsquo: '‘',
  rsquo: '’',
  laquo: '«',
  raquo: '»',
  eacute: 'é',
};

/** Plain text of an HTML fragment: one line per block, whitespace collapsed, trimmed. */
export function htmlToText(html: string): string {
  let text = html.indexOf('<') === -1 ? html : html.replace(MARKUP, replaceMarkup);
  if (text.indexOf('&') !== -1) text = text.replace(ENTITY, decodeEntity);
  text = text.replace(SPACES, ' ');
  if (text.indexOf('\n') !== -1) text = text.replace(AROUND_BREAKS, '\n').replace(EMPTY_BULLETS, '');
  return text.trim();
}

function replaceMarkup(_match: string, dropped: string | undefined, slash: string, tag: string | undefined): string {
  if (dropped !== undefined || tag === undefined) return '';
  const name = tag.toLowerCase();
  if (name === 'li') return slash ? '\n' : '\n- ';
  return BLOCKS.has(name) ? '\n' : '';
}

function decodeEntity(match: string, name: string): string {
  if (name.charCodeAt(0) === 35) {
    const code = name.charCodeAt(1) === 120 ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return NAMED[name] ?? match;
}
