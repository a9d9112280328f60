import type { DataSource, EntityManager } from 'typeorm';
import { Region, SurveyRound, SurveyRoundMember } from '../entities';
import { inTransaction } from '../entities/transaction';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../lib/errors';
import { MUNICIPAL_LEVELS } from '../lib/keys';
import type { Actor, Principal } from '../lib/principal';
import { recordAudit } from './audit.service';
import { findRegion, regionScopeKeys } from './region.service';
import { buildRoundStatus, type RoundView } from './rounds-status';
import { shippedQuestionnaires, type QuestionnaireSet } from './self-assessment-questionnaire';

export { type RoundMemberView, type RoundView } from './rounds-status';

/** What a coordinator sends to open a round. */
export interface OpenRoundInput {
  area: string;
  title: string;
  /** `YYYY-MM-DD`. */
  deadline: string;
  /** `YYYY-MM-DD`, at least the deadline; default: 30 days after it. */
  linksValidUntil?: string;
  /** AGS → e-mail address for the mail merge and reminders. */
  contacts?: Record<string, string>;
}

const AREA_COLUMN: Record<string, string> = { land: 'landKey', regierungsbezirk: 'rbKey', kreis: 'kreisKey' };

/** Today in Germany as `YYYY-MM-DD`: a deadline is a German calendar day. */
export function berlinDate(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(now);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Throws unless the principal may coordinate rounds for the area: an admin, or an editor whose
 * scope is the area or contains it (a Land editor may ask one of its Kreise).
 */
export function assertMayCoordinate(principal: Principal, area: Region): void {
  if (principal.role === 'admin') return;
  const keys = regionScopeKeys(area);
  if (principal.role === 'editor' && principal.scopes.some((scope) => keys.includes(scope))) return;
  throw new NotAllowedError(
    `Runden für ${area.name} (${area.key}) dürfen nur die Administration oder Bearbeitende dieses Gebiets öffnen.`,
  );
}

/** The municipalities of an area that a round asks: current Gemeinden, Verbände and Kreise. */
export async function areaMembers(manager: EntityManager, area: Region): Promise<Region[]> {
  const column = AREA_COLUMN[area.level];
  return manager
    .createQueryBuilder(Region, 'r')
    .where('r.isCurrent = :current', { current: true })
    .andWhere('r.isUnincorporated = :unincorporated', { unincorporated: false })
    .andWhere('r.level IN (:...levels)', { levels: MUNICIPAL_LEVELS })
    .andWhere(`(r.key = :area OR r.${column} = :area)`, { area: area.key })
    .orderBy('r.key', 'ASC')
    .getMany();
}

/** Opens a round for an area: one member row per municipality, no links yet (see `issueRoundLinks`). */
export async function openRound(
  dataSource: DataSource,
  args: { input: OpenRoundInput; actor: Actor; now?: Date; set?: QuestionnaireSet },
): Promise<RoundView> {
  const { input, actor } = args;
  const now = args.now ?? new Date();
  const linksValidUntil = input.linksValidUntil ?? addDays(input.deadline, 30);
  const problems = [];
  if (!input.title.trim()) problems.push({ pointer: '#/title', detail: 'darf nicht leer sein' });
  if (input.deadline < berlinDate(now)) problems.push({ pointer: '#/deadline', detail: 'liegt in der Vergangenheit' });
  if (linksValidUntil < input.deadline) {
    problems.push({ pointer: '#/linksValidUntil', detail: 'darf nicht vor der Frist liegen' });
  }
  if (problems.length > 0) throw new InputError('Angaben zur Runde ungültig.', problems);
  const id = await inTransaction(dataSource, async (tx) => {
    const area = await findRegion(tx, input.area);
    if (!AREA_COLUMN[area.level]) {
      throw new InputError('Angaben zur Runde ungültig.', [
        { pointer: '#/area', detail: 'eine Runde gilt für ein Land, einen Regierungsbezirk oder einen Kreis' },
      ]);
    }
    assertMayCoordinate(actor.principal, area);
    const members = await areaMembers(tx, area);
    const unknown = Object.keys(input.contacts ?? {}).filter((key) => !members.some((m) => m.key === key));
    if (unknown.length > 0) {
      throw new InputError(
        'Angaben zur Runde ungültig.',
        unknown.map((key) => ({
          pointer: `#/contacts/${key}`,
          detail: `keine Kommune in ${area.name}`,
        })),
      );
    }
    const version = (args.set ?? shippedQuestionnaires()).current.version;
    const round = await tx.save(
      tx.create(SurveyRound, {
        areaKey: area.key,
        areaName: area.name,
        title: input.title.trim(),
        deadline: input.deadline,
        linksValidUntil,
        questionnaireVersion: version,
        status: 'open',
        openedAt: now,
        openedBy: actor.principal.name,
        closedAt: null,
        closedBy: null,
        snapshot: null,
      }),
    );
    const rows = members.map((m) => ({
      roundId: round.id,
      regionId: m.id,
      email: input.contacts?.[m.key] ?? null,
      reminders: 0,
    }));
    for (let i = 0; i < rows.length; i += 200) await tx.insert(SurveyRoundMember, rows.slice(i, i + 200));
    await recordAudit(tx, actor, {
      action: 'round.opened',
      entityType: 'survey-round',
      entityKey: String(round.id),
      after: { area: area.key, title: round.title, deadline: round.deadline, members: members.length, version },
    });
    return round.id;
  });
  return getRound(dataSource.manager, id, now);
}

/** A round by id; 404 if there is none. */
export async function findRound(manager: EntityManager, id: number): Promise<SurveyRound> {
  const round = await manager.findOneBy(SurveyRound, { id });
  if (!round) throw new NotFoundError(`Keine Runde mit der Nummer ${id}.`);
  return round;
}

/** A round with every member's status (answered, confirmed, overdue) as of `now`. */
export async function getRound(manager: EntityManager, id: number, now: Date = new Date()): Promise<RoundView> {
  return buildRoundStatus(manager, await findRound(manager, id), berlinDate(now));
}

/** All rounds, newest first, without their members. */
export async function listRounds(manager: EntityManager): Promise<SurveyRound[]> {
  return manager.find(SurveyRound, { order: { id: 'DESC' } });
}

/** A member of a round by the municipality's key; 404 when it is not in the round. */
export async function findMember(
  manager: EntityManager,
  round: SurveyRound,
  key: string,
): Promise<{ member: SurveyRoundMember; region: Region }> {
  const region = await manager.findOneBy(Region, { key });
  const member = region ? await manager.findOneBy(SurveyRoundMember, { roundId: round.id, regionId: region.id }) : null;
  if (!region || !member) throw new NotFoundError(`${key} ist nicht Teil der Runde ${round.id}.`);
  return { member, region };
}

/** Opens a round for a coordinator's change: it exists, is open, and the caller may coordinate it. */
export async function roundForChange(tx: EntityManager, id: number, principal: Principal): Promise<SurveyRound> {
  const round = await findRound(tx, id);
  assertMayCoordinate(principal, await findRegion(tx, round.areaKey));
  if (round.status !== 'open') throw new ConflictError(`Die Runde „${round.title}“ ist bereits abgeschlossen.`);
  return round;
}

/** Sets or clears a member's e-mail address. */
export async function setMemberContact(
  dataSource: DataSource,
  args: { id: number; key: string; email: string | null; actor: Actor },
): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const round = await roundForChange(tx, args.id, args.actor.principal);
    const { member, region } = await findMember(tx, round, args.key);
    await tx.update(SurveyRoundMember, { id: member.id }, { email: args.email });
    await recordAudit(tx, args.actor, {
      action: 'round.contact-set',
      entityType: 'survey-round',
      entityKey: `${round.id}/${region.key}`,
      regionId: region.id,
      before: { email: member.email },
      after: { email: args.email },
    });
  });
}

/** Revokes a member's link at once; a new one can be issued later. */
export async function revokeMemberLink(
  dataSource: DataSource,
  args: { id: number; key: string; actor: Actor; now?: Date },
): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const round = await roundForChange(tx, args.id, args.actor.principal);
    const { member, region } = await findMember(tx, round, args.key);
    if (!member.tokenHash || member.revokedAt) return;
    await tx.update(SurveyRoundMember, { id: member.id }, { revokedAt: args.now ?? new Date() });
    await recordAudit(tx, args.actor, {
      action: 'round.link-revoked',
      entityType: 'survey-round',
      entityKey: `${round.id}/${region.key}`,
      regionId: region.id,
      before: { prefix: member.tokenPrefix },
    });
  });
}
