import express, { type Request, type Response, type Router } from 'express';
import { InputError, NotAllowedError } from '../../lib/errors';
import type { ResponsibilityLevel } from '../../lib/responsibility';
import { listRegions } from '../../services/region.service';
import {
  deleteRule,
  listCompleteLaender,
  listDelegation,
  listTraits,
  listRules,
  putRule,
  ruleScope,
  type RuleInput,
  type RuleView,
} from '../../services/responsibility-rule.service';
import type { AppDeps } from '../deps';
import type { FieldErrors } from './views/forms';
import { rulesPage, type RulesFilter, type RulesPageData } from './views/rules.view';
import { requireLogin, seeOther, sendPage, viewContext } from './context';

function text(value: unknown, max = 1000): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

function filterOf(req: Request): RulesFilter {
  const page = /^[1-9]\d{0,4}$/.test(text(req.query.seite)) ? Number(req.query.seite) : 1;
  return { scope: text(req.query.suche, 20), land: text(req.query.land, 2), level: text(req.query.ebene, 12), page };
}

/** The rules a filter selects: by OZG-ID (its own rule and its Leistungen'), Leistungsschlüssel or Typ, Land, level. */
function matching(rules: RuleView[], filter: RulesFilter): RuleView[] {
  const scope = filter.scope.replace(/^typ:/i, '');
  return rules.filter(
    (r) =>
      (!scope ||
        (/^\d{14}$/.test(scope) && r.leistungsschluessel === scope) ||
        (/^\d{1,9}$/.test(scope) && r.ozgId === Number(scope)) ||
        (/^\d{1,2}\/\d{1,2}$|^\d$/.test(scope) && r.typ === scope)) &&
      (!filter.land || r.landKey === filter.land || r.landKey === '') &&
      (!filter.level || r.level === filter.level),
  );
}

async function pageData(deps: AppDeps, req: Request, form?: RulesPageData['form']): Promise<RulesPageData> {
  const manager = deps.db.reader.manager;
  const filter = filterOf(req);
  const laender = await listRegions(manager, { level: 'land', limit: 20, includeRetired: false });
  return {
    filter,
    rules: matching(await listRules(manager), filter),
    delegation: await listDelegation(manager),
    traits: await listTraits(manager),
    completeLaender: await listCompleteLaender(manager),
    laender: laender.items.map((l) => ({ key: l.key, name: l.name })),
    mayEdit: req.webUser?.role === 'admin',
    ...(form ? { form } : {}),
  };
}

function requireAdmin(req: Request, _res: Response, next: (error?: unknown) => void): void {
  next(
    req.webUser?.role === 'admin'
      ? undefined
      : new NotAllowedError('Regeln ändern nur Administratorinnen und Administratoren.'),
  );
}

/** Field names of the service's problems (`#/taskGroup`) as the form's. */
function fieldErrors(error: InputError): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of error.problems) {
    const field = (p.pointer ?? '').replace(/^#\//, '').replace('landKey', 'land') || 'reason';
    (errors[field] ??= []).push(p.detail);
  }
  return errors;
}

/**
 * `/zustaendigkeitsregeln`: every signed-in user reads the rules with their sources; admins set
 * and delete rules here (as `PUT`/`DELETE /api/responsibility-rules`, through the same service,
 * audited) and import many at once on the import page.
 */
export function rulesRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/zustaendigkeitsregeln', requireLogin, async (req, res) => {
    sendPage(res, rulesPage(viewContext(req, { withCsrf: true }), await pageData(deps, req)));
  });

  router.post('/zustaendigkeitsregeln', requireLogin, requireAdmin, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = Object.fromEntries(
      ['leistungsschluessel', 'ozgId', 'typ', 'land', 'level', 'taskGroup', 'reason', 'source'].map((k) => [
        k,
        text(body[k]),
      ]),
    );
    const input: RuleInput = {
      leistungsschluessel: values.leistungsschluessel,
      ozgId: values.ozgId === '' ? null : /^\d{1,9}$/.test(values.ozgId) ? Number(values.ozgId) : -1,
      typ: values.typ,
      landKey: values.land,
      level: values.level as ResponsibilityLevel,
      taskGroup: values.taskGroup,
      reason: values.reason,
      source: values.source,
    };
    const actor = { principal: req.principal!, requestId: req.id };
    try {
      await deps.db.transaction((tx) => putRule(tx, input, actor));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const errors = fieldErrors(error);
      sendPage(
        res,
        rulesPage(viewContext(req, { withCsrf: true }), await pageData(deps, req, { values, errors })),
        422,
      );
      return;
    }
    req.session.flash = `Regel ${ruleScope(input)} gespeichert.`;
    seeOther(
      res,
      `/zustaendigkeitsregeln?suche=${encodeURIComponent(input.leistungsschluessel || String(input.ozgId ?? input.typ))}`,
    );
  });

  router.post('/zustaendigkeitsregeln/loeschen', requireLogin, requireAdmin, async (req, res) => {
    const scope = text((req.body as Record<string, unknown>).geltungsbereich, 40);
    const actor = { principal: req.principal!, requestId: req.id };
    await deps.db.transaction((tx) => deleteRule(tx, scope, actor));
    req.session.flash = `Regel ${scope} gelöscht; es gilt die nächst allgemeinere.`;
    seeOther(res, '/zustaendigkeitsregeln');
  });
  return router;
}
