/**
 * "Meine Kommune / mein Kreis": where an editor's area lives in the atlas. A Gemeinde or
 * Gemeindeverband has its municipality page, a Kreis or Land its area page.
 */
export interface ScopeHome {
  href: string;
  label: string;
}

/** The page of one scope key, labelled by its level. */
export function scopeHome(key: string): ScopeHome | null {
  if (/^\d{8}$|^\d{9}$/.test(key)) return { href: `/kommunen/${key}`, label: 'Meine Kommune' };
  if (/^\d{5}$/.test(key)) return { href: `/gebiete/${key}`, label: 'Mein Kreis' };
  if (/^\d{3}$/.test(key)) return { href: `/gebiete/${key}`, label: 'Mein Regierungsbezirk' };
  if (/^\d{2}$/.test(key)) return { href: `/gebiete/${key}`, label: 'Mein Land' };
  return null;
}

/** The pages of a user's area: one per scope key, labelled with the key when there are several. */
export function scopeHomes(scopes: readonly string[]): ScopeHome[] {
  const homes = scopes.flatMap((key) => {
    const home = scopeHome(key);
    return home ? [{ key, ...home }] : [];
  });
  if (homes.length <= 1) return homes.map(({ href, label }) => ({ href, label }));
  return homes.slice(0, 4).map((h) => ({ href: h.href, label: `Mein Bereich ${h.key}` }));
}

/** Where a user lands after login when no other page was asked for: their area, if it is one. */
export function landingPath(scopes: readonly string[]): string {
  return scopes.length === 1 ? (scopeHome(scopes[0])?.href ?? '/') : '/';
}
