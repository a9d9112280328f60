import express, { type Request, type Response, type Router } from 'express';
import { ConflictError, InputError, NotAllowedError } from '../../lib/errors';
import type { Actor, Role } from '../../lib/principal';
import type { IssuedLink } from '../../services/invitation-links';
import { inviteUser, resetAccess } from '../../services/invitation.service';
import { changeRole, deactivateUser, listManagedUsers, managedUser } from '../../services/user-admin.service';
import type { AppDeps } from '../deps';
import type { FieldErrors } from './views/forms';
import { userDetailPage, type IssuedLinkView } from './views/users-detail.view';
import { usersPage } from './views/users.view';
import { requireLogin, seeOther, sendPage, viewContext } from './context';

declare module 'express-session' {
  interface SessionData {
    /** A link just issued on the user management, shown once on the account's page. */
    issuedLink?: IssuedLinkView & { userName: string };
  }
}

function text(req: Request, name: string, max: number): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** The form as sent, for showing it again. */
function formValues(req: Request): Record<string, string> {
  return {
    benutzername: text(req, 'benutzername', 80),
    anzeigename: text(req, 'anzeigename', 120),
    rolle: text(req, 'rolle', 20),
    bereich: text(req, 'bereich', 200),
  };
}

function scopesOf(values: Record<string, string>): string[] {
  return values.bereich.split(/[\s,;]+/).filter(Boolean);
}

const FIELD_OF: Record<string, string> = { name: 'benutzername', role: 'rolle', scope: 'bereich' };

function fieldErrors(error: InputError | ConflictError): FieldErrors {
  if (!(error instanceof InputError)) return { benutzername: [error.message] };
  const errors: FieldErrors = {};
  for (const p of error.problems) (errors[FIELD_OF[p.parameter ?? ''] ?? 'benutzername'] ??= []).push(p.detail);
  return errors;
}

function requireManager(req: Request, _res: Response, next: (error?: unknown) => void): void {
  const role = req.webUser?.role;
  next(
    role === 'admin' || role === 'editor'
      ? undefined
      : new NotAllowedError('Die Benutzerverwaltung steht der Administration und der Bearbeitung offen.'),
  );
}

function actorOf(req: Request): Actor {
  return { principal: req.principal!, requestId: req.id ? String(req.id) : null };
}

/** Keeps the new link in the session for one showing on the account's page (POST → redirect → GET). */
function rememberLink(req: Request, userName: string, link: IssuedLink): void {
  // The address the admin reached the service by (behind a trusted proxy: the one the proxy reports).
  const url = `${req.protocol}://${req.host}/einladung?token=${link.token}`;
  req.session.issuedLink = { userName, url, expiresAt: link.expiresAt.toISOString() };
}

function detailPath(userName: string): string {
  return `/benutzer/${encodeURIComponent(userName)}`;
}

/**
 * `/benutzer`: user management in the browser. Admins see and change every account; editors see
 * the editors within their area and may invite and manage them, never beyond their own rights
 * (`services/user-admin.service.ts`). Every change is audited; the CLI (`users …`) does the same
 * from scripts.
 */
export function userRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const manager = deps.db.reader.manager;
  router.use('/benutzer', requireLogin, requireManager);

  router.get('/benutzer', async (req, res) => {
    const users = await listManagedUsers(manager, req.principal!);
    sendPage(res, usersPage(viewContext(req, { withCsrf: true }), { users }));
  });

  router.post('/benutzer', async (req, res) => {
    const values = formValues(req);
    const invitee = {
      userName: values.benutzername,
      displayName: values.anzeigename,
      role: values.rolle as Role,
      scopes: scopesOf(values),
    };
    try {
      const { user, link } = await deps.db.transaction((tx) => inviteUser(tx, invitee, actorOf(req)));
      rememberLink(req, user.userName, link);
      req.session.flash = `„${user.userName}“ ist eingeladen.`;
      seeOther(res, detailPath(user.userName));
    } catch (error) {
      if (!(error instanceof InputError || error instanceof ConflictError)) throw error;
      const users = await listManagedUsers(manager, req.principal!);
      const form = { values, errors: fieldErrors(error) };
      sendPage(res, usersPage(viewContext(req, { withCsrf: true }), { users, form }), 422);
    }
  });

  router.get('/benutzer/:name', async (req, res) => {
    const user = await managedUser(manager, String(req.params.name), req.principal!);
    const shown = req.session.issuedLink;
    if (shown) delete req.session.issuedLink;
    const link = shown?.userName === user.userName ? { url: shown.url, expiresAt: shown.expiresAt } : undefined;
    sendPage(res, userDetailPage(viewContext(req, { withCsrf: true }), { user, ...(link ? { link } : {}) }));
  });

  router.post('/benutzer/:name/rolle', async (req, res) => {
    const name = String(req.params.name);
    const values = formValues(req);
    try {
      const user = await deps.db.transaction((tx) =>
        changeRole(tx, name, values.rolle as Role, scopesOf(values), actorOf(req)),
      );
      req.session.flash = `Rolle von „${user.userName}“ gespeichert.`;
      seeOther(res, detailPath(user.userName));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const user = await managedUser(manager, name, req.principal!);
      const form = { values, errors: fieldErrors(error) };
      sendPage(res, userDetailPage(viewContext(req, { withCsrf: true }), { user, form }), 422);
    }
  });

  router.post('/benutzer/:name/sperren', async (req, res) => {
    const name = String(req.params.name);
    const ended = await deps.db.transaction((tx) => deactivateUser(tx, name, actorOf(req)));
    req.session.flash = `Konto gesperrt; ${ended} offene Sitzung(en) beendet.`;
    seeOther(res, detailPath(name));
  });

  router.post('/benutzer/:name/zuruecksetzen', async (req, res) => {
    const name = String(req.params.name);
    const { userName, link } = await deps.db.transaction((tx) => resetAccess(tx, name, actorOf(req)));
    rememberLink(req, userName, link);
    req.session.flash = `Neuer Einladungslink für „${userName}“ erzeugt; das bisherige Passwort gilt nicht mehr.`;
    seeOther(res, detailPath(userName));
  });
  return router;
}
