import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const TEXT =
  'Wenn Sie diese Leistung in Anspruch nehmen möchten, stellen Sie bitte einen Antrag bei der zuständigen ' +
  'Stelle. Bürgerinnen &amp;amp; Bürger sowie Unternehmen können den Antrag schriftlich oder online stellen; ' +
  'die Bearbeitung dauert in der Regel zwei bis vier Wochen. ';

/** Text modules of a generated Leistung: code, paragraphs of German (and for some English) HTML. */
const MODULES: [code: string, paragraphs: number, english: boolean][] = [
  ['02', 0, true],
  ['03', 0, false],
  ['05', 1, true],
  ['06', 3, false],
  ['07', 1, false],
  ['08', 1, false],
  ['09', 1, false],
  ['11', 1, false],
];

function html(paragraphs: number, n: number): string {
  const p = Array.from({ length: paragraphs }, (_, i) => `&lt;p&gt;${TEXT}(${n}-${i})&lt;/p&gt;`).join('');
  return `${p}&lt;ul&gt;&lt;li&gt;Punkt eins&lt;/li&gt;&lt;li&gt;Punkt zwei&lt;/li&gt;&lt;/ul&gt;`;
}

function leistung(n: number): string {
  const key = `99${String(1_000_000_000_000 + n).slice(1)}`;
  const modules = MODULES.map(([code, paragraphs, english]) => {
    const de = paragraphs === 0 ? `Leistung Nummer ${n} beantragen` : html(paragraphs, n);
    const en = english
      ? `<x:inhalt languageCode="en">${paragraphs === 0 ? `Apply for service ${n}` : html(1, n)}</x:inhalt>`
      : '';
    return (
      `<x:modulText><x:positionDarstellung>${code}</x:positionDarstellung><x:inhalt languageCode="de-DE">${de}</x:inhalt>${en}` +
      `<x:leikaTextmodul listURI="urn:de:xzufi:codeliste:leikatextmodul" listVersionID="1.1"><code>${code}</code></x:leikaTextmodul></x:modulText>\n`
    );
  }).join('');
  return (
    `<x:schreibe><x:leistung>\n<x:id schemeAgencyID="L100012" schemeID="Leistung">${8_000_000 + n}</x:id>\n` +
    `<x:referenzLeiKa listURI="urn:de:fim:leika:leistung" listVersionID="2024-01"><code>${key}</code></x:referenzLeiKa>\n` +
    modules +
    `<x:typisierung listURI="urn:de:xzufi:codeliste:typisierung"><code>${['1', '2/3', '3', '4', '5'][n % 5]}</code></x:typisierung>\n` +
    `<x:leistungsadressat listURI="urn:de:xzufi:codeliste:leistungsadressat"><code>00${1 + (n % 2)}</code></x:leistungsadressat>\n` +
    `<x:vertrauensniveau listURI="urn:de:xzufi:codeliste:vertrauensniveau"><code>${[10, 20, 30][n % 3]}</code></x:vertrauensniveau>\n` +
    `<x:gueltigkeit><x:beginn>2024-01-01</x:beginn></x:gueltigkeit>\n` +
    `<x:versionsinformation><x:erstelltDatumZeit>2021-05-04T10:00:00Z</x:erstelltDatumZeit>` +
    `<x:geaendertDatumZeit>2025-02-27T16:30:00Z</x:geaendertDatumZeit><x:version>${1 + (n % 9)}</x:version></x:versionsinformation>\n` +
    `</x:leistung></x:schreibe>\n`
  );
}

/**
 * Writes an XZuFi 2.2.0 transfer message with `count` Leistungen, each with ten text modules of
 * HTML (about 5 KB a Leistung, so 20,000 make about 100 MB), as a Landesredaktion exports them.
 */
export async function writeXzufiTransfer(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<x:xzufi.transfer xmlns:x="http://xoev.de/schemata/xzufi/2_2_0" xzufiVersion="2.2.0" produkthersteller="Bench">\n' +
      '<x:nachrichtenkopf><x:nachrichtUUID>00000000-0000-4000-8000-000000000000</x:nachrichtUUID></x:nachrichtenkopf>\n',
  );
  for (let n = 0; n < count; n++) {
    if (!out.write(leistung(n))) await once(out, 'drain');
  }
  out.end('</x:xzufi.transfer>\n');
  await once(out, 'finish');
}

/**
 * One field with the elements a real FIM Portal field carries (modelled on F60000000243
 * „Straße“ in the Bundt sample S00000000364): about 1.9 KB, the median of the fields in
 * `../shared/fim-samples` (smallest 1.4 KB).
 */
function feld(n: number): string {
  const id = `F${String(60_000_000_000 + n)}`;
  const list = (name: string, uri: string, version: string, code: string) =>
    `<xdf:${name} listURI="${uri}" listVersionID="${version}"><code>${code}</code></xdf:${name}>`;
  return (
    `<xdf:struktur><xdf:anzahl>${n % 3 === 0 ? '0:1' : '1:1'}</xdf:anzahl>` +
    `<xdf:bezug link="https://www.gesetze-im-internet.de/hag/__7.html">§ 7 HAG</xdf:bezug><xdf:enthaelt><xdf:datenfeld>` +
    `<xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.2.0</xdf:version></xdf:identifikation>` +
    `<xdf:name>Feld ${n}</xdf:name><xdf:beschreibung>Kompatibilität zu EPA in TR XhD v 1.4 sollte Feldlänge min. 50 ` +
    `sein. Bei XInneres 8 ist die Feldlänge &lt;= 55 Zeichen.\n\t\t\t\tOriginalwerte der XDF2-Datei:\n\t\t\t\tID: F${n}\n` +
    `\t\t\t\tVersion: 1.2\n\t\t\t\tStatus: aktiv</xdf:beschreibung>` +
    `<xdf:bezug>XInneres.Meldeanschrift.feld${n} Version 8</xdf:bezug>` +
    list('freigabestatus', 'urn:xoev-de:xprozess:codeliste:status', '2022-07-12', '6') +
    `<xdf:statusGesetztAm>2023-11-08</xdf:statusGesetztAm><xdf:statusGesetztDurch>FIM-Baustein Datenfelder</xdf:statusGesetztDurch>` +
    `<xdf:veroeffentlichungsdatum>2023-11-08</xdf:veroeffentlichungsdatum><xdf:letzteAenderung>2025-01-09T07:46:45+00:00</xdf:letzteAenderung>` +
    `<xdf:bezeichnungEingabe>Feld ${n}</xdf:bezeichnungEingabe><xdf:bezeichnungAusgabe>Feld ${n}</xdf:bezeichnungAusgabe>` +
    list('schemaelementart', 'urn:xoev-de:fim:codeliste:xdatenfelder.schemaelementart', '1.0', 'HAR') +
    `<xdf:hilfetextEingabe>Geben Sie an, wie Feld ${n} lautet, ohne Abkürzungen zu verwenden, Beispiel ` +
    `Bischöflich-Geistlicher-Rat-Josef-Zinnbauer-Straße</xdf:hilfetextEingabe>` +
    `<xdf:hilfetextAusgabe>Dieses Feld enthält den ungekürzten Wert von Feld ${n}.</xdf:hilfetextAusgabe>` +
    list('feldart', 'urn:xoev-de:fim:codeliste:xdatenfelder.feldart', '2.0', 'input') +
    list('datentyp', 'urn:xoev-de:fim:codeliste:xdatenfelder.datentyp', '2.0', 'text') +
    `<xdf:praezisierung minLength="1" maxLength="55" />` +
    list('vorbefuellung', 'urn:xoev-de:fim:codeliste:xdatenfelder.vorbefuellung', '1.0', 'keine') +
    `</xdf:datenfeld></xdf:enthaelt></xdf:struktur>\n`
  );
}

/**
 * Writes an XDatenfelder 3.0.0 Stammdatenschema with `fields` distinct fields of real size in
 * groups of 50, the shape of the large FIM Portal exports.
 */
export async function writeXdfSchema(path: string, fields: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">' +
      '<xdf:header><xdf:nachrichtID>bench</xdf:nachrichtID><xdf:erstellungszeitpunkt>2026-01-01T00:00:00Z</xdf:erstellungszeitpunkt></xdf:header>' +
      '<xdf:stammdatenschema><xdf:identifikation><xdf:id>S99000000001</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>' +
      '<xdf:name>Benchmark-Schema</xdf:name><xdf:beschreibung>Leistungsschlüssel: 99006053006000</xdf:beschreibung>' +
      '<xdf:freigabestatus listURI="urn:xoev-de:xprozess:codeliste:status" listVersionID="2020-03-19"><code>6</code></xdf:freigabestatus>',
  );
  for (let g = 0; g * 50 < fields; g++) {
    const id = `G${String(60_000_000_000 + g)}`;
    let group =
      `<xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt><xdf:datenfeldgruppe>` +
      `<xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>` +
      `<xdf:name>Gruppe ${g}</xdf:name><xdf:freigabestatus listURI="urn:xoev-de:xprozess:codeliste:status" listVersionID="2020-03-19"><code>6</code></xdf:freigabestatus>` +
      `<xdf:schemaelementart listURI="urn:xoev-de:fim:codeliste:xdatenfelder.schemaelementart" listVersionID="1.0"><code>HAR</code></xdf:schemaelementart>`;
    for (let f = g * 50; f < Math.min(fields, (g + 1) * 50); f++) group += feld(f);
    group += '</xdf:datenfeldgruppe></xdf:enthaelt></xdf:struktur>\n';
    if (!out.write(group)) await once(out, 'drain');
  }
  out.end('</xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>\n');
  await once(out, 'finish');
}
