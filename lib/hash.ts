import { hash } from 'node:crypto';

/** Hex SHA-256 of a string or buffer (UTF-8 for strings). */
export function sha256Hex(data: string | Buffer): string {
  // The one-shot form (Node 20.12+, see `engines`) makes no Hash object: it is called for every
  // row of an import and every ETag.
  return hash('sha256', data, 'hex');
}

/**
 * JSON with object keys sorted recursively, so equal values give equal strings
 * regardless of key order. Used for change detection and ETags.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
