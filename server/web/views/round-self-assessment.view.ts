import type { SelfAssessmentView } from '../../../services/self-assessment.service';
import type { Answers, Questionnaire } from '../../../services/self-assessment-questionnaire';
import { errorSummary, type FieldErrors } from './forms';
import { formatDateTime } from './format';
import { html, type SafeHtml } from './html';
import { csrfField, layout, type Crumb, type ViewContext } from './layout';
import { questionnaireFields } from './round-questionnaire.view';

/** What the self-assessment form of a signed-in editor shows. */
export interface SelfAssessmentPageData {
  trail: Crumb[];
  view: SelfAssessmentView;
  etag: string;
  questionnaire: Questionnaire;
  answers: Answers;
  errors: FieldErrors;
  general: string[];
  mayWrite: boolean;
}

/** `/kommunen/{ags}/selbstauskunft`: the questionnaire in the web form, outside a round. */
export function selfAssessmentPage(ctx: ViewContext, data: SelfAssessmentPageData): SafeHtml {
  const { view } = data;
  const failed = Object.keys(data.errors).length > 0 || data.general.length > 0;
  const labels = Object.fromEntries(data.questionnaire.questions.map((q) => [q.code, q.text]));
  const older =
    view.questionnaireVersion !== null && view.questionnaireVersion !== data.questionnaire.version
      ? html`<p>Die gespeicherten Antworten stammen aus Version ${view.questionnaireVersion}; gespeichert wird in Version
${data.questionnaire.version}.</p>`
      : '';
  return layout(ctx, {
    title: `${failed ? 'Fehler: ' : ''}Selbstauskunft – ${view.municipality.name}`,
    breadcrumbs: [...data.trail, { label: 'Selbstauskunft' }],
    body: html`<h1>Selbstauskunft <span class="subtitle">${view.municipality.name}</span></h1>
${errorSummary(data.errors, labels, data.general)}
<p class="lead">Die Fragen folgen der Umfrage von KGSt und ÖFIT (2019). ${
      view.updatedAt
        ? html`Zuletzt gespeichert am ${formatDateTime(view.updatedAt)} von ${view.updatedBy ?? '–'}.`
        : 'Noch nichts gespeichert.'
    }</p>${older}
${
  data.mayWrite
    ? html`<form method="post" action="/kommunen/${view.municipality.key}/selbstauskunft" class="form" novalidate>${csrfField(ctx)}
  <input type="hidden" name="etag" value="${data.etag}">
  ${questionnaireFields(data.questionnaire, data.answers, data.errors)}
  <div class="actions"><button type="submit">Selbstauskunft speichern</button></div></form>`
    : html`<p>Sie dürfen die Selbstauskunft dieser Kommune nicht ändern.</p>`
}`,
  });
}
