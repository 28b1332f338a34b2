// `volume ls --filter` and `volume prune --filter`, as podman reads them
// (pkg/domain/filters/volumes.go): values of one key are alternatives (label: all must match),
// different keys must all match.
import { parseInputTime, parseRfc3339 } from '../events/event-time.js';
import type { StateDatabase } from '../state/state-database.js';
import { VolumeError } from './volume-errors.js';
import { lookupVolume } from './volume-lookup.js';
import type { VolumeRecord } from './volume-records.js';
import { volumeUsageHooks } from './volume-users.js';

export type VolumePredicate = (volume: VolumeRecord) => boolean;

const LIST_KEYS = [
  'after',
  'since',
  'name',
  'driver',
  'scope',
  'label',
  'label!',
  'opt',
  'until',
  'dangling',
  'anonymous',
];
const PRUNE_KEYS = ['after', 'since', 'anonymous', 'label', 'label!', 'until', 'all'];

function createdNanos(volume: VolumeRecord): bigint {
  return parseRfc3339(volume.createdAt) ?? 0n;
}

function labelMatches(filter: string, labels: Record<string, string>): boolean {
  const eq = filter.indexOf('=');
  const key = eq < 0 ? filter : filter.slice(0, eq);
  if (!Object.hasOwn(labels, key)) return false;
  return eq < 0 || labels[key] === filter.slice(eq + 1);
}

function booleanValues(key: string, values: string[]): boolean[] {
  return values.map((value) => {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    throw new VolumeError(
      `${JSON.stringify(value)} is not a valid value for the "${key}" filter - must be true or false`,
    );
  });
}

function predicateFor(db: StateDatabase, key: string, values: string[]): VolumePredicate {
  switch (key) {
    case 'name': {
      const patterns = values.map((v) => {
        try {
          return new RegExp(v);
        } catch {
          throw new VolumeError(`invalid name filter ${JSON.stringify(v)}: not a regular expression`);
        }
      });
      return (v) => patterns.some((p) => p.test(v.name));
    }
    case 'driver':
      return (v) => values.includes(v.driver);
    case 'scope':
      return () => values.includes('local');
    case 'label':
      return (v) => values.every((f) => labelMatches(f, v.labels));
    case 'label!':
      return (v) => !values.some((f) => labelMatches(f, v.labels));
    case 'opt':
      return (v) =>
        values.some((f) => {
          const eq = f.indexOf('=');
          const optKey = eq < 0 ? f : f.slice(0, eq);
          return (
            Object.hasOwn(v.options, optKey) &&
            (eq < 0 || f.slice(eq + 1) === '' || v.options[optKey] === f.slice(eq + 1))
          );
        });
    case 'until': {
      const until = values.map((value) => parseInputTime(value, true)).reduce((a, b) => (a > b ? a : b));
      return (v) => createdNanos(v) < until;
    }
    case 'after':
    case 'since': {
      const times = values.map((value) => {
        const reference = lookupVolume(db, value);
        if (!reference) throw new VolumeError(`no volume with name "${value}" found for the ${key} filter`);
        return createdNanos(reference);
      });
      const earliest = times.reduce((a, b) => (a < b ? a : b));
      return (v) => createdNanos(v) > earliest;
    }
    case 'dangling': {
      const wanted = booleanValues(key, values);
      return (v) => {
        const dangling = volumeUsageHooks().containersUsingVolume(db, v.name).length === 0;
        return wanted.some((w) => w === dangling);
      };
    }
    case 'anonymous': {
      const wanted = booleanValues(key, values);
      return (v) => wanted.some((w) => w === v.anonymous);
    }
    case 'all':
      booleanValues(key, values);
      return () => true;
    default:
      throw new VolumeError(`${JSON.stringify(key)} is an invalid volume filter`);
  }
}

function compile(db: StateDatabase, filters: readonly string[], allowed: string[]): VolumePredicate {
  const byKey = new Map<string, string[]>();
  for (const filter of filters) {
    const eq = filter.indexOf('=');
    if (eq <= 0) throw new VolumeError(`invalid filter ${JSON.stringify(filter)}: filters are KEY=VALUE`);
    const key = filter.slice(0, eq);
    if (!allowed.includes(key)) throw new VolumeError(`${JSON.stringify(key)} is an invalid volume filter`);
    byKey.set(key, [...(byKey.get(key) ?? []), filter.slice(eq + 1)]);
  }
  const predicates = [...byKey.entries()].map(([key, values]) => predicateFor(db, key, values));
  return (volume) => predicates.every((p) => p(volume));
}

export function volumeListFilter(db: StateDatabase, filters: readonly string[]): VolumePredicate {
  return compile(db, filters, LIST_KEYS);
}

/** Prune filters; `all=true` among them means --all. */
export function volumePruneFilter(
  db: StateDatabase,
  filters: readonly string[],
): { filter: VolumePredicate; all: boolean } {
  const all = filters.some((f) => /^all=(true|1)$/i.test(f));
  return { filter: compile(db, filters, PRUNE_KEYS), all };
}
