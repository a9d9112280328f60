import type { DataSource } from 'typeorm';
import { Component, ComponentRecord, Leistung, Offering, OzgLeistung } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import type { MaturityModel, OfferingSource, OfferingStatus } from '../../lib/maturity';
import { searchKey } from '../../lib/text';
import { rebuildResponsibility } from '../../services/responsibility.service';
import {
  applyRulePlans,
  planDelegation,
  planRules,
  type DelegationInput,
  type RuleInput,
} from '../../services/responsibility-rule.service';
import { SYSTEM_PRINCIPAL } from '../../lib/principal';

/** Creates an OZG-Leistung of the catalogue. */
export async function makeOzgLeistung(
  dataSource: DataSource,
  ozgId: number,
  name: string,
  overrides: Partial<OzgLeistung> = {},
): Promise<OzgLeistung> {
  return dataSource.getRepository(OzgLeistung).save({
    ozgId,
    name,
    themenfeldId: 10,
    themenfeld: 'Querschnitt',
    lebenslageId: 37,
    lebenslage: 'Querschnitt Bürger',
    edition: 'Testkatalog 2026',
    isActive: true,
    ...overrides,
  });
}

/** Creates a catalogued Leistung of an OZG-Leistung. */
export async function makeLeistung(
  dataSource: DataSource,
  schluessel: string,
  ozgId: number,
  typisierung: string | null,
  overrides: Partial<Leistung> = {},
): Promise<Leistung> {
  const name = overrides.name ?? `Leistung ${schluessel}`;
  return dataSource.getRepository(Leistung).save({
    schluessel,
    name,
    nameSearch: searchKey(name),
    name2: null,
    shortText: null,
    typisierung,
    typisierungSource: 'catalogue',
    vertrauensniveau: null,
    feeBearing: null,
    ozgId,
    inCatalogue: true,
    fromFim: false,
    isActive: true,
    legalBasis: null,
    sdgRelevant: null,
    ...overrides,
  });
}

/** Records base components as in use for a region (by component code). */
export async function useComponents(
  dataSource: DataSource,
  regionId: number,
  codes: string[],
  status: 'in-use' | 'not-used' | 'planned' | 'retired' | 'unknown' = 'in-use',
): Promise<void> {
  for (const code of codes) {
    const component = await dataSource.getRepository(Component).findOneByOrFail({ code });
    await dataSource.getRepository(ComponentRecord).save({
      regionId,
      componentId: component.id,
      status,
      operatorId: null,
      product: null,
      validFrom: null,
      validTo: null,
      note: null,
      source: 'api',
    });
  }
}

/** Records an online offering of a Leistung for a region. */
export async function makeOffering(
  dataSource: DataSource,
  regionId: number,
  leistungId: number,
  overrides: Partial<Offering> & { level?: number | null; model?: MaturityModel } = {},
): Promise<Offering> {
  const { level = null, model = 'RGM-1.1', ...rest } = overrides;
  return dataSource.getRepository(Offering).save({
    regionId,
    leistungId,
    source: 'manual' as OfferingSource,
    url: `https://service.example.de/${regionId}/${leistungId}`,
    status: 'online' as OfferingStatus,
    maturityModel: level === null ? null : model,
    maturityLevel: level,
    maturityCriteria: null,
    flaechendeckend: false,
    coverageRaw: null,
    note: null,
    sourceRef: null,
    importRunId: null,
    ...rest,
  });
}

/** Rebuilds the derived responsibility, as every importer does after changing its inputs. */
export function rebuild(dataSource: DataSource) {
  return inTransaction(dataSource, (tx) => rebuildResponsibility(tx));
}

/**
 * Sets responsibility rules (and delegation rules) the way an administrator's import does, then
 * rebuilds the derived responsibility. Rules default to every Land, no Leistungsschlüssel, no Typ.
 */
export async function setRules(
  dataSource: DataSource,
  rules: (Partial<RuleInput> & Pick<RuleInput, 'level'>)[],
  delegation: DelegationInput[] = [],
): Promise<void> {
  const inputs: RuleInput[] = rules.map((r) => ({
    leistungsschluessel: '',
    ozgId: null,
    typ: '',
    landKey: '',
    taskGroup: '',
    reason: 'Testregel',
    source: 'Test',
    ...r,
  }));
  await inTransaction(dataSource, async (tx) => {
    const plans = { rules: await planRules(tx, inputs), delegation: await planDelegation(tx, delegation) };
    await applyRulePlans(tx, plans, {
      actor: { principal: SYSTEM_PRINCIPAL, requestId: null },
      origin: 'user',
      importRunId: null,
    });
    await rebuildResponsibility(tx);
  });
}
