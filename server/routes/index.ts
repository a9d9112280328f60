import type { AnyRouteSpec } from '../http/route';
import { componentRoutes } from './components.routes';
import { healthRoutes } from './health.routes';
import { municipalityRoutes } from './municipalities.routes';
import { operatorRoutes } from './operators.routes';
import { regionRoutes } from './regions.routes';

/** Every route of the service; the router and the OpenAPI document are built from this list. */
export const allRoutes: AnyRouteSpec[] = [
  ...healthRoutes,
  ...componentRoutes,
  ...regionRoutes,
  ...municipalityRoutes,
  ...operatorRoutes,
];
