import express, { type Request, type Response, type Router } from 'express';
import { buildSurveyFigures } from '../../reports/survey-figures/report';
import { componentsByCode } from '../../services/component.service';
import { findRegion } from '../../services/region.service';
import { closeRound, issueRoundLinks } from '../../services/rounds-actions';
import { resolveRoundLink } from '../../services/rounds-links';
import { sendRoundReminders } from '../../services/rounds-mail';
import {
  answerThroughLink,
  confirmThroughLink,
  roundLinkView,
  updateComponentsThroughLink,
} from '../../services/rounds-member';
import {
  assertMayCoordinate,
  findRound,
  getRound,
  listRounds,
  openRound,
  revokeMemberLink,
} from '../../services/rounds.service';
import type { Answers } from '../../services/self-assessment-questionnaire';
import type { AppDeps } from '../deps';
import { linksCsv } from '../../reports/rounds/mail-merge';
import { publicBase } from '../http/public-base';
import { surveyFiguresPage } from './views/round-figures.view';
import { landscapeOfForm, roundLinkPage } from './views/round-link.view';
import { ANSWER_POINTER, answersOfForm } from './views/round-questionnaire.view';
import { roundPage, roundsPage, type OpenRoundValues } from './views/rounds.view';
import { CSV_MEDIA_TYPE, fileStem } from '../../reports/export';
import { requireLogin, seeOther, sendPage, viewContext } from './context';
import { refusedForm, type FormErrors } from './form-errors';

const actorOf = (req: Request) => ({ principal: req.principal!, requestId: req.id ?? null });
const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

async function showRounds(
  deps: AppDeps,
  req: Request,
  res: Response,
  form: FormErrors & { values?: OpenRoundValues } = {},
  status = 200,
): Promise<void> {
  const manager = deps.db.reader.manager;
  const rounds = [];
  for (const round of await listRounds(manager)) {
    try {
      assertMayCoordinate(req.principal!, await findRegion(manager, round.areaKey));
    } catch {
      continue;
    }
    rounds.push(await getRound(manager, round.id));
  }
  const data = {
    rounds,
    mayOpen: req.principal!.role !== 'reader',
    values: form.values ?? { area: '', title: '', deadline: '' },
    errors: form.errors ?? {},
    general: form.general ?? [],
  };
  sendPage(res, roundsPage(viewContext(req, { withCsrf: true }), data), status);
}

async function open(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const b = body(req);
  const values = {
    area: String(b.area ?? '').trim(),
    title: String(b.title ?? ''),
    deadline: String(b.deadline ?? ''),
  };
  const errors: Record<string, string[]> = {};
  if (!/^(\d{2}|\d{3}|\d{5})$/.test(values.area))
    errors.area = ['Bitte einen Schlüssel mit 2, 3 oder 5 Ziffern angeben.'];
  if (!values.title.trim()) errors.title = ['Bitte einen Titel angeben.'];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.deadline)) errors.deadline = ['Bitte ein Datum angeben.'];
  if (Object.keys(errors).length > 0) return showRounds(deps, req, res, { values, errors }, 422);
  try {
    const round = await openRound(deps.db.reader, { input: values, actor: actorOf(req) });
    req.session.flash = `Runde geöffnet: ${round.counts.members} Kommunen. Jetzt die Links ausgeben.`;
    seeOther(res, `/runden/${round.id}`);
  } catch (error) {
    const refused = refusedForm(error, { values }, { fieldPointer: '#/', notAllowed: true });
    if (!refused) throw error;
    await showRounds(deps, req, res, refused.form, refused.status);
  }
}

async function coordinatedRound(deps: AppDeps, req: Request) {
  const manager = deps.db.reader.manager;
  const round = await findRound(manager, Number(req.params.id) || 0);
  assertMayCoordinate(req.principal!, await findRegion(manager, round.areaKey));
  return round;
}

async function showLink(
  deps: AppDeps,
  req: Request,
  res: Response,
  form: FormErrors & { answers?: Answers } = {},
  status = 200,
): Promise<void> {
  const link = await resolveRoundLink(deps.db.reader.manager, String(req.params.token), req.id ?? null);
  const view = await roundLinkView(deps.db.reader, link);
  const componentLabels = new Map(
    [...(await componentsByCode(deps.db.reader.manager)).values()].map((c) => [c.code, c.label]),
  );
  const data = {
    token: String(req.params.token),
    link: view,
    componentLabels,
    answers: form.answers ?? view.selfAssessment.answers,
    errors: form.errors ?? {},
    general: form.general ?? [],
  };
  // The token is the page's credential: never cached, never sent on as a referrer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  sendPage(res, roundLinkPage(viewContext(req, { withCsrf: true }), data), status);
}

const STALE = 'Nicht gespeichert: zwischenzeitlich geändert. Die Seite zeigt jetzt den aktuellen Stand.';

async function linkWrite(
  deps: AppDeps,
  req: Request,
  res: Response,
  kind: 'answers' | 'confirm' | 'components',
): Promise<void> {
  const token = String(req.params.token);
  const link = await resolveRoundLink(deps.db.reader.manager, token, req.id ?? null);
  const view = await roundLinkView(deps.db.reader, link);
  const b = body(req);
  const field = kind === 'components' ? b.componentsEtag : b.etag;
  const etag = typeof field === 'string' ? field : '';
  const args = { token, key: link.region.key, requestId: req.id ?? null };
  const answers = answersOfForm(view.questionnaire, b);
  try {
    if (kind === 'confirm') {
      await confirmThroughLink(deps.db.reader, args);
      req.session.flash = 'Danke: Die Basiskomponenten sind als unverändert bestätigt.';
    } else if (kind === 'components') {
      const codes = [...(await componentsByCode(deps.db.reader.manager)).keys()];
      const items = landscapeOfForm(view, b, codes);
      await updateComponentsThroughLink(deps.db.reader, {
        ...args,
        items,
        precondition: etag ? { ifMatch: etag } : {},
      });
      req.session.flash = 'Danke: Die Basiskomponenten sind gespeichert.';
    } else {
      await answerThroughLink(deps.db.reader, { ...args, answers, precondition: etag ? { ifMatch: etag } : {} });
      req.session.flash = 'Danke: Die Selbstauskunft ist gespeichert.';
    }
    seeOther(res, `/runde/${token}`);
  } catch (error) {
    // Only the answers have fields on the page; the components' problems are told for the whole form.
    const fieldPointer = kind === 'answers' ? ANSWER_POINTER : undefined;
    const refused = refusedForm(error, { answers }, { stale: STALE, fieldPointer });
    if (!refused) throw error;
    await showLink(deps, req, res, refused.form, refused.status);
  }
}

/** Round pages for coordinators, the survey figures, and the pages behind a municipality's link. */
export function roundRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/runden', requireLogin, (req, res) => showRounds(deps, req, res));
  router.post('/runden', requireLogin, (req, res) => open(deps, req, res));
  router.get('/runden/:id', requireLogin, async (req, res) => {
    const round = await coordinatedRound(deps, req);
    const view = await getRound(deps.db.reader.manager, round.id);
    sendPage(res, roundPage(viewContext(req, { withCsrf: true }), view, { mailConfigured: Boolean(deps.config.mail) }));
  });
  router.post('/runden/:id/links', requireLogin, async (req, res) => {
    const round = await coordinatedRound(deps, req);
    const links = await issueRoundLinks(deps.db.reader, {
      id: round.id,
      actor: actorOf(req),
      baseUrl: publicBase(deps.config, req),
    });
    res.setHeader('Cache-Control', 'no-store');
    res
      .attachment(`${fileStem('Runde', String(round.id), 'Links')}.csv`)
      .type(CSV_MEDIA_TYPE)
      .send(linksCsv(links));
  });
  router.post('/runden/:id/erinnerungen', requireLogin, async (req, res) => {
    const round = await coordinatedRound(deps, req);
    const result = await sendRoundReminders(deps.db.reader, {
      id: round.id,
      actor: actorOf(req),
      baseUrl: publicBase(deps.config, req),
      mail: deps.config.mail ?? null,
    });
    req.session.flash = `Erinnerungen gesendet: ${result.sent.length}; ohne E-Mail-Adresse: ${result.withoutAddress.length}; Link zurückgezogen: ${result.revoked.length}; fehlgeschlagen: ${result.failed.length}.`;
    seeOther(res, `/runden/${round.id}`);
  });
  router.post('/runden/:id/abschliessen', requireLogin, async (req, res) => {
    const round = await coordinatedRound(deps, req);
    await closeRound(deps.db.reader, { id: round.id, actor: actorOf(req) });
    req.session.flash = 'Die Runde ist abgeschlossen; der Stand ist eingefroren.';
    seeOther(res, `/runden/${round.id}`);
  });
  router.post('/runden/:id/kommunen/:ags/zurueckziehen', requireLogin, async (req, res) => {
    const round = await coordinatedRound(deps, req);
    await revokeMemberLink(deps.db.reader, { id: round.id, key: String(req.params.ags), actor: actorOf(req) });
    req.session.flash = `Der Link für ${String(req.params.ags)} ist zurückgezogen.`;
    seeOther(res, `/runden/${round.id}`);
  });
  router.get('/umfragewerte/:key', requireLogin, async (req, res) => {
    const report = await buildSurveyFigures(deps.db.reader.manager, String(req.params.key));
    sendPage(res, surveyFiguresPage(viewContext(req), report));
  });
  router.get('/runde/:token', (req, res) => showLink(deps, req, res));
  router.post('/runde/:token/bestaetigen', (req, res) => linkWrite(deps, req, res, 'confirm'));
  router.post('/runde/:token/komponenten', (req, res) => linkWrite(deps, req, res, 'components'));
  router.post('/runde/:token/selbstauskunft', (req, res) => linkWrite(deps, req, res, 'answers'));
  return router;
}
