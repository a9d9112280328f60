import type { EntityManager } from 'typeorm';
import { Region } from '../entities';
import { ConflictError, NotAllowedError, NotFoundError, type DomainError } from '../lib/errors';
import { writeRefusal, type WriteRefusal } from '../lib/inventory/write-refusal';
import type { Principal } from '../lib/principal';

function germanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** Why a region holds no inventory (German), for the API's 404 and an import's row problem alike. */
export function notMunicipalDetail(region: { name: string; key: string }): string {
  return `${region.name} (${region.key}) ist keine Kommune: Bestandsdaten gibt es für Gemeinden, Gemeindeverbände und Kreise.`;
}

/** The API's 403 for a reader or an editor outside its scope (worded for a token). */
export function scopeRefusalError(
  region: { name: string; key: string },
  refusal: Extract<WriteRefusal, { refused: 'read-only' | 'outside-scope' }>,
): NotAllowedError {
  if (refusal.refused === 'read-only') return new NotAllowedError('Ein Token mit Leserechten darf nichts ändern.');
  return new NotAllowedError(
    `Das Token darf ${region.name} (${region.key}) nicht ändern; sein Bereich: ${refusal.scopes.join(', ')}.`,
  );
}

/**
 * The API's 409 for a retired municipality: its records and history stay readable, but new
 * data belongs to its successor, which the message names when an admin has mapped one.
 */
export async function retiredError(manager: EntityManager, region: Region): Promise<ConflictError> {
  const since = region.retiredGebietsstand ? ` seit dem Gebietsstand ${germanDate(region.retiredGebietsstand)}` : '';
  const successor = region.successorKey ? await manager.findOneBy(Region, { key: region.successorKey }) : null;
  const next = successor
    ? `Bitte den Bestand beim Nachfolgegebiet ${successor.name} (${successor.key}) erfassen.`
    : 'Ein Nachfolgegebiet ist nicht hinterlegt; die Administration kann es mit „npm run cli -- regions successor ALT NEU“ zuordnen.';
  return new ConflictError(
    `${region.name} (${region.key}) ist${since} nicht mehr aktuell und kann nicht mehr geändert werden. ${next}`,
  );
}

/** The API's answer to a refused write ({@link writeRefusal}): 404, 403 or 409. */
export async function refusalError(
  manager: EntityManager,
  region: Region,
  refusal: WriteRefusal,
): Promise<DomainError> {
  switch (refusal.refused) {
    case 'not-municipal':
      return new NotFoundError(notMunicipalDetail(region));
    case 'retired':
      return retiredError(manager, region);
    default:
      return scopeRefusalError(region, refusal);
  }
}

/** Throws the API's answer ({@link refusalError}) unless the principal may write this municipality's data. */
export async function assertWritable(manager: EntityManager, principal: Principal, region: Region): Promise<void> {
  const refusal = writeRefusal(principal, region);
  if (refusal) throw await refusalError(manager, region, refusal);
}
