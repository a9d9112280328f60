/**
 * fast-xml-parser with prefixes kept, plus a thin namespace-resolving view on its output.
 * The parser runs in `preserveOrder` mode (document order matters for `schreibe`/`loesche`, and
 * every child list is an array, so nothing repeatable can collapse into an object); values stay
 * strings (`02` is not 2). Prefixes are resolved to namespace URIs here, from the `xmlns`
 * declarations in scope, so `xdf:`, `xdf3:`, `ns0:` and a default namespace all look the same.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FimParseError, lineColumnAtBytes } from './errors';

const ATTRS = ':@';
const TEXT = '#text';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);
const NO_GROUPS: ReadonlyMap<string, readonly XmlElement[]> = new Map();

/** One node of fast-xml-parser's ordered output: `{ tag: children, ':@': attrs }` or `{ '#text': s }`. */
export type RawNode = Record<string, unknown>;

/**
 * Elements cut out of a document before it was parsed (see `xml-skeleton.ts`): the document
 * keeps each one's start tag, emptied, with one more attribute named `marker` whose value says
 * which element it stands for; `resolve` parses that element when its content is first read.
 * The caller sees one ordinary tree.
 */
export interface DeferredElements {
  /** Name of the marking attribute; unguessable, so no input can forge one. */
  readonly marker: string;
  /** The parsed element node (fast-xml-parser's ordered output) of the marker's value. */
  resolve(index: string): RawNode;
}

/**
 * Only the five XML entities and character references: the prescan has already refused any
 * DOCTYPE, so there is nothing else to expand (and fast-xml-parser's default would leave `&#xD;`
 * undecoded).
 */
const ENTITY = /&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]{1,6}|#[0-9]{1,7});/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const xmlEntityDecoder = {
  setExternalEntities(): void {},
  addInputEntities(): void {},
  reset(): void {},
  setXmlVersion(): void {},
  decode(text: string): string {
    return text.indexOf('&') === -1 ? text : text.replace(ENTITY, decodeEntity);
  },
};

/** True for the code points XML 1.0 allows as characters (production `Char`). */
function isXmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x9 || code === 0xa || code === 0xd;
  return code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/**
 * A character reference to what XML 1.0 does not allow (`&#0;`, `&#x1B;`) is refused like the
 * raw character (see `assertXmlCharacters`): it would otherwise reach the database as NUL or ESC.
 */
function decodeEntity(match: string, name: string): string {
  if (name.charCodeAt(0) !== 35) return NAMED[name];
  const code = name.charCodeAt(1) === 120 ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  if (!isXmlChar(code)) {
    throw new FimParseError(
      'invalid-character',
      `Der Zeichenverweis ${match} steht für ein in XML nicht erlaubtes Zeichen.`,
    );
  }
  return String.fromCodePoint(code);
}

/** The parser every FIM document goes through (options above); one per document. */
export function createXmlParser(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    entityDecoder: xmlEntityDecoder,
    maxNestedTags: maxDepth + 1,
    // No callbacks read it: building the path string for every tag would only cost time.
    jPath: false,
  });
}

/** The first element node of a parsed document. */
export function parseXmlNode(parser: XMLParser, text: string): RawNode {
  let nodes: RawNode[];
  try {
    nodes = parser.parse(text) as RawNode[];
  } catch (error) {
    if (error instanceof FimParseError) throw error;
    // NOTE: the validator ran first, so this is a limit of the parser rather than bad input syntax.
    throw new FimParseError('not-well-formed', `XML nicht lesbar: ${(error as Error).message}`);
  }
  const rootNode = nodes.find((node) => !(TEXT in node));
  if (!rootNode) throw new FimParseError('not-well-formed', 'Die Datei enthält kein XML-Element.');
  return rootNode;
}

function parseRoot(parser: XMLParser, text: string, scope: Scope = ROOT_SCOPE): XmlElement {
  return XmlElement.create(parseXmlNode(parser, text), scope, undefined);
}

/**
 * Parses XML already checked for well-formedness (see `xml-skeleton.ts`) and returns a view on
 * its root element; with `deferred`, placeholders in the text are replaced by the elements they
 * stand for as they are reached.
 */
export function parseXmlRoot(text: string, maxDepth: number, deferred?: DeferredElements): XmlElement {
  return parseRoot(
    createXmlParser(maxDepth),
    text,
    deferred ? new Scope(ROOT_BINDINGS, undefined, deferred) : ROOT_SCOPE,
  );
}

const QNAME = /^<([^\s/>]+)/;

function qnameOf(tag: string): string {
  return QNAME.exec(tag)?.[1] ?? '';
}

function localPart(qname: string): string {
  const colon = qname.indexOf(':');
  return colon > 0 ? qname.slice(colon + 1) : qname;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Validates one block inside its wrapper and maps the validator's line and column back to the
 * whole document. The wrapper is `root start tag + "\n" + block + "\n" + root end tag`, so the
 * block's first line is the wrapper's line `rootLines + 2`.
 */
function assertBlockWellFormed(wrapped: string, bytes: Buffer, blockStart: number, rootLines: number): void {
  const result = XMLValidator.validate(wrapped);
  if (result === true) return;
  const { msg, line, col } = result.err;
  const start = lineColumnAtBytes(bytes, blockStart);
  const blockLine = line - rootLines - 1;
  const location =
    blockLine < 1
      ? start
      : { line: start.line + blockLine - 1, column: blockLine === 1 ? start.column + col - 1 : col };
  throw new FimParseError('not-well-formed', `Kein wohlgeformtes XML: ${msg}`, location);
}

/**
 * A document read one child of the root at a time: the root element without children, and each
 * child decoded, checked for well-formedness and parsed on its own when the iterator reaches it,
 * inside a copy of the root start tag so its namespace declarations stay in scope. Only one
 * block's text and tree exist at a time, which keeps a 100 MB transfer message from becoming a
 * gigabyte of objects. Paths are those of the whole document (`/xzufi.transfer/schreibe[3]/leistung`).
 *
 * @param bytes the document as UTF-8 (see `decodeXmlBytes`); the prescan has checked what lies
 *   between and around the blocks
 * @param blocks `[start, end)` byte offsets of the root's children, as `prescanXml` found them
 * @throws FimParseError `not-well-formed` while iterating, at the first broken block
 */
export function parseXmlBlocks(
  bytes: Buffer,
  root: { raw: string },
  blocks: readonly number[],
  maxDepth: number,
): { root: XmlElement; children: Iterable<XmlElement>; count: number } {
  const parser = createXmlParser(maxDepth);
  const selfClosing = root.raw.endsWith('/>');
  const close = `</${qnameOf(root.raw)}>`;
  const rootOnly = selfClosing ? root.raw : root.raw + close;
  const result = XMLValidator.validate(rootOnly);
  if (result !== true) throw new FimParseError('not-well-formed', `Kein wohlgeformtes XML: ${result.err.msg}`);
  const rootElement = parseRoot(parser, rootOnly);
  const rootLines = countNewlines(root.raw);
  function* children(): Generator<XmlElement> {
    if (selfClosing) return;
    const names: string[] = [];
    const counts = new Map<string, number>();
    for (let b = 0; b < blocks.length; b += 2) {
      const name = localPart(qnameOf(bytes.toString('utf8', blocks[b], Math.min(blocks[b + 1], blocks[b] + 200))));
      names.push(name);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    for (let b = 0; b < blocks.length; b += 2) {
      const wrapped = `${root.raw}\n${bytes.toString('utf8', blocks[b], blocks[b + 1])}\n${close}`;
      assertBlockWellFormed(wrapped, bytes, blocks[b], rootLines);
      const child = parseRoot(parser, wrapped).children()[0];
      if (!child) continue;
      const name = names[b / 2];
      const index = (seen.get(name) ?? 0) + 1;
      seen.set(name, index);
      child.pinPath(`${rootElement.path}/${name}${(counts.get(name) ?? 0) > 1 ? `[${index}]` : ''}`);
      yield child;
    }
  }
  return { root: rootElement, children: children(), count: selfClosing ? 0 : blocks.length / 2 };
}

/** A tag name resolved in a scope. */
interface ResolvedName {
  localName: string;
  namespace: string | undefined;
}

/** Text nodes of a raw subtree in document order (markup inside a text element, e.g. HTML). */
function collectText(content: RawNode[], parts: string[]): void {
  for (const node of content) {
    for (const key in node) {
      if (key === TEXT) parts.push(String(node[TEXT]));
      else if (key !== ATTRS) collectText(node[key] as RawNode[], parts);
    }
  }
}

/** The element name of a raw element node. */
function tagOf(node: RawNode): string {
  for (const key in node) {
    if (key !== ATTRS) return key;
  }
  return '';
}

/** Prefix bindings in scope; a new link only where an element declares namespaces. */
class Scope {
  /** Tag names repeat millions of times in a large file; resolve each once per scope. */
  private readonly names = new Map<string, ResolvedName>();

  constructor(
    private readonly bindings: ReadonlyMap<string, string>,
    private readonly parent?: Scope,
    /** The document's cut-out elements, if it has any; every scope of the document shares them. */
    readonly deferred: DeferredElements | undefined = parent?.deferred,
  ) {}

  lookup(prefix: string): string | undefined {
    return this.bindings.get(prefix) ?? this.parent?.lookup(prefix);
  }

  resolve(tag: string): ResolvedName {
    let name = this.names.get(tag);
    if (!name) {
      const colon = tag.indexOf(':');
      name = {
        localName: colon > 0 ? tag.slice(colon + 1) : tag,
        namespace: this.lookup(colon > 0 ? tag.slice(0, colon) : ''),
      };
      this.names.set(tag, name);
    }
    return name;
  }

  /** This scope, or a child scope when the attributes declare namespaces. */
  extend(attrs: Readonly<Record<string, string>>): Scope {
    let bindings: Map<string, string> | undefined;
    for (const name in attrs) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        bindings ??= new Map();
        bindings.set(name === 'xmlns' ? '' : name.slice(6), attrs[name]);
      }
    }
    return bindings ? new Scope(bindings, this) : this;
  }
}

const ROOT_BINDINGS: ReadonlyMap<string, string> = new Map([
  ['', ''],
  ['xml', XML_NS],
]);
const ROOT_SCOPE = new Scope(ROOT_BINDINGS);

/**
 * An element with its resolved namespace and its path. Children are wrapped on first use and
 * kept until `release()`, which also drops the parser's subtree once a block has been read.
 */
export class XmlElement {
  private index = 1;
  private sameNamed?: XmlElement[];
  private childList?: readonly XmlElement[];
  private byName?: ReadonlyMap<string, readonly XmlElement[]>;
  /** The one namespace all namespaced children share; `null` when they differ. */
  private childNamespace?: string | null;
  private filtered?: { namespace: string; groups: ReadonlyMap<string, readonly XmlElement[]> };
  /** Set on a block parsed on its own (see `parseXmlBlocks`): its path in the whole document. */
  private pinnedPath?: string;
  /** For a cut-out element (see {@link DeferredElements}): parses its content on first use. */
  private pending?: () => RawNode[];

  private constructor(
    readonly localName: string,
    readonly namespace: string,
    readonly attributes: Readonly<Record<string, string>>,
    private content: RawNode[],
    private readonly scope: Scope,
    private readonly parent: XmlElement | undefined,
  ) {}

  /** Wraps a raw element node, resolving its prefix with its own declarations in scope. */
  static create(node: RawNode, parentScope: Scope, parent: XmlElement | undefined): XmlElement {
    const tag = tagOf(node);
    let attrs = (node[ATTRS] as Record<string, string> | undefined) ?? NO_ATTRS;
    let pending: (() => RawNode[]) | undefined;
    const deferred = parentScope.deferred;
    if (deferred && attrs !== NO_ATTRS && deferred.marker in attrs) {
      const { [deferred.marker]: index, ...own } = attrs;
      attrs = Object.keys(own).length > 0 ? own : NO_ATTRS;
      pending = () => {
        const resolved = deferred.resolve(index);
        return resolved[tagOf(resolved)] as RawNode[];
      };
    }
    const scope = attrs === NO_ATTRS ? parentScope : parentScope.extend(attrs);
    const { localName, namespace } = scope.resolve(tag);
    if (namespace === undefined) {
      throw new FimParseError('not-well-formed', `Der Namensraumpräfix „${tag.split(':')[0]}“ ist nicht deklariert.`, {
        path: `${parent ? parent.path : ''}/${tag}`,
      });
    }
    const element = new XmlElement(localName, namespace, attrs, node[tag] as RawNode[], scope, parent);
    element.pending = pending;
    return element;
  }

  /** Local names with a 1-based index where several siblings share the name; built on demand. */
  get path(): string {
    if (this.pinnedPath !== undefined) return this.pinnedPath;
    const suffix = this.sameNamed && this.sameNamed.length > 1 ? `[${this.index}]` : '';
    return `${this.parent ? this.parent.path : ''}/${this.localName}${suffix}`;
  }

  /** Gives the element the path it has in the whole document (see `parseXmlBlocks`). */
  pinPath(path: string): void {
    this.pinnedPath = path;
  }

  /** Element children in document order, in any namespace. */
  children(): readonly XmlElement[] {
    if (!this.childList) this.wrapChildren();
    return this.childList as readonly XmlElement[];
  }

  /** Element children by local name, keeping those in `namespace` or in no namespace (XÖV `code`). */
  groups(namespace: string): ReadonlyMap<string, readonly XmlElement[]> {
    if (!this.byName) this.wrapChildren();
    if (this.childNamespace === undefined || this.childNamespace === namespace) {
      return this.byName as ReadonlyMap<string, readonly XmlElement[]>;
    }
    if (this.filtered?.namespace !== namespace) {
      const groups = new Map<string, XmlElement[]>();
      for (const child of this.childList as readonly XmlElement[]) {
        if (child.namespace !== namespace && child.namespace !== '') continue;
        const group = groups.get(child.localName);
        if (group) group.push(child);
        else groups.set(child.localName, [child]);
      }
      this.filtered = { namespace, groups };
    }
    return this.filtered.groups;
  }

  /**
   * Frees the wrapped children and empties the parser's subtree in place (so the garbage
   * collector can take it while the rest of a large document is still being read).
   */
  release(): void {
    this.pending = undefined;
    this.content.length = 0;
    this.childList = undefined;
    this.byName = undefined;
    this.childNamespace = undefined;
    this.filtered = undefined;
  }

  /** The parser's child nodes, parsed now if the element was cut out and not yet read. */
  private nodes(): RawNode[] {
    if (this.pending) {
      this.content = this.pending();
      this.pending = undefined;
    }
    return this.content;
  }

  private wrapChildren(): void {
    let list: XmlElement[] | undefined;
    let byName: Map<string, XmlElement[]> | undefined;
    for (const node of this.nodes()) {
      if (TEXT in node) continue;
      list ??= [];
      byName ??= new Map();
      const child = XmlElement.create(node, this.scope, this);
      let group = byName.get(child.localName);
      if (!group) byName.set(child.localName, (group = []));
      group.push(child);
      child.index = group.length;
      child.sameNamed = group;
      list.push(child);
      if (child.namespace !== '' && child.namespace !== this.childNamespace) {
        this.childNamespace = this.childNamespace === undefined ? child.namespace : null;
      }
    }
    // Most elements are leaves: they share one empty list and map instead of allocating their own.
    this.childList = list ?? NO_CHILDREN;
    this.byName = byName ?? NO_GROUPS;
  }

  /** The element's own text (text and CDATA children joined); `''` when empty. */
  text(): string {
    let text = '';
    for (const node of this.nodes()) {
      if (TEXT in node) text += String(node[TEXT]);
    }
    return text;
  }

  /** All descendant text, for content that should be a string but arrives as markup. */
  deepText(): string {
    const parts: string[] = [];
    collectText(this.nodes(), parts);
    return parts.join(' ');
  }

  /** An unprefixed attribute. */
  attr(name: string): string | undefined {
    return this.attributes[name];
  }

  /** A prefixed attribute by namespace URI and local name (e.g. `xsi:type`). */
  attrNS(namespace: string, localName: string): string | undefined {
    for (const name in this.attributes) {
      const colon = name.indexOf(':');
      if (colon > 0 && name.slice(colon + 1) === localName && this.scope.lookup(name.slice(0, colon)) === namespace) {
        return this.attributes[name];
      }
    }
    return undefined;
  }

  /** Resolves a QName written in content (as in `xsi:type="xzufi:Foo"`) to its URI and local name. */
  resolveQName(qname: string): { namespace?: string; localName: string } {
    const colon = qname.indexOf(':');
    if (colon <= 0) return { namespace: this.scope.lookup(''), localName: qname };
    return { namespace: this.scope.lookup(qname.slice(0, colon)), localName: qname.slice(colon + 1) };
  }
}
