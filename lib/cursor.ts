import { BadRequestError } from './errors';
import { hasControlCharacter } from './validation';

/** A page of results and the opaque cursor for the next one (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Encodes the position after the last item of a page as an opaque cursor. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor produced by {@link encodeCursor}; anything else is a 400 naming the
 * `cursor` parameter. `fields` lists the keys and types the caller expects.
 */
export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string,
  fields: Record<keyof T, 'string' | 'number'>,
): T {
  const invalid = new BadRequestError('Ungültiger Cursor.', [
    { parameter: 'cursor', detail: 'ist kein gültiger Cursor aus einer vorherigen Antwort' },
  ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!decoded || typeof decoded !== 'object') throw invalid;
  for (const [field, type] of Object.entries(fields)) {
    const value = (decoded as Record<string, unknown>)[field];
    if (typeof value !== type) throw invalid;
    // A forged cursor must not smuggle a NUL into SQL parameters (PostgreSQL refuses it with an error).
    if (typeof value === 'string' && hasControlCharacter(value)) throw invalid;
    if (typeof value === 'number' && !Number.isFinite(value)) throw invalid;
  }
  return decoded as T;
}
