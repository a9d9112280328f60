/**
 * Type-level checks, nothing that runs: services keep their own input and view types (they
 * cannot import the API's schemas, imports flow server → services), so the type derived from a
 * route's schema must be that same type. A schema or a service interface that drifts — a field
 * added, made optional, given another type — fails `tsc`, not a request.
 *
 * Inputs: `Assert<SameType<derived from the schema, the service's type>>`, or `Fits` where the
 * service deliberately accepts more than the API sends. Views: the service's view `Fits` the
 * response schema (tests also check every response against its schema at run time).
 */
import type {
  ConnectableServiceView,
  ConnectionInput,
  ConnectionView,
  MunicipalityConnectionsView,
} from '../../services/connectable-services';
import type { LandscapeItemInput, RecordInput } from '../../services/inventory.service';
import type { TraitInput, TraitView } from '../../services/leistung-trait-input';
import type { LeistungQuery } from '../../services/leistung.service';
import type { OfferingInput, OfferingListView, OfferingView } from '../../services/offering.service';
import type { OperatorInput, OperatorQuery, OperatorView } from '../../services/operator.service';
import type { RegionQuery, RegionView } from '../../services/region.service';
import type { DelegationInput, DelegationView, RuleInput, RuleView } from '../../services/responsibility-rule-input';
import type { ConflictResolutions } from '../../services/region-successor-plan';
import type { SuccessorMode } from '../../services/region-successor-transfer';
import type { OpenRoundInput } from '../../services/rounds.service';
import type { Assert, Fits, HandlerInput, SameType, Validated } from '../http/schema-types';
import type { regionSchema } from './common.schemas';
import type { putConnectionRoute } from './connections.routes';
import type { connectableServiceSchema, connectionSchema, municipalityConnectionsSchema } from './connections.schemas';
import type { listLeistungenRoute } from './leistungen.routes';
import type { putLandscapeRoute, putRecordRoute } from './municipalities.routes';
import type { putOfferingRoute } from './offerings.routes';
import type { offeringListSchema, offeringSchema } from './offerings.schemas';
import type { createOperatorRoute, listOperatorsRoute, patchOperatorRoute } from './operators.routes';
import type { operatorSchema } from './operators.schemas';
import type { mapSuccessorRoute } from './region-successor.routes';
import type { listRegionsRoute } from './regions.routes';
import type { putDelegationRoute, putRuleRoute, putTraitRoute } from './responsibility-rules.routes';
import type { delegationSchema, ruleSchema, traitSchema } from './responsibility-rules.schemas';
import type { openRoundRoute } from './rounds.routes';

type Body<R extends { handler: (ctx: never) => unknown }> = HandlerInput<R>['body'];
type Query<R extends { handler: (ctx: never) => unknown }> = HandlerInput<R>['query'];
type Fields<T> = keyof T & string;

/** Connections: `PUT /api/municipalities/{ags}/connections/{service}`. */
export type ConnectionInputChecks = Assert<SameType<Body<typeof putConnectionRoute>, ConnectionInput>>;

/** Leistungen: `GET /api/leistungen`. */
export type LeistungQueryChecks = Assert<SameType<Query<typeof listLeistungenRoute>, LeistungQuery>>;

/** Component records: `PUT …/components/{code}` and the landscape `PUT …/components`. */
export type RecordInputChecks = [
  Assert<SameType<Body<typeof putRecordRoute>, RecordInput>>,
  Assert<SameType<Body<typeof putLandscapeRoute>['components'][number], LandscapeItemInput>>,
];

/** Manual offerings: `PUT /api/municipalities/{ags}/offerings/{schluessel}` (the service also takes null maturity parts). */
export type OfferingInputChecks = Assert<Fits<Body<typeof putOfferingRoute>, OfferingInput>>;

/** Operators: list, create, patch. */
export type OperatorInputChecks = [
  Assert<SameType<Query<typeof listOperatorsRoute>, OperatorQuery>>,
  Assert<SameType<Body<typeof createOperatorRoute>, OperatorInput>>,
  Assert<SameType<Body<typeof patchOperatorRoute>, Partial<OperatorInput>>>,
];

/** Regions: `GET /api/regions` (`includeRetired` has a default in the schema, optional for the service). */
export type RegionQueryChecks = Assert<Fits<Query<typeof listRegionsRoute>, RegionQuery>>;

/** Successor mapping: `POST /api/regions/{key}/successor`. */
export type SuccessorInputChecks = [
  Assert<SameType<Body<typeof mapSuccessorRoute>['mode'], SuccessorMode>>,
  Assert<Fits<Body<typeof mapSuccessorRoute>['resolutions'], ConflictResolutions>>,
];

/** Rounds: `POST /api/rounds`. */
export type OpenRoundInputChecks = Assert<SameType<Body<typeof openRoundRoute>, OpenRoundInput>>;

/**
 * Responsibility rules, Aufgabenübertragung, Leistungsmerkmale: the handlers fill in what a
 * body leaves out (`''`, null), so every field of the schema, made required, is the service's.
 */
export type ResponsibilityInputChecks = [
  Assert<Fits<Required<Body<typeof putRuleRoute>>, RuleInput>>,
  Assert<Fits<Required<Body<typeof putDelegationRoute>>, DelegationInput>>,
  Assert<Fits<Required<Body<typeof putTraitRoute>>, TraitInput>>,
];

/** Views the API sends, against their response schemas. */
export type ViewChecks = [
  Assert<Fits<OperatorView, Validated<typeof operatorSchema>>>,
  Assert<Fits<RegionView, Validated<typeof regionSchema>>>,
  Assert<Fits<ConnectableServiceView, Validated<typeof connectableServiceSchema>>>,
  Assert<Fits<ConnectionView, Validated<typeof connectionSchema>>>,
  Assert<Fits<MunicipalityConnectionsView, Validated<typeof municipalityConnectionsSchema>>>,
  Assert<Fits<OfferingView, Validated<typeof offeringSchema>>>,
  Assert<Fits<OfferingListView, Validated<typeof offeringListSchema>>>,
];

/**
 * Rule views type their coded fields (`taskGroup`, `unitType` …) as plain strings, the schemas
 * as enums, so only their fields are compared: none may be missing on either side.
 */
export type RuleViewFieldChecks = [
  Assert<SameType<Fields<RuleView>, Fields<Validated<typeof ruleSchema>>>>,
  Assert<SameType<Fields<DelegationView>, Fields<Validated<typeof delegationSchema>>>>,
  Assert<SameType<Fields<TraitView>, Fields<Validated<typeof traitSchema>>>>,
];
