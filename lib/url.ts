/**
 * Web addresses the service stores and shows (operator websites, offering URLs, FIM
 * Onlinedienst links, connectable services): absolute http(s) only.
 *
 * NOTE: JSON schemas carry {@link WEB_URL_PATTERN} and services call {@link isWebUrl}, so a
 * `javascript:` or `data:` address is refused wherever it comes from (API, import, CLI); the
 * views escape and link only http(s) besides (server/web/views/links.ts).
 */

/** The JSON-schema `pattern` of a web address: http(s), a host, no white space. */
export const WEB_URL_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#<>"]+[^\\s<>"]*$';

const WEB_URL = new RegExp(WEB_URL_PATTERN);

/**
 * True for an absolute http(s) address with a host, as `new URL` parses it, and without
 * white space, quotes or angle brackets (which no address needs and which break out of HTML).
 */
export function isWebUrl(text: string): boolean {
  if (!WEB_URL.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A JSON-schema string property for a web address, `maxLength` characters at most. The pattern
 * alone (no `format: 'uri'` besides, which would report a bad address twice); services check
 * {@link isWebUrl} as well.
 */
export function webUrlSchema(maxLength: number, description?: string) {
  return {
    type: 'string',
    maxLength,
    pattern: WEB_URL_PATTERN,
    ...(description ? { description } : {}),
  } as const;
}

/** The German field problem for an address that is not http(s). */
export function notWebUrlDetail(text: string): string {
  return `„${text.slice(0, 80)}“ ist keine Webadresse; erlaubt sind nur http- und https-Adressen`;
}
