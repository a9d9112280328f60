import { PreconditionFailedError, PreconditionRequiredError } from './errors';
import { sha256Hex } from './hash';

/** The conditional headers of a write request, as the service layer needs them. */
export interface Precondition {
  /** Raw `If-Match` header, if any. */
  ifMatch?: string;
  /** Raw `If-None-Match` header, if any. */
  ifNoneMatch?: string;
}

/** A representation serialised once: the JSON to send and its entity tag. */
export interface TaggedJson {
  json: string;
  etag: string;
}

/**
 * A strong entity tag for a representation: a hash of its JSON. Any change to what a client
 * sees changes the tag, including a joined operator's name. Views are built by one function
 * each, so their key order is fixed and plain `JSON.stringify` is stable (and cheap: this
 * runs on every read).
 */
export function entityTag(representation: unknown): string {
  return taggedJson(representation).etag;
}

/**
 * The JSON of a representation and its {@link entityTag}, for a response that sends exactly
 * the JSON it tagged instead of serialising the same view a second time.
 */
export function taggedJson(representation: unknown): TaggedJson {
  const json = JSON.stringify(representation);
  return { json, etag: `"${sha256Hex(json).slice(0, 32)}"` };
}

function tagList(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The opaque part of a tag without its weakness marker, for the weak comparison of RFC 9110 §8.8.3.2. */
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/**
 * Enforces optimistic concurrency for a write (RFC 9110 §13.1, evaluated in the order of
 * §13.2.2). `currentTag` is the tag of the resource as it is now, or null if it does not exist.
 *
 * - `If-Match` must name the current tag (strong comparison: weak tags never match); `*`
 *   needs the resource to exist.
 * - `If-None-Match` fails (412) when it is `*` and the resource exists, or names the current
 *   tag (weak comparison).
 * - Writing an existing resource without `If-Match` is refused (428), also when an
 *   `If-None-Match` with other tags let it pass: naming tags the resource does not have proves
 *   nothing about what the client has seen.
 *
 * `options.empty` marks a resource that exists and has a tag but holds nothing a write could
 * lose (a landscape without records): `If-Match` is still compared with its tag, but a write
 * without `If-Match` and `If-None-Match: *` are allowed, as for a resource that does not exist.
 */
export function assertPrecondition(
  precondition: Precondition,
  currentTag: string | null,
  options: { empty?: boolean } = {},
): void {
  const { ifMatch, ifNoneMatch } = precondition;
  if (ifMatch !== undefined) {
    const tags = tagList(ifMatch);
    const matches = currentTag !== null && (tags.includes('*') || tags.includes(currentTag));
    if (!matches) {
      throw new PreconditionFailedError(
        currentTag === null
          ? 'Die Ressource existiert nicht (mehr); If-Match kann nicht erfüllt werden.'
          : 'Die Ressource wurde zwischenzeitlich geändert. Bitte den aktuellen Stand laden (ETag) und die Änderung erneut senden.',
      );
    }
  }
  if (currentTag === null || options.empty) return;
  if (ifNoneMatch !== undefined) {
    const tags = tagList(ifNoneMatch);
    if (tags.includes('*')) throw new PreconditionFailedError('Die Ressource existiert bereits (If-None-Match: *).');
    if (tags.some((t) => opaque(t) === opaque(currentTag))) {
      throw new PreconditionFailedError('Die Ressource hat bereits den in If-None-Match genannten Stand.');
    }
  }
  if (ifMatch === undefined) {
    throw new PreconditionRequiredError(
      'Die Ressource existiert bereits. Bitte mit If-Match und dem zuletzt gelesenen ETag ändern.',
    );
  }
}
