import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestError } from '../../lib/errors';
import { firstInvalidUtf8Byte } from '../../lib/unicode';
import { DEFAULT_MAX_INPUT_DEPTH } from '../../lib/validation';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Deepest nesting of objects and arrays in JSON text, counted on the bytes (brackets inside
 * strings do not count); stops counting as soon as `limit` is exceeded.
 */
export function jsonNestingDepth(bytes: Uint8Array, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/**
 * The `verify` hook of `express.json`: runs on the raw body before it is parsed and refuses
 * with 400 problem+json
 * - bytes that are no valid UTF-8, naming the byte offset. NOTE: the parser would turn each
 *   into U+FFFD and the request would be stored with a replacement character and a 200;
 * - nesting deeper than `maxDepth`, so no too-deep value reaches a recursive function
 *   (ajv, `JSON.stringify` in logs or responses).
 */
export function verifyJsonBody(
  maxDepth: number = DEFAULT_MAX_INPUT_DEPTH,
): (req: IncomingMessage, res: ServerResponse, body: Buffer) => void {
  return (_req, _res, body) => {
    if (!isUtf8(body)) {
      const offset = firstInvalidUtf8Byte(body);
      const byte = body[offset] ?? 0;
      throw new BadRequestError(
        `Der Anfragetext ist kein gültiges UTF-8: ungültiges Byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} ` +
          `an Byte-Position ${offset} (gezählt ab 0). Bitte als UTF-8 senden.`,
      );
    }
    if (jsonNestingDepth(body, maxDepth) > maxDepth) {
      throw new BadRequestError(
        `Der Anfragetext ist tiefer verschachtelt als erlaubt: höchstens ${maxDepth} Ebenen aus Objekten und Listen (JSON_MAX_DEPTH).`,
      );
    }
  };
}
