/** One XZuFi `leistung` into an `XzufiLeistung`. */
import { all, type Children, codeOf, codesOf, first } from './element-readers';
import { isLeistungsschluessel } from './leistungsschluessel';
import { isValid } from './problems';
import type { FimProblem, LocalizedText } from './types';
import type { XmlElement } from './xml';
import { readKosten } from './xzufi-kosten';
import { readGueltigkeit, readId, readLocalized, readVersionsinformation, type XzufiContext } from './xzufi-readers';
import type { XzufiLeistung, XzufiTextmodul } from './xzufi.types';

/** `referenzLeiKa` up to 2.2.0, `referenzLeistungsschluessel` from 2.3.1; either is read in any version. */
const KEY_ELEMENTS = ['referenzLeiKa', 'referenzLeistungsschluessel'];

/**
 * Reads a Leistung. A missing id or a Leistungsschlüssel that is not 14 digits is an error on
 * this record (it comes back with `valid: false`); the other records are unaffected.
 */
export function parseXzufiLeistung(element: XmlElement, ctx: XzufiContext, position: number): XzufiLeistung {
  const children = element.groups(ctx.namespace);
  const problems: FimProblem[] = [];
  const id = readId(first(children, 'id'));
  if (!id) ctx.sink.error(problems, 'missing-id', 'Die Leistung hat keine id.', element.path);
  const leistungsschluessel = readLeistungsschluessel(children, ctx, problems);
  const textmodule = readTextmodule(all(children, 'modulText'), ctx, problems);
  const vertrauensniveau = codesOf(children, 'vertrauensniveau')[0];
  // Fees decide whether the Leistung needs ePayment; what is read and why: xzufi-kosten.ts.
  const kosten = readKosten(children, ctx, problems);
  const versionsinformation = readVersionsinformation(children, ctx.namespace);
  return {
    kind: 'leistung',
    path: element.path,
    position,
    valid: isValid(problems),
    problems,
    ...(id && { id }),
    leistungsschluessel,
    bezeichnung: mergedTexts(textmodule, '02'),
    bezeichnung2: mergedTexts(textmodule, '03'),
    kurztext: mergedTexts(textmodule, '05'),
    textmodule,
    typisierung: codesOf(children, 'typisierung'),
    leistungsadressat: codesOf(children, 'leistungsadressat'),
    ...(vertrauensniveau !== undefined && { vertrauensniveau }),
    ...(kosten && { kosten }),
    gueltigkeit: readGueltigkeit(children, ctx.namespace),
    ...(versionsinformation && { versionsinformation }),
  };
}

function readLeistungsschluessel(children: Children, ctx: XzufiContext, problems: FimProblem[]): string[] {
  const keys: string[] = [];
  for (const name of KEY_ELEMENTS) {
    for (const element of all(children, name)) {
      const code = codeOf(element);
      if (code !== undefined && isLeistungsschluessel(code)) {
        if (!keys.includes(code)) keys.push(code);
        continue;
      }
      const codePath = first(element.groups(ctx.namespace), 'code')?.path ?? element.path;
      ctx.sink.error(
        problems,
        'invalid-leistungsschluessel',
        code === undefined
          ? `Das Element ${name} enthält keinen Leistungsschlüssel.`
          : `„${code}“ ist kein Leistungsschlüssel (erwartet: 14 Ziffern).`,
        codePath,
      );
    }
  }
  return keys;
}

function readTextmodule(modules: readonly XmlElement[], ctx: XzufiContext, problems: FimProblem[]): XzufiTextmodul[] {
  const result: XzufiTextmodul[] = [];
  for (const modul of modules) {
    const children = modul.groups(ctx.namespace);
    const kennung = first(children, 'leikaTextmodul');
    const code = kennung ? codeOf(kennung) : undefined;
    if (code === undefined) {
      ctx.sink.warning(problems, 'missing-element', 'Textmodul ohne leikaTextmodul/code übersprungen.', modul.path);
      continue;
    }
    const texte = readLocalized(all(children, 'inhalt'));
    if (Object.keys(texte).length > 0) result.push({ code, texte });
  }
  return result;
}

/** All languages of one module code; when a code repeats, the first text per language wins. */
function mergedTexts(modules: XzufiTextmodul[], code: string): LocalizedText {
  const texts: LocalizedText = {};
  for (const modul of modules) {
    if (modul.code !== code) continue;
    for (const [language, text] of Object.entries(modul.texte)) texts[language] ??= text;
  }
  return texts;
}
