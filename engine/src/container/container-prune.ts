// `container prune`: removes every container that is not running (created or exited), narrowed
// by podman's prune filters: label=, label!=, until= (created before a time or duration ago).
import { parseInputTime } from '../events/event-time.js';
import type { Store } from '../state/store.js';
import { ContainerFilterError, listContainers } from './container-list.js';
import type { ContainerRecord } from './container-records.js';
import { removeContainer } from './container-remove.js';

const PRUNABLE = new Set(['created', 'exited']);

function labelMatches(labels: Record<string, string>, wanted: string): boolean {
  const eq = wanted.indexOf('=');
  if (eq < 0) return Object.hasOwn(labels, wanted);
  return labels[wanted.slice(0, eq)] === wanted.slice(eq + 1);
}

function prunePredicate(filter: string): (record: ContainerRecord) => boolean {
  const eq = filter.indexOf('=');
  if (eq < 0) throw new ContainerFilterError(`invalid filter "${filter}": use KEY=VALUE`);
  const key = filter.slice(0, eq);
  const value = filter.slice(eq + 1);
  switch (key) {
    case 'label':
      return (r) => labelMatches(r.config.labels, value);
    case 'label!':
      return (r) => !labelMatches(r.config.labels, value);
    case 'until': {
      const before = parseInputTime(value, true);
      return (r) => BigInt(Date.parse(r.createdAt)) * 1_000_000n < before;
    }
    default:
      throw new ContainerFilterError(
        `invalid filter "${key}" for container prune: use label, label! or until`,
      );
  }
}

export interface PruneReport {
  removed: string[];
  errors: Array<{ id: string; message: string }>;
}

export async function pruneContainers(store: Store, filters: readonly string[] = []): Promise<PruneReport> {
  const predicates = filters.map(prunePredicate);
  const candidates = (await listContainers(store, { all: true })).filter(
    (r) => PRUNABLE.has(r.state.status) && predicates.every((p) => p(r)),
  );
  const report: PruneReport = { removed: [], errors: [] };
  for (const record of candidates) {
    try {
      await removeContainer(store, record.id);
      report.removed.push(record.id);
    } catch (error) {
      // Started or removed by someone else meanwhile: not ours to prune any more.
      if ((error as { exitCode?: number }).exitCode === 2 || /no container/.test((error as Error).message))
        continue;
      report.errors.push({ id: record.id, message: (error as Error).message });
    }
  }
  return report;
}
