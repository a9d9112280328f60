import type { FieldProblem } from './errors';
import { levelOfKey } from './keys';

/** Roles shared by API tokens and web users. */
export const ROLES = ['admin', 'editor', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting. `scopes` restricts an editor to regions: each entry is a region key
 * (Land 2, Kreis 5, Gemeinde AGS 8, Gemeindeverband 9 digits); an editor may write a
 * municipality if any of its keys or ancestor keys is in the list.
 */
export interface Principal {
  kind: 'token' | 'user' | 'cli' | 'system' | 'anonymous';
  /** Stable id within `kind` (token id, user id, OS user name). */
  id: string;
  /** Shown in the audit log. */
  name: string;
  role: Role;
  scopes: string[];
}

/**
 * What is wrong with a role and its scopes, for a token or a user alike: the role must be known,
 * an editor needs at least one scope (`editorWithoutScope` says so in the holder's words), only
 * an editor has scopes, and every scope is a region key.
 */
export function roleAndScopeProblems(
  role: Role,
  scopes: readonly string[],
  editorWithoutScope: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!ROLES.includes(role))
    problems.push({ parameter: 'role', detail: `Rolle muss eine von ${ROLES.join(', ')} sein` });
  if (role === 'editor' && scopes.length === 0) problems.push({ parameter: 'scope', detail: editorWithoutScope });
  if (role !== 'editor' && scopes.length > 0) {
    problems.push({ parameter: 'scope', detail: 'Scopes gibt es nur für die Rolle editor' });
  }
  for (const scope of scopes) {
    const level = levelOfKey(scope);
    if (!level || level === 'region') {
      problems.push({
        parameter: 'scope',
        detail: `"${scope}" ist kein Gebietsschlüssel (Land 2, Kreis 5, AGS 8 oder Gemeindeverband 9 Ziffern)`,
      });
    }
  }
  return problems;
}

/** The principal used by CLI commands: the operating-system user, with admin rights. */
export function cliPrincipal(): Principal {
  const user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  return { kind: 'cli', id: user, name: `cli:${user}`, role: 'admin', scopes: [] };
}

/** The principal used for automatic work such as loading reference data at start-up. */
export const SYSTEM_PRINCIPAL: Principal = {
  kind: 'system',
  id: 'system',
  name: 'system',
  role: 'admin',
  scopes: [],
};

/** Who did it and in which request, as written to the audit log. */
export interface Actor {
  principal: Principal;
  requestId: string | null;
}

/**
 * The caller of a public route without credentials. It carries the weakest role only to
 * satisfy the type; access checks refuse `kind: 'anonymous'` for anything not public.
 */
export const ANONYMOUS_PRINCIPAL: Principal = {
  kind: 'anonymous',
  id: 'anonymous',
  name: 'anonym',
  role: 'reader',
  scopes: [],
};
