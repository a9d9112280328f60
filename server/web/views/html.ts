/**
 * A tiny HTML template helper: `html\`<p>${text}</p>\`` escapes every interpolated value;
 * only values that are already {@link SafeHtml} (other `html` results, or `raw()` for a
 * trusted fragment) are inserted as they are. Arrays are joined, so lists render with `map`.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** A value that may appear inside an `html` template. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Marks a string as trusted HTML. Use only for fragments the code itself produced. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value as string | number | boolean));
}

/** The tagged template: escapes values, keeps the literal parts. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Joins fragments with a separator (escaped like any other value). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  const out: HtmlValue[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(separator);
    out.push(part);
  });
  return html`${out}`;
}

/** `attr` only when the condition holds, e.g. `${when(current, raw(' aria-current="page"'))}`. */
export function when(condition: unknown, fragment: HtmlValue): HtmlValue {
  return condition ? fragment : '';
}
