/**
 * Where a record's time is read: its eventTime or, when a shipper (Logstash, Elastic) exported it without one, the
 * shipper's `@timestamp`. Such records are messy, not wrong: they still get a place in time order, on the timeline
 * and in detections.
 */

/** The field CloudTrail writes a record's time in. */
export const EVENT_TIME = 'eventTime';
/** The field shippers write their time in; read only where eventTime is absent. */
export const SHIPPER_TIME = '@timestamp';

/** The field a record's time comes from, given a reader of its top-level fields; eventTime when it has neither. */
export function timeFieldOf(read: (field: string) => unknown): string {
  return read(EVENT_TIME) === undefined && typeof read(SHIPPER_TIME) === 'string' ? SHIPPER_TIME : EVENT_TIME;
}

/** A record's time as text, or undefined when the field it comes from is not a string. */
export function timeTextOf(read: (field: string) => unknown): string | undefined {
  const value = read(timeFieldOf(read));
  return typeof value === 'string' ? value : undefined;
}
