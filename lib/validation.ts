import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import localizeDe from 'ajv-i18n/localize/de';
import type { FieldProblem } from './errors';
import { CONTROL_CHARACTER_DETAIL, isNameKey, nameProblem, normaliseName, textProblem } from './unicode';

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

/** The ajv error keyword of the character checks (see {@link textErrors}). */
export const CONTROL_CHARACTERS_KEYWORD = 'controlCharacters';

/** The ajv error keyword of the nesting limit (see {@link textErrors}). */
export const MAX_DEPTH_KEYWORD = 'maxDepth';

/**
 * How deeply objects and arrays may nest in a validated value. No schema of the service goes
 * deeper than a handful of levels; the limit keeps every walk over input bounded. Bodies are
 * held to the configured `JSON_MAX_DEPTH` before they are even parsed (see `server/http/json-body.ts`).
 */
export const DEFAULT_MAX_INPUT_DEPTH = 64;

export { hasControlCharacter } from './unicode';

function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One value still to visit: where it sits (for the pointer, built only on error) and how deep. */
interface Frame {
  value: unknown;
  parent: Frame | undefined;
  key: string | number;
  depth: number;
}

function pointerOfFrame(frame: Frame): string {
  const segments: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) segments.push(pointerSegment(f.key));
  return segments.length === 0 ? '' : `/${segments.reverse().join('/')}`;
}

/** The German detail is kept in `params` too: ajv-i18n rewrites the message of keywords it does not know. */
function textError(frame: Frame, keyword: string, message: string, params: Record<string, unknown> = {}): ErrorObject {
  return {
    keyword,
    instancePath: pointerOfFrame(frame),
    schemaPath: '#',
    params: { ...params, detail: message },
    message,
  };
}

/**
 * One error per string anywhere in `value` that breaks the character rules of `lib/unicode.ts`,
 * and one per object or array nested deeper than `maxDepth`. Names (see `isNameKey`) are
 * NFKC-normalised in place first, as ajv's defaults are applied in place.
 *
 * NOTE: PostgreSQL cannot store NUL (U+0000) in text or JSON and fails the whole statement,
 * while SQLite stores it silently; the other control characters are never meant in names or
 * notes either. Refusing them here, for every value any schema checks (bodies, query strings,
 * import rows), keeps both databases answering the same, with a field error instead of a 500.
 * The walk uses its own stack, never the call stack: a body nested 100,000 levels deep once
 * overflowed it and answered 500.
 */
function textErrors(value: unknown, maxDepth: number): ErrorObject[] {
  const out: ErrorObject[] = [];
  const root: Frame = { value, parent: undefined, key: '', depth: 0 };
  // Strings are checked where they are met, so only objects and arrays take a frame.
  const checkString = (text: string, parent: Frame | undefined, key: string | number, name: boolean): void => {
    const problem = name ? nameProblem(text) : textProblem(text);
    if (problem) out.push(textError({ value: text, parent, key, depth: 0 }, CONTROL_CHARACTERS_KEYWORD, problem));
  };
  if (typeof value === 'string') checkString(value, undefined, '', false);
  const stack: Frame[] = [root];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const item = frame.value;
    if (typeof item !== 'object' || item === null) continue;
    if (frame.depth >= maxDepth) {
      out.push(
        textError(frame, MAX_DEPTH_KEYWORD, `ist tiefer verschachtelt als erlaubt (höchstens ${maxDepth} Ebenen)`, {
          limit: maxDepth,
        }),
      );
      continue;
    }
    const depth = frame.depth + 1;
    if (Array.isArray(item)) {
      const objects: Frame[] = [];
      for (let i = 0; i < item.length; i++) {
        const child: unknown = item[i];
        if (typeof child === 'string') checkString(child, frame, i, false);
        else if (typeof child === 'object' && child !== null)
          objects.push({ value: child, parent: frame, key: i, depth });
      }
      for (let i = objects.length - 1; i >= 0; i--) stack.push(objects[i]);
      continue;
    }
    const record = item as Record<string, unknown>;
    const objects: Frame[] = [];
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child === 'string') {
        const name = isNameKey(key);
        const text = name ? normaliseName(child) : child;
        if (text !== child) record[key] = text;
        checkString(text, frame, key, name);
      } else if (typeof child === 'object' && child !== null) {
        objects.push({ value: child, parent: frame, key, depth });
      }
    }
    // Pushed last to first, so they are visited in document order.
    for (let i = objects.length - 1; i >= 0; i--) stack.push(objects[i]);
  }
  return out;
}

/**
 * Adds the character and depth checks to a compiled schema, keeping ajv's calling convention.
 * They run first: names are normalised before `maxLength` counts them, and a value nested too
 * deeply never reaches ajv.
 */
function withTextCheck(validate: ValidateFunction, maxDepth: number): ValidateFunction {
  const wrapped = ((data: unknown) => {
    const extra = textErrors(data, maxDepth);
    if (extra.some((e) => e.keyword === MAX_DEPTH_KEYWORD)) {
      wrapped.errors = extra;
      return false;
    }
    const valid = validate(data);
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
 * schema it refuses control characters in every string, normalises names and bounds the
 * nesting depth (see {@link textErrors}).
 */
export function validatorFor<T>(schema: JsonSchema): ValidateFunction<T> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = withTextCheck(ajv.compile(schema), DEFAULT_MAX_INPUT_DEPTH);
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
  if (error.keyword === CONTROL_CHARACTERS_KEYWORD || error.keyword === MAX_DEPTH_KEYWORD) {
    return (error.params as { detail?: string }).detail ?? CONTROL_CHARACTER_DETAIL;
  }
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
