export {
  assertBusinessHours,
  type BusinessHours,
  type Holiday,
  type Interval,
  MAX_SCAN_DAYS,
  WEEKDAYS,
  type Weekday,
  type WorkingShift,
  workingIntervals,
} from './sla/business-calendar.js';
export { addBusinessTime, businessTimeBetween } from './sla/business-time.js';
export {
  evaluateTarget,
  TARGET_STATUSES,
  type TargetClock,
  type TargetState,
  type TargetStatus,
} from './sla/sla-target.js';
export { currentStatus, intervalsIn, type StatusMark } from './sla/status-clock.js';
export {
  computeTicketSla,
  DONE_STATUSES,
  isFirstResponse,
  type SlaInput,
  type SlaReply,
  type SlaTargets,
  type TicketSla,
} from './sla/ticket-sla.js';
