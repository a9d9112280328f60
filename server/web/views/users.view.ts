import type { Role } from '../../../lib/principal';
import type { ManagedUser } from '../../../services/user-admin.service';
import { formatDateTime } from './format';
import { errorSummary, inputField, selectField, type FieldErrors } from './forms';
import { html, type SafeHtml } from './html';
import { csrfField, layout, ROLE_LABELS, type ViewContext } from './layout';

/** Form labels of the user management, also for the error summary. */
export const USER_FIELD_LABELS: Record<string, string> = {
  benutzername: 'Benutzername oder E-Mail-Adresse',
  anzeigename: 'Name',
  rolle: 'Rolle',
  bereich: 'Bereich (Gebietsschlüssel)',
};

/** The roles the viewer may hand out: an editor only their own. */
export function roleOptions(viewer: Role): { value: string; label: string }[] {
  const roles: Role[] = viewer === 'admin' ? ['reader', 'editor', 'admin'] : ['editor'];
  return roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
}

/** The state of an account in words. */
export function userState(user: ManagedUser): string {
  if (user.disabledAt) return `gesperrt seit ${formatDateTime(user.disabledAt)}`;
  return user.pending ? 'eingeladen, Passwort noch nicht festgelegt' : 'aktiv';
}

/** The role and area fields, shared by the invitation and the role change. */
export function roleFields(
  viewer: Role,
  values: { rolle?: string; bereich?: string },
  errors: FieldErrors,
  idPrefix = '',
): SafeHtml {
  return html`${selectField({ name: 'rolle', id: `${idPrefix}f-rolle`, label: USER_FIELD_LABELS.rolle, value: values.rolle ?? (viewer === 'admin' ? 'reader' : 'editor'), options: roleOptions(viewer), errors })}
  ${inputField({ name: 'bereich', id: `${idPrefix}f-bereich`, label: USER_FIELD_LABELS.bereich, value: values.bereich, maxLength: 200, hint: 'Nur für die Rolle Bearbeitung: AGS (8 Ziffern), Kreis (5), Land (2) oder Gemeindeverband (9), mehrere durch Leerzeichen getrennt, z. B. 16053000.', errors })}`;
}

/** What `/benutzer` shows. */
export interface UsersPageData {
  users: ManagedUser[];
  /** The invitation form after a problem. */
  form?: { values: Record<string, string>; errors: FieldErrors };
}

function userRow(user: ManagedUser): SafeHtml {
  return html`<tr>
  <th scope="row"><a href="/benutzer/${encodeURIComponent(user.userName)}">${user.userName}</a>${user.self ? ' (Sie)' : ''}</th>
  <td>${user.displayName}</td>
  <td>${ROLE_LABELS[user.role]}</td>
  <td>${user.scopes.join(', ') || '–'}</td>
  <td>${userState(user)}</td>
</tr>`;
}

/** `/benutzer`: the accounts the viewer sees, and the invitation form. */
export function usersPage(ctx: ViewContext, data: UsersPageData): SafeHtml {
  const viewer = ctx.user?.role ?? 'reader';
  const errors = data.form?.errors ?? {};
  const values = data.form?.values ?? {};
  return layout(ctx, {
    title: 'Benutzer',
    breadcrumbs: [{ label: 'Start', href: '/' }, { label: 'Benutzer' }],
    body: html`<h1>Benutzer</h1>
<p>${
      viewer === 'admin'
        ? 'Alle Zugänge zum Atlas. Laden Sie Personen ein: Sie erhalten einen Link, mit dem die Person ihr Passwort selbst festlegt.'
        : 'Die Zugänge mit der Rolle Bearbeitung in Ihrem Bereich. Sie können weitere Personen für Ihren Bereich einladen.'
    }
  Auf der Kommandozeile geht dasselbe mit <code>npm run cli -- users …</code>.</p>
<h2 id="liste-titel">Zugänge (${data.users.length})</h2>
<div class="table-scroll" role="region" aria-labelledby="liste-titel" tabindex="0"><table class="compact">
<thead><tr><th scope="col">Benutzername</th><th scope="col">Name</th><th scope="col">Rolle</th><th scope="col">Bereich</th><th scope="col">Status</th></tr></thead>
<tbody>${data.users.map(userRow)}</tbody>
</table></div>
<h2 id="einladen">Person einladen</h2>
${errorSummary(errors, USER_FIELD_LABELS)}
<form method="post" action="/benutzer" class="form narrow" novalidate>
  ${csrfField(ctx)}
  ${inputField({ name: 'benutzername', label: USER_FIELD_LABELS.benutzername, value: values.benutzername, required: true, maxLength: 80, autocomplete: 'off', hint: 'Damit meldet sich die Person an: Kleinbuchstaben, Ziffern und . _ @ -', errors })}
  ${inputField({ name: 'anzeigename', label: USER_FIELD_LABELS.anzeigename, value: values.anzeigename, maxLength: 120, autocomplete: 'off', hint: 'z. B. „Erika Mustermann (Stadt Jena)“', errors })}
  ${roleFields(viewer, values, errors)}
  <div class="actions"><button type="submit">Einladen</button></div>
</form>`,
  });
}
