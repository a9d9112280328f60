import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import localizeDe from 'ajv-i18n/localize/de';
import type { FieldProblem } from './errors';

/**
 * The one ajv instance of the service. Every JSON body, query string, path parameter and
 * import row is checked by a schema compiled here once, and the same schemas are published
 * in the OpenAPI document.
 */
export const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: true, coerceTypes: false });
addFormats(ajv, ['date', 'date-time', 'uri', 'email']);
// OpenAPI keywords that ajv does not know but may appear in shared schemas.
ajv.addKeyword({ keyword: 'example' });

/** A JSON schema as used by ajv and published in the OpenAPI document. */
export type JsonSchema = Record<string, unknown>;

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** The ajv error keyword of {@link controlCharacterErrors}. */
export const CONTROL_CHARACTERS_KEYWORD = 'controlCharacters';

// C0 control characters except tab, line feed and carriage return, which notes may contain.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** True if `text` holds a C0 control character other than tab, line feed or carriage return. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** True if any string anywhere in `value` holds a control character (the cheap check that usually ends it). */
function anyControlCharacter(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(anyControlCharacter);
  for (const key in value) {
    if (anyControlCharacter((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * One error per string anywhere in `value` that holds a control character.
 *
 * NOTE: PostgreSQL cannot store NUL (U+0000) in text or JSON and fails the whole statement,
 * while SQLite stores it silently; the other control characters are never meant in names or
 * notes either. Refusing them here, for every value any schema checks (bodies, query strings,
 * import rows), keeps both databases answering the same, with a field error instead of a 500.
 */
function controlCharacterErrors(value: unknown, path = '', out: ErrorObject[] = []): ErrorObject[] {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value)) {
      out.push({
        keyword: CONTROL_CHARACTERS_KEYWORD,
        instancePath: path,
        schemaPath: '#',
        params: {},
        message: CONTROL_CHARACTERS_DETAIL,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => controlCharacterErrors(item, `${path}/${index}`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      controlCharacterErrors(item, `${path}/${pointerSegment(key)}`, out);
  }
  return out;
}

const CONTROL_CHARACTERS_DETAIL = 'enthält Steuerzeichen (z. B. NUL); erlaubt sind Text, Tabulator und Zeilenumbruch';

/** Adds the control-character check to a compiled schema, keeping ajv's calling convention. */
function withTextCheck(validate: ValidateFunction): ValidateFunction {
  const wrapped = ((data: unknown) => {
    const valid = validate(data);
    const extra = anyControlCharacter(data) ? controlCharacterErrors(data) : [];
    if (valid && extra.length === 0) {
      wrapped.errors = null;
      return true;
    }
    wrapped.errors = [...(valid ? [] : (validate.errors ?? [])), ...extra];
    return false;
  }) as ValidateFunction;
  return Object.assign(wrapped, { schema: validate.schema, schemaEnv: validate.schemaEnv });
}

/**
 * Returns the compiled validator for a schema, compiling it on first use only. Besides the
 * schema it refuses control characters in every string (see {@link controlCharacterErrors}).
 */
export function validatorFor<T>(schema: JsonSchema): ValidateFunction<T> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = withTextCheck(ajv.compile(schema));
    compiled.set(schema, validate);
  }
  return validate as ValidateFunction<T>;
}

/** Where the validated value came from: decides how a problem points at it. */
export type InputLocation = 'body' | 'query' | 'path';

/**
 * Turns ajv errors into German field problems. Body problems carry a JSON pointer
 * (`#/components/0/status`), query and path problems the parameter name.
 */
export function toFieldProblems(errors: ErrorObject[], location: InputLocation): FieldProblem[] {
  const copies = errors.map((e) => ({ ...e }));
  localizeDe(copies);
  const problems: FieldProblem[] = [];
  for (const error of copies) {
    const pointerPath = pointerOf(error);
    const detail = describe(error);
    if (location === 'body') {
      problems.push({ pointer: `#${pointerPath}`, detail });
    } else {
      const parameter = pointerPath.split('/')[1] ?? '';
      problems.push({ parameter, detail });
    }
  }
  return dedupe(problems);
}

function pointerOf(error: ErrorObject): string {
  if (error.keyword === 'required') {
    return `${error.instancePath}/${String((error.params as { missingProperty: string }).missingProperty)}`;
  }
  if (error.keyword === 'additionalProperties') {
    return `${error.instancePath}/${String((error.params as { additionalProperty: string }).additionalProperty)}`;
  }
  return error.instancePath;
}

function describe(error: ErrorObject): string {
  if (error.keyword === CONTROL_CHARACTERS_KEYWORD) return CONTROL_CHARACTERS_DETAIL;
  const message = error.message ?? 'ist ungültig';
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `${message}: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (error.keyword === 'additionalProperties') return 'ist hier nicht vorgesehen (unbekanntes Feld)';
  if (error.keyword === 'required') return 'fehlt (Pflichtfeld)';
  return message;
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Converts query-string values to the types their schema declares (integer, number,
 * boolean), leaving anything unconvertible as text so ajv reports it. Query strings are
 * always text; bodies are never coerced.
 */
export function coerceQuery(query: Record<string, unknown>, schema: JsonSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, { type?: string | string[] }>;
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) {
    const type = properties[name]?.type;
    const types = Array.isArray(type) ? type : [type];
    if (typeof raw !== 'string') {
      out[name] = raw;
    } else if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw)) {
      out[name] = Number(raw);
    } else if (types.includes('boolean') && (raw === 'true' || raw === 'false')) {
      out[name] = raw === 'true';
    } else {
      out[name] = raw;
    }
  }
  return out;
}
