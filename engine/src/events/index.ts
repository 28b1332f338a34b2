// The events domain's public API: append from any process, read and follow from any other.
export { appendEvent, disableEventLog, type AppendOptions } from './append-event.js';
export { readEvents, type ReadEventsOptions, type EventTimeInput } from './read-events.js';
export { compileEventFilters, EventFilterError, type EventPredicate } from './event-filters.js';
export { eventLogPaths, DEFAULT_EVENT_LOG_MAX_BYTES } from './event-log-paths.js';
export { humanReadableEvent, eventJsonObject, eventTemplateData, engineEventFrom } from './event-report.js';
export { nowNanos, parseInputTime, InputTimeError } from './event-time.js';
export type { BerthEvent, NewEvent, EventType, EventStatus } from './event-types.js';
export { EVENT_TYPES, EVENT_STATUSES } from './event-types.js';
