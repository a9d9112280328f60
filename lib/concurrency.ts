import { PreconditionFailedError, PreconditionRequiredError } from './errors';
import { sha256Hex } from './hash';

/** The conditional headers of a write request, as the service layer needs them. */
export interface Precondition {
  /** Raw `If-Match` header, if any. */
  ifMatch?: string;
  /** Raw `If-None-Match` header, if any. */
  ifNoneMatch?: string;
}

/**
 * A strong entity tag for a representation: a hash of its JSON. Any change to what a client
 * sees changes the tag, including a joined operator's name. Views are built by one function
 * each, so their key order is fixed and plain `JSON.stringify` is stable (and cheap: this
 * runs on every read).
 */
export function entityTag(representation: unknown): string {
  return `"${sha256Hex(JSON.stringify(representation)).slice(0, 32)}"`;
}

function tagList(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * Enforces optimistic concurrency for a write (RFC 9110 §13.1). `currentTag` is the tag of
 * the resource as it is now, or null if it does not exist.
 *
 * - `If-Match` must name the current tag (weak tags never match); `*` needs the resource to exist.
 * - `If-None-Match: *` refuses to overwrite an existing resource.
 * - Writing an existing resource without `If-Match` is refused (428): a client must have
 *   seen what it overwrites.
 */
export function assertPrecondition(precondition: Precondition, currentTag: string | null): void {
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
    return;
  }
  if (ifNoneMatch !== undefined) {
    const tags = tagList(ifNoneMatch);
    if (currentTag !== null && (tags.includes('*') || tags.includes(currentTag))) {
      throw new PreconditionFailedError('Die Ressource existiert bereits (If-None-Match).');
    }
    return;
  }
  if (currentTag !== null) {
    throw new PreconditionRequiredError(
      'Die Ressource existiert bereits. Bitte mit If-Match und dem zuletzt gelesenen ETag ändern.',
    );
  }
}
