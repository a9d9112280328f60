import { html, raw, when, type HtmlValue, type SafeHtml } from './html';

/** Field name → German message, for a form re-rendered after an error. */
export type FieldErrors = Record<string, string[]>;

/** Everything a form field needs; `id` defaults to `f-${name}`. */
export interface FieldSpec {
  name: string;
  label: string;
  id?: string;
  hint?: string;
  errors?: FieldErrors;
  required?: boolean;
}

function idOf(spec: FieldSpec): string {
  return spec.id ?? `f-${spec.name}`;
}

/** The described-by ids, invalid flag and required flag of a control. */
function controlAttributes(spec: FieldSpec): SafeHtml {
  const id = idOf(spec);
  const errors = spec.errors?.[spec.name] ?? [];
  const described = [spec.hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`id="${id}" name="${spec.name}"${when(described, html` aria-describedby="${described}"`)}${when(
    errors.length,
    raw(' aria-invalid="true"'),
  )}${when(spec.required, raw(' required'))}`;
}

function wrapper(spec: FieldSpec, control: HtmlValue): SafeHtml {
  const id = idOf(spec);
  const errors = spec.errors?.[spec.name] ?? [];
  return html`<div class="field${errors.length ? ' field-error' : ''}">
  <label for="${id}">${spec.label}${spec.required ? html` <span class="required">(Pflichtfeld)</span>` : ''}</label>
  ${spec.hint ? html`<p class="hint" id="${id}-hint">${spec.hint}</p>` : ''}
  ${errors.length ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Fehler: </span>${errors.join(' ')}</p>` : ''}
  ${control}
</div>`;
}

/** A text-like input (`type` text, password, date, search …). */
export function inputField(
  spec: FieldSpec & { type?: string; value?: string | null; autocomplete?: string; list?: string; maxLength?: number },
): SafeHtml {
  return wrapper(
    spec,
    html`<input type="${spec.type ?? 'text'}" ${controlAttributes(spec)} value="${spec.value ?? ''}"${when(
      spec.autocomplete,
      html` autocomplete="${spec.autocomplete ?? ''}"`,
    )}${when(spec.list, html` list="${spec.list ?? ''}"`)}${when(spec.maxLength, html` maxlength="${spec.maxLength ?? ''}"`)}>`,
  );
}

/** A select; `options` as value/label pairs, an empty value for "none". */
export function selectField(
  spec: FieldSpec & { value?: string | null; options: { value: string; label: string }[] },
): SafeHtml {
  return wrapper(
    spec,
    html`<select ${controlAttributes(spec)}>${spec.options.map(
      (o) =>
        html`<option value="${o.value}"${when(o.value === (spec.value ?? ''), raw(' selected'))}>${o.label}</option>`,
    )}</select>`,
  );
}

/** A multi-line text field. */
export function textareaField(
  spec: FieldSpec & { value?: string | null; rows?: number; maxLength?: number },
): SafeHtml {
  return wrapper(
    spec,
    html`<textarea ${controlAttributes(spec)} rows="${spec.rows ?? 3}"${when(spec.maxLength, html` maxlength="${spec.maxLength ?? ''}"`)}>${spec.value ?? ''}</textarea>`,
  );
}

/**
 * The error summary at the top of a form: a heading and a link to every field with a
 * problem, so keyboard and screen-reader users reach each one directly.
 */
export function errorSummary(errors: FieldErrors, labels: Record<string, string>, general: string[] = []): HtmlValue {
  const fields = Object.entries(errors).filter(([, messages]) => messages.length > 0);
  if (fields.length === 0 && general.length === 0) return '';
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="fehler">
  <h2 id="error-summary-title">Bitte prüfen Sie Ihre Eingaben</h2>
  <ul>
    ${general.map((m) => html`<li>${m}</li>`)}
    ${fields.map(([name, messages]) => html`<li><a href="#f-${name}">${labels[name] ?? name}: ${messages.join(' ')}</a></li>`)}
  </ul>
</div>`;
}
