import type { AnyRouteSpec } from '../http/route';
import { componentRoutes } from './components.routes';
import { connectionRoutes } from './connections.routes';
import { gapReportRoutes } from './gap-reports.routes';
import { healthRoutes } from './health.routes';
import { importRoutes } from './imports.routes';
import { leistungRoutes } from './leistungen.routes';
import { municipalityRoutes } from './municipalities.routes';
import { offeringRoutes } from './offerings.routes';
import { operatorRoutes } from './operators.routes';
import { ozgImportRoutes } from './ozg-imports.routes';
import { regionSuccessorRoutes } from './region-successor.routes';
import { regionRoutes } from './regions.routes';
import { reportRoutes } from './reports.routes';
import { responsibilityRuleRoutes } from './responsibility-rules.routes';
import { roundLinkRoutes } from './rounds-links.routes';
import { roundRoutes } from './rounds.routes';
import { selfAssessmentRoutes } from './self-assessment.routes';

/** Every route of the service; the router and the OpenAPI document are built from this list. */
export const allRoutes: AnyRouteSpec[] = [
  ...healthRoutes,
  ...componentRoutes,
  ...regionRoutes,
  ...regionSuccessorRoutes,
  ...municipalityRoutes,
  ...connectionRoutes,
  ...operatorRoutes,
  ...reportRoutes,
  ...gapReportRoutes,
  ...importRoutes,
  ...leistungRoutes,
  ...offeringRoutes,
  ...ozgImportRoutes,
  ...responsibilityRuleRoutes,
  ...selfAssessmentRoutes,
  ...roundRoutes,
  ...roundLinkRoutes,
];
