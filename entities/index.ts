import { ApiToken } from './api-token.entity';
import { AuditEvent } from './audit-event.entity';
import { ComponentRecord } from './component-record.entity';
import { Component } from './component.entity';
import { ImportRun } from './import-run.entity';
import { LeistungFimId } from './leistung-fim-id.entity';
import { Leistung } from './leistung.entity';
import { Operator } from './operator.entity';
import { OzgLeistung } from './ozg-leistung.entity';
import { ProductSuggestion } from './product-suggestion.entity';
import { Region } from './region.entity';
// Web interface (issue 6): users, sessions, confirmations, generated secrets.
import { AppSecret } from './app-secret.entity';
import { InventoryConfirmation } from './inventory-confirmation.entity';
import { Session } from './session.entity';
import { User } from './user.entity';

export {
  ApiToken,
  AuditEvent,
  Component,
  ComponentRecord,
  ImportRun,
  Leistung,
  LeistungFimId,
  Operator,
  OzgLeistung,
  ProductSuggestion,
  Region,
  AppSecret,
  InventoryConfirmation,
  Session,
  User,
};

/** Every entity, for the data source. */
export const entities = [
  ApiToken,
  AuditEvent,
  Component,
  ComponentRecord,
  ImportRun,
  Leistung,
  LeistungFimId,
  Operator,
  OzgLeistung,
  ProductSuggestion,
  Region,
  AppSecret,
  InventoryConfirmation,
  Session,
  User,
];
