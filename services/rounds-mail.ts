import nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import { SurveyRoundMember } from '../entities';
import { inTransaction } from '../entities/transaction';
import { ConflictError } from '../lib/errors';
import type { Actor } from '../lib/principal';
import { recordAudit } from './audit.service';
import { issueRoundLinks, type IssuedLink } from './rounds-actions';
import { findMember, findRound, getRound, roundForChange } from './rounds.service';

/** How the service sends mail (`SMTP_URL`, `MAIL_FROM`). */
export interface MailSettings {
  /** `smtp://user:pass@host:port` or `smtps://…` (nodemailer's connection URL). */
  smtpUrl: string;
  from: string;
}

/** What a reminder run did. */
export interface ReminderResult {
  /** Keys of the municipalities reminded. */
  sent: string[];
  /** Municipalities not complete but without an e-mail address. */
  withoutAddress: string[];
  /** Municipalities whose link the coordinator revoked: a reminder would hand them a new one. */
  revoked: string[];
  /** Municipalities whose mail the server refused, with its answer. */
  failed: { key: string; error: string }[];
}

function reminderText(link: IssuedLink, round: { title: string; areaName: string; deadline: string }): string {
  const [y, m, d] = round.deadline.split('-');
  return [
    `Guten Tag,`,
    '',
    `für die Runde „${round.title}“ (${round.areaName}) fehlen von ${link.name} noch Angaben:`,
    'die Bestätigung oder Aktualisierung der Basiskomponenten und die Selbstauskunft zur Digitalisierung.',
    '',
    `Frist: ${d}.${m}.${y}`,
    '',
    'Ihr persönlicher Link (ohne Anmeldung; frühere Links gelten nicht mehr):',
    link.url,
    '',
    'Der Link gilt nur für Ihre Kommune. Bitte geben Sie ihn nicht weiter.',
  ].join('\n');
}

/**
 * Sends a reminder to every member of an open round that is not complete and has an e-mail
 * address. Each reminder carries a new link (only hashes are stored, so an earlier link cannot be
 * sent again); the earlier link stops working.
 */
export async function sendRoundReminders(
  dataSource: DataSource,
  args: { id: number; actor: Actor; baseUrl: string; mail: MailSettings | null; now?: Date },
): Promise<ReminderResult> {
  await roundForChange(dataSource.manager, args.id, args.actor.principal);
  if (!args.mail) {
    throw new ConflictError('Für Erinnerungen ist kein Mailserver eingerichtet (SMTP_URL und MAIL_FROM).');
  }
  const view = await getRound(dataSource.manager, args.id, args.now);
  const notComplete = view.members.filter((m) => m.progress !== 'complete');
  const open = notComplete.filter((m) => m.link !== 'revoked');
  const withAddress = open.filter((m) => m.email);
  const result: ReminderResult = {
    sent: [],
    withoutAddress: open.filter((m) => !m.email).map((m) => m.key),
    revoked: notComplete.filter((m) => m.link === 'revoked').map((m) => m.key),
    failed: [],
  };
  if (withAddress.length === 0) return result;
  const links = await issueRoundLinks(dataSource, {
    id: args.id,
    actor: args.actor,
    baseUrl: args.baseUrl,
    reissue: true,
    keys: withAddress.map((m) => m.key),
    now: args.now,
  });
  const round = await findRound(dataSource.manager, args.id);
  const transport = nodemailer.createTransport(args.mail.smtpUrl);
  try {
    for (const link of links) {
      try {
        await transport.sendMail({
          from: args.mail.from,
          to: link.email as string,
          subject: `Erinnerung: ${round.title} – Frist ${round.deadline.split('-').reverse().join('.')}`,
          text: reminderText(link, round),
        });
        result.sent.push(link.key);
      } catch (error) {
        result.failed.push({ key: link.key, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    transport.close();
  }
  await inTransaction(dataSource, async (tx) => {
    for (const key of result.sent) {
      const { member, region } = await findMember(tx, round, key);
      await tx.update(
        SurveyRoundMember,
        { id: member.id },
        { remindedAt: args.now ?? new Date(), reminders: member.reminders + 1 },
      );
      await recordAudit(tx, args.actor, {
        action: 'round.reminded',
        entityType: 'survey-round',
        entityKey: `${round.id}/${region.key}`,
        regionId: region.id,
        after: { email: member.email },
      });
    }
  });
  return result;
}
