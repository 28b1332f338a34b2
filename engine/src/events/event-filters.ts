// `events --filter`, as podman reads it (libpod/events/filters.go): KEY=VALUE pairs; values of
// the same key are alternatives, different keys must all match. since= and until= are accepted
// as filters too, like the --since and --until flags.
import type { BerthEvent } from './event-types.js';
import { parseInputTime } from './event-time.js';

export type EventPredicate = (event: BerthEvent) => boolean;

export class EventFilterError extends Error {
  readonly exitCode = 125;
}

const FILTER_KEYS = [
  'container',
  'event',
  'status',
  'image',
  'pod',
  'volume',
  'network',
  'type',
  'label',
  'since',
  'until',
];

function byNameOrIdPrefix(type: BerthEvent['Type'], value: string): EventPredicate {
  return (e) => e.Type === type && (e.Name === value || (e.ID ?? '').startsWith(value));
}

function labelMatch(value: string): EventPredicate {
  const eq = value.indexOf('=');
  const key = eq < 0 ? value : value.slice(0, eq);
  const wanted = eq < 0 ? undefined : value.slice(eq + 1);
  return (e) => {
    const attributes = e.Attributes ?? {};
    if (!Object.hasOwn(attributes, key)) return false;
    return wanted === undefined || attributes[key] === wanted;
  };
}

function predicateFor(key: string, value: string, now: bigint): EventPredicate {
  switch (key) {
    case 'container':
      return byNameOrIdPrefix('container', value);
    case 'image':
      return byNameOrIdPrefix('image', value);
    case 'pod':
      return byNameOrIdPrefix('pod', value);
    case 'volume':
      // podman matches volumes by name prefix, as docker does.
      return (e) => e.Type === 'volume' && (e.Name ?? '').startsWith(value);
    case 'network':
      return (e) => e.Type === 'network' && (e.Network === value || (e.ID ?? '').startsWith(value));
    case 'event':
    case 'status': {
      const status = value === 'die' ? 'died' : value; // docker's name for it
      return (e) => e.Status === status;
    }
    case 'type':
      return (e) => e.Type === value;
    case 'label':
      return labelMatch(value);
    case 'since': {
      const since = parseInputTime(value, true, now);
      return (e) => e.timeNano > since;
    }
    case 'until': {
      const until = parseInputTime(value, false, now);
      return (e) => e.timeNano < until;
    }
    default:
      throw new EventFilterError(
        `${key} is an invalid filter: use one of ${FILTER_KEYS.join(', ')} (as KEY=VALUE)`,
      );
  }
}

/** Compiles --filter values into one predicate; throws EventFilterError for a malformed one. */
export function compileEventFilters(filters: readonly string[], now?: bigint): EventPredicate {
  const byKey = new Map<string, EventPredicate[]>();
  for (const filter of filters) {
    const eq = filter.indexOf('=');
    if (eq <= 0) throw new EventFilterError(`${filter} is an invalid filter: filters are KEY=VALUE`);
    const key = filter.slice(0, eq).toLowerCase();
    const predicates = byKey.get(key) ?? [];
    predicates.push(predicateFor(key, filter.slice(eq + 1), now ?? BigInt(Date.now()) * 1_000_000n));
    byKey.set(key, predicates);
  }
  const groups = [...byKey.values()];
  return (event) => groups.every((alternatives) => alternatives.some((p) => p(event)));
}
