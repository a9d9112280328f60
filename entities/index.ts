import { ApiToken } from './api-token.entity';
import { AuditEvent } from './audit-event.entity';
import { ComponentRecord } from './component-record.entity';
import { Component } from './component.entity';
import { FimDataElement } from './fim-data-element.entity';
import { FimDataStructure } from './fim-data-structure.entity';
import { FimLeistungKey } from './fim-leistung-key.entity';
import { FimLeistung } from './fim-leistung.entity';
import { FimOnlinedienst } from './fim-onlinedienst.entity';
import { FimSchemaLeistung } from './fim-schema-leistung.entity';
import { FimZustaendigkeitGebiet } from './fim-zustaendigkeit-gebiet.entity';
import { FimZustaendigkeit } from './fim-zustaendigkeit.entity';
import { GapSnapshot } from './gap-snapshot.entity';
import { ImportRun } from './import-run.entity';
import { LeistungResponsibility } from './leistung-responsibility.entity';
import { Leistung } from './leistung.entity';
import { Offering } from './offering.entity';
import { Operator } from './operator.entity';
import { OzgLeistung } from './ozg-leistung.entity';
import { ProductSuggestion } from './product-suggestion.entity';
import { Region } from './region.entity';
import { ResponsibilityRule } from './responsibility-rule.entity';
import { UnitResponsibility } from './unit-responsibility.entity';
// Administrative units and editable responsibility (issue 10).
import { CityStatus } from './city-status.entity';
import { CompleteZustaendigkeit } from './complete-zustaendigkeit.entity';
import { TaskDelegationRule } from './task-delegation-rule.entity';
// Leistungsmerkmale: online relevance, fee, Vertrauensniveau (issue 11).
import { LeistungTrait } from './leistung-trait.entity';
// Connectable services and municipalities' connections ("Connect, don't build").
import { ConnectableService } from './connectable-service.entity';
import { ServiceConnection } from './service-connection.entity';
// Web interface (issue 6): users, sessions, confirmations, generated secrets.
import { AppSecret } from './app-secret.entity';
import { InventoryConfirmation } from './inventory-confirmation.entity';
import { Session } from './session.entity';
import { User } from './user.entity';
// Sign-in throttling shared by all instances (issue 12).
import { LoginThrottle } from './login-throttle.entity';
// Setup and invitation links (issue 14).
import { OneTimeLink } from './one-time-link.entity';
// Synchronisation with public sources (issue 13).
import { SyncState } from './sync-state.entity';
// Catalogue history and Fokus/EfA flags (issue 13).
import { OzgCatalogueChange } from './ozg-catalogue-change.entity';
// Self-assessments and survey rounds (issue 17).
import { SelfAssessment } from './self-assessment.entity';
import { SurveyRound } from './survey-round.entity';
import { SurveyRoundMember } from './survey-round-member.entity';
// Persisted background jobs (issue 15).
import { Job } from './job.entity';

export {
  ApiToken,
  AuditEvent,
  Component,
  ComponentRecord,
  FimDataElement,
  FimDataStructure,
  FimLeistung,
  FimLeistungKey,
  FimOnlinedienst,
  FimSchemaLeistung,
  FimZustaendigkeit,
  FimZustaendigkeitGebiet,
  GapSnapshot,
  ImportRun,
  Leistung,
  LeistungResponsibility,
  Offering,
  Operator,
  OzgLeistung,
  ProductSuggestion,
  Region,
  ResponsibilityRule,
  UnitResponsibility,
  CityStatus,
  CompleteZustaendigkeit,
  TaskDelegationRule,
  LeistungTrait,
  ConnectableService,
  ServiceConnection,
  AppSecret,
  InventoryConfirmation,
  Session,
  User,
  LoginThrottle,
  OneTimeLink,
  SyncState,
  OzgCatalogueChange,
  SelfAssessment,
  SurveyRound,
  SurveyRoundMember,
  Job,
};

/** Every entity, for the data source. */
export const entities = [
  ApiToken,
  AuditEvent,
  Component,
  ComponentRecord,
  FimDataElement,
  FimDataStructure,
  FimLeistung,
  FimLeistungKey,
  FimOnlinedienst,
  FimSchemaLeistung,
  FimZustaendigkeit,
  FimZustaendigkeitGebiet,
  GapSnapshot,
  ImportRun,
  Leistung,
  LeistungResponsibility,
  Offering,
  Operator,
  OzgLeistung,
  ProductSuggestion,
  Region,
  ResponsibilityRule,
  UnitResponsibility,
  CityStatus,
  CompleteZustaendigkeit,
  TaskDelegationRule,
  LeistungTrait,
  ConnectableService,
  ServiceConnection,
  AppSecret,
  InventoryConfirmation,
  Session,
  User,
  LoginThrottle,
  OneTimeLink,
  SyncState,
  OzgCatalogueChange,
  SelfAssessment,
  SurveyRound,
  SurveyRoundMember,
  Job,
];
