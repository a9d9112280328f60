import express, { type Request, type Response, type Router } from 'express';
import { getSelfAssessment, putSelfAssessment } from '../../services/self-assessment.service';
import { shippedQuestionnaires, type Answers } from '../../services/self-assessment-questionnaire';
import type { AppDeps } from '../deps';
import { ANSWER_POINTER, answersOfForm } from './views/round-questionnaire.view';
import { selfAssessmentPage } from './views/round-self-assessment.view';
import { requireLogin, seeOther, sendPage, viewContext } from './context';
import { refusedForm, type FormErrors } from './form-errors';
import { mayWrite, regionTrail } from './region-trail';

async function render(
  deps: AppDeps,
  req: Request,
  res: Response,
  form: FormErrors & { answers?: Answers } = {},
  status = 200,
): Promise<void> {
  const manager = deps.db.reader.manager;
  const { view, etag, region } = await getSelfAssessment(manager, String(req.params.ags));
  const data = {
    trail: await regionTrail(manager, region),
    view,
    etag,
    questionnaire: shippedQuestionnaires().current,
    answers: form.answers ?? view.answers,
    errors: form.errors ?? {},
    general: form.general ?? [],
    mayWrite: region.isCurrent && mayWrite(req.principal, region),
  };
  sendPage(res, selfAssessmentPage(viewContext(req, { withCsrf: true }), data), status);
}

const STALE = 'Nicht gespeichert: zwischenzeitlich geändert. Das Formular zeigt jetzt den aktuellen Stand.';

async function save(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const answers = answersOfForm(shippedQuestionnaires().current, body);
  const etag = typeof body.etag === 'string' ? body.etag : '';
  const key = String(req.params.ags);
  try {
    await putSelfAssessment(deps.db.reader, {
      key,
      input: { answers },
      actor: { principal: req.principal!, requestId: req.id ?? null },
      precondition: etag ? { ifMatch: etag } : {},
    });
    req.session.flash = 'Die Selbstauskunft ist gespeichert.';
    seeOther(res, `/kommunen/${key}/selbstauskunft`);
  } catch (error) {
    const refused = refusedForm(error, { answers }, { stale: STALE, fieldPointer: ANSWER_POINTER });
    if (!refused) throw error;
    await render(deps, req, res, refused.form, refused.status);
  }
}

/** The self-assessment form of a municipality for signed-in users (editors in scope may save). */
export function selfAssessmentRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/kommunen/:ags/selbstauskunft', requireLogin, (req, res) => render(deps, req, res));
  router.post('/kommunen/:ags/selbstauskunft', requireLogin, (req, res) => save(deps, req, res));
  return router;
}
