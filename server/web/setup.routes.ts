import express, { type Request, type Response, type Router } from 'express';
import { ConflictError, InputError } from '../../lib/errors';
import { LinkUsedError, linkProblemText } from '../../services/invitation-links';
import { acceptInvitation, invitedUser } from '../../services/invitation.service';
import { completeSetup, setupLinkProblem, type SetupProblem } from '../../services/setup.service';
import type { AppDeps } from '../deps';
import type { FieldErrors } from './views/forms';
import { html } from './views/html';
import { invitationPage, linkRefusedPage, setupPage } from './views/setup.view';
import { landingPath } from './views/users-home';
import { startSession } from './auth.routes';
import { sendPage, viewContext } from './context';

// Longer than the password rules allow, so an over-long password is refused with their message, not cut.
const PASSWORD_MAX = 1000;

function field(req: Request, name: string, max = 200): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name] ?? req.query[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** Field errors of a service's problems, under the form's field names. */
export function passwordFormErrors(error: InputError | ConflictError): FieldErrors {
  if (error instanceof ConflictError) return { benutzername: [error.message] };
  const names: Record<string, string> = { name: 'benutzername', password: 'passwort' };
  const errors: FieldErrors = {};
  for (const p of error.problems) (errors[names[p.parameter ?? ''] ?? 'benutzername'] ??= []).push(p.detail);
  return errors;
}

/** The repeated password must match; checked before anything is hashed. */
function repeatErrors(req: Request): FieldErrors {
  return field(req, 'passwort', PASSWORD_MAX) === field(req, 'passwort2', PASSWORD_MAX)
    ? {}
    : { passwort2: ['Die beiden Passwörter stimmen nicht überein.'] };
}

function refuseSetup(req: Request, res: Response, problem: SetupProblem): void {
  const done = problem === 'done';
  sendPage(
    res,
    linkRefusedPage(
      viewContext(req),
      'Einrichtung',
      done ? 'Der Atlas ist bereits eingerichtet: Es gibt ein Administrationskonto.' : linkProblemText(problem),
      done
        ? html`<p><a href="/anmeldung">Zur Anmeldung</a>. Weitere Zugänge vergibt die Administration über die Benutzerverwaltung.</p>`
        : html`<p>Starten Sie den Server neu: Solange es kein Administrationskonto gibt, schreibt er bei jedem Start
  einen neuen Einrichtungslink in sein Protokoll. Auf der Kommandozeile geht es auch:
  <code>npm run cli -- users create --name NAME --role admin</code>.</p>`,
    ),
    problem === 'unknown' ? 404 : 410,
  );
}

function refuseInvitation(req: Request, res: Response, problem: 'unknown' | 'used' | 'expired'): void {
  sendPage(
    res,
    linkRefusedPage(
      viewContext(req),
      'Einladung',
      linkProblemText(problem),
      html`<p>Bitten Sie die Administration um einen neuen Einladungslink. Haben Sie Ihr Passwort schon festgelegt,
  <a href="/anmeldung">melden Sie sich an</a>.</p>`,
    ),
    problem === 'unknown' ? 404 : 410,
  );
}

/**
 * `/einrichtung` (the first admin, with the setup link printed at start) and `/einladung` (an
 * invited user chooses a password). Both links work once; afterwards the person is signed in.
 */
export function setupRoutes(deps: AppDeps): Router {
  const router = express.Router();

  router.get('/einrichtung', async (req, res) => {
    const token = field(req, 'token');
    const problem = await setupLinkProblem(deps.db.reader.manager, token);
    if (problem) refuseSetup(req, res, problem);
    else sendPage(res, setupPage(viewContext(req, { withCsrf: true }), { token, values: {}, errors: {} }));
  });

  router.post('/einrichtung', async (req, res) => {
    const token = field(req, 'token');
    const values = { anzeigename: field(req, 'anzeigename', 120).trim(), benutzername: field(req, 'benutzername', 80) };
    const again = (errors: FieldErrors) =>
      sendPage(res, setupPage(viewContext(req, { withCsrf: true }), { token, values, errors }), 422);
    const problem = await setupLinkProblem(deps.db.reader.manager, token);
    if (problem) return refuseSetup(req, res, problem);
    if (Object.keys(repeatErrors(req)).length) return again(repeatErrors(req));
    let result;
    try {
      result = await deps.db.transaction((tx) =>
        completeSetup(
          tx,
          token,
          {
            userName: values.benutzername,
            displayName: values.anzeigename,
            password: field(req, 'passwort', PASSWORD_MAX),
          },
          req.id ? String(req.id) : null,
        ),
      );
    } catch (error) {
      if (error instanceof LinkUsedError) return refuseSetup(req, res, 'used');
      if (error instanceof InputError || error instanceof ConflictError) return again(passwordFormErrors(error));
      throw error;
    }
    if ('problem' in result) return refuseSetup(req, res, result.problem);
    await startSession(
      req,
      result.user,
      `Das Administrationskonto „${result.user.userName}“ ist eingerichtet, und Sie sind angemeldet. ` +
        'Als Nächstes: weitere Personen einladen oder Daten importieren.',
    );
    res.redirect(303, '/benutzer');
  });

  router.get('/einladung', async (req, res) => {
    const token = field(req, 'token');
    const opened = await invitedUser(deps.db.reader.manager, token);
    if ('problem' in opened) return refuseInvitation(req, res, opened.problem);
    const { user } = opened;
    sendPage(res, invitationPage(viewContext(req, { withCsrf: true }), { token, ...user, errors: {} }));
  });

  router.post('/einladung', async (req, res) => {
    const token = field(req, 'token');
    const opened = await invitedUser(deps.db.reader.manager, token);
    if ('problem' in opened) return refuseInvitation(req, res, opened.problem);
    const again = (errors: FieldErrors) =>
      sendPage(res, invitationPage(viewContext(req, { withCsrf: true }), { token, ...opened.user, errors }), 422);
    if (Object.keys(repeatErrors(req)).length) return again(repeatErrors(req));
    let result;
    try {
      result = await deps.db.transaction((tx) =>
        acceptInvitation(tx, token, field(req, 'passwort', PASSWORD_MAX), req.id ? String(req.id) : null),
      );
    } catch (error) {
      if (error instanceof LinkUsedError) return refuseInvitation(req, res, 'used');
      if (error instanceof InputError) return again(passwordFormErrors(error));
      throw error;
    }
    if ('problem' in result) return refuseInvitation(req, res, result.problem);
    await startSession(req, result.user, `Willkommen, ${result.user.displayName}. Ihr Passwort ist festgelegt.`);
    res.redirect(303, landingPath(result.user.scopes));
  });
  return router;
}
