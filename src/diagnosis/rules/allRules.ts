// The rule sets, in the order their findings are shown: causes before symptoms.
import { abortOnOverflowResets } from './abortOnOverflowResets';
import { acceptQueueOverflow } from './acceptQueueOverflow';
import { addressFamilyAfterRun, addressFamilyPreflight } from './addressFamilyMismatch';
import { backlogBelowConcurrency } from './backlogBelowConcurrency';
import { ephemeralPortExhaustion } from './ephemeralPortExhaustion';
import { openFileLimitAfterRun, openFileLimitPreflight } from './openFileLimit';
import { overflowElsewhere } from './overflowElsewhere';
import type { PreflightRule, RunRule } from './ruleTypes';
import { resetsAfterOverflow } from './resetsAfterOverflow';
import { serverClosedUnreadData } from './serverClosedUnreadData';
import { stallsAfterConnect } from './stallsAfterConnect';
import { starvedConnections } from './starvedConnections';
import { synQueueCookies } from './synQueueCookies';
import { synQueueDrops } from './synQueueDrops';
import { synRetransmitDelays } from './synRetransmitDelays';

export const PREFLIGHT_RULES: PreflightRule[] = [addressFamilyPreflight, backlogBelowConcurrency, openFileLimitPreflight];

export const RUN_RULES: RunRule[] = [
  addressFamilyAfterRun,
  acceptQueueOverflow,
  overflowElsewhere,
  abortOnOverflowResets,
  resetsAfterOverflow,
  synQueueDrops,
  synQueueCookies,
  synRetransmitDelays,
  starvedConnections,
  stallsAfterConnect,
  serverClosedUnreadData,
  ephemeralPortExhaustion,
  openFileLimitAfterRun,
];
