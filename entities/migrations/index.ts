import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Leistungen1764100000000 } from './1764100000000-leistungen';
import { UsersSessions1764300000000 } from './1764300000000-users-sessions';
import { Fim1764400000000 } from './1764400000000-fim';
import { Ozg1764500000000 } from './1764500000000-ozg';
import { ResponsibilityUnits1764600000000 } from './1764600000000-responsibility-units';
import { LeistungTraits1765000000000 } from './1765000000000-leistung-traits';
import { ConnectableServices1765300000000 } from './1765300000000-connectable-services';
import { LoginThrottle1765400000000 } from './1765400000000-login-throttle';
import { SyncStates1765600000000 } from './1765600000000-sync-states';
import { OzgCatalogueFlagsHistory1765700000000 } from './1765700000000-ozg-catalogue-flags-history';
import { Surveys1765900000000 } from './1765900000000-surveys';
import { OneTimeLinks1766000000000 } from './1766000000000-one-time-links';
import { Jobs1766100000000 } from './1766100000000-jobs';
import { JobOnceKey1766200000000 } from './1766200000000-job-once-key';

/** Every migration, oldest first. New migrations are appended here. */
export const migrations = [
  InitialSchema1764000000000,
  Leistungen1764100000000,
  UsersSessions1764300000000,
  Fim1764400000000,
  Ozg1764500000000,
  ResponsibilityUnits1764600000000,
  LeistungTraits1765000000000,
  ConnectableServices1765300000000,
  LoginThrottle1765400000000,
  SyncStates1765600000000,
  OzgCatalogueFlagsHistory1765700000000,
  Surveys1765900000000,
  OneTimeLinks1766000000000,
  Jobs1766100000000,
  JobOnceKey1766200000000,
];
