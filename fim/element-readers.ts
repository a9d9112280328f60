/** Small readers shared by the XZuFi and XDatenfelder parsers. */
import type { LocalizedText } from './types';
import type { XmlElement } from './xml';

/** Children of one element by local name (see `XmlElement.groups`). */
export type Children = ReadonlyMap<string, readonly XmlElement[]>;

/** The first child of that name. */
export function first(children: Children, name: string): XmlElement | undefined {
  return children.get(name)?.[0];
}

/** All children of that name (an empty list when there are none). */
export function all(children: Children, name: string): readonly XmlElement[] {
  return children.get(name) ?? [];
}

/** Trimmed text of the first child of that name, `undefined` when missing or empty. */
export function textOf(children: Children, name: string): string | undefined {
  const child = first(children, name);
  return child ? nonEmpty(child.text()) : undefined;
}

/** Trimmed text, or undefined for empty or whitespace-only text. */
export function nonEmpty(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The value of an XÖV code element: its `code` child (namespaced or not, as real files have
 * both), or its own text when it is written as a plain value.
 */
export function codeOf(element: XmlElement): string | undefined {
  for (const child of element.children()) {
    if (child.localName === 'code') return nonEmpty(child.text());
  }
  return nonEmpty(element.text());
}

/** Codes of every child of that name, in document order, empty ones left out. */
export function codesOf(children: Children, name: string): string[] {
  const codes: string[] = [];
  for (const element of all(children, name)) {
    const code = codeOf(element);
    if (code !== undefined) codes.push(code);
  }
  return codes;
}

/** Text children without element children, by local name (for `nachrichtenkopf`, `header`). */
export function simpleChildren(element: XmlElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const child of element.children()) {
    const text = nonEmpty(child.text());
    if (text !== undefined && child.children().length === 0 && !(child.localName in values)) {
      values[child.localName] = text;
    }
  }
  return values;
}

/** `de-DE`, `DE`, `de` → `de`; a missing code becomes `und` (undetermined, BCP 47). */
export function normaliseLanguage(code: string | undefined): string {
  const primary = code?.trim().split(/[-_]/)[0].toLowerCase();
  return primary ? primary : 'und';
}

/** Adds a text under its language unless that language already has one (the first wins). */
export function addLocalized(target: LocalizedText, languageCode: string | undefined, text: string): void {
  const language = normaliseLanguage(languageCode);
  if (text !== '' && !(language in target)) target[language] = text;
}

/** The text for a language, matched by prefix (`de` finds `de-DE` texts, which are stored as `de`). */
export function textForLanguage(texts: LocalizedText, language: string): string | undefined {
  return texts[normaliseLanguage(language)];
}

/** A copy without the keys whose value is undefined, so records carry only what the file says. */
export function dropUndefined<T extends object>(value: T): T {
  // Copying rather than deleting: `delete` turns an object into a slow dictionary, and a large
  // schema makes hundreds of thousands of these.
  const copy = {} as T;
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) copy[key] = value[key];
  }
  return copy;
}
