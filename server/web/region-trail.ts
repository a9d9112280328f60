import type { EntityManager } from 'typeorm';
import type { Region } from '../../entities';
import { NotAllowedError } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { regionByKey } from '../../services/region-reads';
import { assertMayWrite } from '../../services/region.service';
import type { Crumb } from './views/layout';

/** Breadcrumbs Start › Land › Kreis › the region itself, with links to the area pages. */
export async function regionTrail(manager: EntityManager, region: Region): Promise<Crumb[]> {
  const trail: Crumb[] = [{ label: 'Start', href: '/' }];
  const land = region.level === 'land' ? null : await regionByKey(manager, region.landKey);
  if (land) trail.push({ label: land.name, href: `/gebiete/${land.key}` });
  if (region.kreisKey && region.level !== 'kreis') {
    const kreis = await regionByKey(manager, region.kreisKey);
    if (kreis) trail.push({ label: kreis.name, href: `/gebiete/${kreis.key}` });
  }
  trail.push({ label: region.name, href: `/kommunen/${region.key}` });
  return trail;
}

/** Whether the principal may change this municipality's data (same rule as for API tokens). */
export function mayWrite(principal: Principal | undefined, region: Region): boolean {
  if (!principal || principal.kind === 'anonymous') return false;
  try {
    assertMayWrite(principal, region);
    return true;
  } catch {
    return false;
  }
}

/** Refuses with a message addressed to a person rather than to a token. */
export function assertUserMayWrite(principal: Principal | undefined, region: Region): void {
  if (mayWrite(principal, region)) return;
  const scope =
    principal && principal.role === 'editor' ? ` Ihr Bearbeitungsbereich: ${principal.scopes.join(', ')}.` : '';
  throw new NotAllowedError(
    principal?.role === 'reader'
      ? 'Ihr Konto hat nur Lesezugriff und darf keine Angaben ändern.'
      : `Ihr Konto darf die Angaben von ${region.name} (${region.key}) nicht ändern.${scope}`,
  );
}
