export { type Asset, AssetEntity, type AssetRecord } from './entities/asset.js';
export {
  type BusinessCalendar,
  BusinessCalendarEntity,
  type BusinessCalendarRecord,
} from './entities/business-calendar.js';
export {
  ESCALATION_TARGETS,
  ESCALATION_TRIGGERS,
  type EscalationActions,
  type EscalationFiring,
  EscalationFiringEntity,
  type EscalationRule,
  EscalationRuleEntity,
  type EscalationRuleRecord,
  type EscalationTarget,
  type EscalationTrigger,
} from './entities/escalation-rule.js';
export {
  type SlaMatch,
  type SlaPolicy,
  SlaPolicyEntity,
  type SlaPolicyRecord,
} from './entities/sla-policy.js';
export { type Team, TeamEntity, type TeamRecord } from './entities/team.js';
export { COMPUTED_TICKET_FIELDS, type Ticket, TicketEntity, type TicketRecord } from './entities/ticket.js';
export {
  type AttachmentMeta,
  type TicketReply,
  TicketReplyEntity,
  type TicketReplyRecord,
} from './entities/ticket-reply.js';
export {
  type TicketStatusChange,
  TicketStatusChangeEntity,
  type TicketStatusChangeRecord,
} from './entities/ticket-status-change.js';
export { raisedPriority, type SlaMoveEvent } from './escalation/escalate.js';
export { NO_UPDATE_EVENT, type NoUpdateEvent, QUIET_STATUSES } from './escalation/no-update.js';
export { MESSAGE_RECEIVED_EVENT, quotedReference, type ReceivedMessage } from './inbound/thread-inbound.js';
export {
  NOTIFICATION_KINDS,
  type NotificationKind,
  ticketTemplates,
} from './notifications/ticket-templates.js';
export type { TicketsInput, TicketsOptions } from './options.js';
export { TICKETS_PLUGIN_ID } from './plugin-id.js';
export { PROGRESS_PURPOSE, type ProgressLink, progressPath } from './progress/progress-links.js';
export { type ProgressOutlook, progressOutlook } from './progress/progress-view.js';
export { MAX_QUEUE, QUEUE_STATUSES, type QueueEntry } from './queue/agent-queue.js';
export { TICKETS, type TicketsService } from './service.js';
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
export { type MatchSubject, matchPolicy } from './sla/match-policy.js';
export type { SlaRunReport } from './sla/sla-job.js';
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
export { STATS_DIMENSIONS, type StatsGroup, type TicketStats } from './stats/ticket-stats.js';
export { TICKET_TRANSITIONS, transitionProblem } from './tickets/status-machine.js';
export { type TicketsPluginFactory, tickets } from './tickets-plugin.js';
export * from './vocabulary.js';
