/**
 * An XDatenfelder schema is read as a skeleton plus one `struktur` entry at a time. These cases
 * check that the pieces add up to the whole document: same records as a plain reading would give,
 * every well-formedness error found at its place in the whole file, namespaces declared anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  detectFormat,
  openFimDocument,
  parseFimDocument,
  parseXdatenfelderMessage,
  parseXmlRoot,
  prescanXml,
  ProblemSink,
  type XdfDocument,
} from '../../../fim';
import { parseErrorOf, SAMPLES_DIR } from './fim-test-helpers';

const XDF3 = 'urn:xoev-de:fim:standard:xdatenfelder_3.0.0';

/** The real XDatenfelder files among the samples (the genericode code list is not one). */
const XDF_SAMPLES = readdirSync(SAMPLES_DIR).filter((file) => file.endsWith('.xml') && !file.includes('genericode'));

function parseXdf(xml: string): XdfDocument {
  const doc = parseFimDocument(xml);
  if (doc.format !== 'xdatenfelder') throw new Error(`expected XDatenfelder, got ${doc.format}`);
  return doc;
}

function feld(p: string, id: string, name: string): string {
  return (
    `<${p}:datenfeld><${p}:identifikation><${p}:id>${id}</${p}:id><${p}:version>1.0.0</${p}:version></${p}:identifikation>` +
    `<${p}:name>${name}</${p}:name><${p}:feldart><code>input</code></${p}:feldart></${p}:datenfeld>`
  );
}

function struktur(p: string, inner: string, anzahl = '1:1'): string {
  return `<${p}:struktur><${p}:anzahl>${anzahl}</${p}:anzahl><${p}:enthaelt>${inner}</${p}:enthaelt></${p}:struktur>`;
}

/** A schema whose lines are `lines` (joined with newlines), inside root and schema elements. */
function schema(lines: string[]): string {
  return [
    `<x:xdatenfelder.stammdatenschema.0102 xmlns:x="${XDF3}">`,
    '<x:stammdatenschema><x:identifikation><x:id>S60000000001</x:id><x:version>1.0.0</x:version></x:identifikation>',
    ...lines,
    '</x:stammdatenschema>',
    '</x:xdatenfelder.stammdatenschema.0102>',
  ].join('\n');
}

describe('XDatenfelder read piece by piece', () => {
  it('cuts out the innermost struktur entries only, so nested groups stay in the skeleton', () => {
    const xml = schema([
      struktur('x', feld('x', 'F1', 'Eins')),
      struktur(
        'x',
        '<x:datenfeldgruppe><x:identifikation><x:id>G1</x:id></x:identifikation>' +
          `${struktur('x', feld('x', 'F2', 'Zwei'))}${struktur('x', feld('x', 'F3', 'Drei'))}</x:datenfeldgruppe>`,
      ),
    ]);
    const bytes = Buffer.from(xml);
    const { deferred } = prescanXml(bytes, {
      maxDepth: 64,
      onRoot: () => null,
      deferLocalNames: () => ['struktur'],
    });
    const pieces: string[] = [];
    for (let d = 0; d < deferred.length; d += 2) pieces.push(bytes.toString('utf8', deferred[d], deferred[d + 1]));
    expect(pieces).toEqual([
      struktur('x', feld('x', 'F1', 'Eins')),
      struktur('x', feld('x', 'F2', 'Zwei')),
      struktur('x', feld('x', 'F3', 'Drei')),
    ]);
  });

  it('gives the same records as the file says, with paths in the whole document', () => {
    const doc = parseXdf(
      schema([
        struktur('x', feld('x', 'F1', 'Eins'), '0:1'),
        struktur(
          'x',
          '<x:datenfeldgruppe><x:identifikation><x:id>G1</x:id><x:version>1.0.0</x:version></x:identifikation>' +
            `${struktur('x', feld('x', 'F2', 'Zwei'))}${struktur('x', feld('x', 'F1', 'Eins'), '0:*')}</x:datenfeldgruppe>`,
        ),
      ]),
    );
    expect(doc.felder.map((f) => [f.key, f.name, f.path])).toEqual([
      ['F1@1.0.0', 'Eins', '/xdatenfelder.stammdatenschema.0102/stammdatenschema/struktur[1]/enthaelt/datenfeld'],
      [
        'F2@1.0.0',
        'Zwei',
        '/xdatenfelder.stammdatenschema.0102/stammdatenschema/struktur[2]/enthaelt/datenfeldgruppe/struktur[1]/enthaelt/datenfeld',
      ],
    ]);
    expect(doc.gruppen.map((g) => g.struktur.map((s) => [s.enthaelt?.key, s.anzahl]))).toEqual([
      [
        ['F2@1.0.0', '1:1'],
        ['F1@1.0.0', '0:*'],
      ],
    ]);
    expect(doc.problems).toEqual([]);
  });

  it('hands out each definition once when complete: entries before their group, the schema last', () => {
    const gruppe =
      '<x:datenfeldgruppe><x:identifikation><x:id>G1</x:id><x:version>1.0.0</x:version></x:identifikation>' +
      `${struktur('x', feld('x', 'F2', 'Zwei'))}</x:datenfeldgruppe>`;
    const opened = openFimDocument(
      schema([struktur('x', feld('x', 'F1', 'Eins')), struktur('x', gruppe), struktur('x', gruppe)]),
    );
    if (opened.format !== 'xdatenfelder') throw new Error('expected XDatenfelder');
    expect(opened.rootKey).toBe('S60000000001@1.0.0');
    expect([...opened.definitions].map((d) => `${d.kind} ${d.key}`)).toEqual([
      'datenfeld F1@1.0.0',
      'datenfeld F2@1.0.0',
      'datenfeldgruppe G1@1.0.0',
      'stammdatenschema S60000000001@1.0.0',
    ]);
    // Three innermost entries (F1, and F2 in each copy of G1), all read: what a progress bar shows.
    expect(opened.entries).toEqual({ total: 3, read: 3 });
  });

  it('resolves prefixes declared on the entry itself or on an element between it and the root', () => {
    const doc = parseXdf(
      [
        '<xdatenfelder.stammdatenschema.0102 xmlns="urn:example:other">',
        `<a:stammdatenschema xmlns:a="${XDF3}"><a:identifikation><a:id>S1</a:id></a:identifikation>`,
        `<f:struktur xmlns:f="${XDF3}"><f:anzahl>1:1</f:anzahl><f:enthaelt>${feld('f', 'F1', 'Eigen')}</f:enthaelt></f:struktur>`,
        struktur('a', feld('a', 'F2', 'Geerbt')),
        '</a:stammdatenschema>',
        '</xdatenfelder.stammdatenschema.0102>',
      ]
        .join('\n')
        .replace('xmlns="urn:example:other"', `xmlns="${XDF3}"`),
    );
    expect(doc.felder.map((f) => f.name)).toEqual(['Eigen', 'Geerbt']);
  });

  it('reports a broken field at its line and column in the whole file', () => {
    const lines: string[] = [];
    for (let n = 0; n < 30; n++) lines.push(struktur('x', feld('x', `F${n}`, `Feld ${n}`)));
    lines.push(`  ${struktur('x', feld('x', 'F99', 'Kaputt').replace('</x:name>', '</x:nam>'))}`);
    const error = parseErrorOf(() => parseFimDocument(schema(lines)));
    expect(error.code).toBe('not-well-formed');
    // Line 1 root, line 2 schema head, 30 good entries, then the broken one on line 33.
    const column = lines[30].indexOf('</x:nam>') + 1;
    expect(error.location).toEqual({ line: 33, column });
  });

  it('reports a broken skeleton after many fields at its line and column, and the earlier of two errors', () => {
    const lines: string[] = [];
    for (let n = 0; n < 30; n++) lines.push(struktur('x', feld('x', `F${n}`, `Feld ${n}`)));
    lines.push(`${struktur('x', feld('x', 'F98', 'Gut'))} <x:name>Schema</x:nme>`);
    const skeletonBroken = parseErrorOf(() => parseFimDocument(schema(lines)));
    expect(skeletonBroken.code).toBe('not-well-formed');
    expect(skeletonBroken.location).toEqual({ line: 33, column: lines[30].indexOf('</x:nme>') + 1 });
    // A broken field on an earlier line wins over the broken skeleton after it.
    lines[5] = struktur('x', feld('x', 'F5', 'Feld 5').replace('<x:name>', '<x:name a=>'));
    expect(parseErrorOf(() => parseFimDocument(schema(lines))).location?.line).toBe(8);
  });

  it('reports a broken start tag of an entry at its own column, though the skeleton keeps a copy of it', () => {
    const lines = [struktur('x', feld('x', 'F1', 'Eins')), struktur('x', feld('x', 'F2', 'Zwei'))];
    lines[1] = lines[1].replace('<x:struktur>', '<x:struktur art=zwei>');
    const error = parseErrorOf(() => parseFimDocument(schema(lines)));
    expect(error.code).toBe('not-well-formed');
    expect(error.location?.line).toBe(4);
    // Inside the start tag, not at its `<` (where a placeholder's error would land).
    expect(error.location?.column).toBeGreaterThan(1);
    expect(error.location?.column).toBeLessThanOrEqual('<x:struktur art=zwei>'.length);
  });

  it('reports a file cut off inside a field', () => {
    const xml = schema([struktur('x', feld('x', 'F1', 'Eins'))]);
    const truncated = xml.slice(0, xml.indexOf('<x:name>') + 5);
    expect(parseErrorOf(() => parseFimDocument(truncated))).toMatchObject({ code: 'not-well-formed' });
  });

  it('treats an attribute in the input named like a placeholder marker as an ordinary attribute', () => {
    const forged = struktur('x', feld('x', 'F2', 'Zwei')).replace('<x:struktur>', '<x:struktur _0123456789abcdef="0">');
    const doc = parseXdf(schema([struktur('x', feld('x', 'F1', 'Eins')), forged]));
    // Were it taken for a marker, the second entry would read as the first one.
    expect(doc.felder.map((f) => f.key)).toEqual(['F1@1.0.0', 'F2@1.0.0']);
  });

  it.each(XDF_SAMPLES)('reads %s exactly as a reading of the whole tree at once does', (file) => {
    const bytes = readFileSync(path.join(SAMPLES_DIR, file));
    const scan = prescanXml(bytes, { maxDepth: 64, onRoot: (root) => detectFormat(root.raw) });
    if (scan.result.format !== 'xdatenfelder') throw new Error(`${file} is not XDatenfelder`);
    const whole = parseXdatenfelderMessage(parseXmlRoot(bytes.toString('utf8'), 64), scan.result, new ProblemSink());
    expect(parseXdf(bytes.toString('utf8'))).toEqual(whole);
  });
});
