// The rows of the containers list: podman's ps fields shaped for display (name, image, state,
// ports as host links, created), newest first, with the search and the state filter over them.
import type { ContainerPort, ContainerSummary } from '../../../../engine/src/contract/container-types.js';
import type { StateFilter } from './containers-ui-store.js';

import type { PortLink } from '../../components/PortLinks.js';
import { compareNames } from '../../components/compare-names.js';

export type { PortLink };

export interface ContainerRow {
  id: string;
  shortId: string;
  name: string;
  image: string;
  state: string;
  /** Running or paused: stop, not start. */
  active: boolean;
  exitCode: number;
  ports: PortLink[];
  /** Unix seconds. */
  created: number;
  /** The pod's ID, '' outside a pod. */
  pod: string;
  /** The pod's infra container (it holds the pod's namespaces). */
  isInfra: boolean;
  searchText: string;
}

/** A heading row of the list grouped by pod. */
export interface PodGroupRow {
  kind: 'pod';
  /** '' for the containers in no pod. */
  podId: string;
  podName: string;
  count: number;
}

export type ListRow = ContainerRow | PodGroupRow;

export function isGroupRow(row: ListRow): row is PodGroupRow {
  return (row as PodGroupRow).kind === 'pod';
}

/**
 * The rows grouped by pod: each pod's heading (pods by name) then its containers, the containers
 * in no pod last under their own heading. `podNames` names pods by ID (the short ID otherwise).
 */
export function groupByPod(rows: readonly ContainerRow[], podNames: ReadonlyMap<string, string>): ListRow[] {
  const groups = new Map<string, ContainerRow[]>();
  for (const row of rows) groups.set(row.pod, [...(groups.get(row.pod) ?? []), row]);
  const name = (id: string) => podNames.get(id) ?? id.slice(0, 12);
  const pods = [...groups.keys()].filter(Boolean).sort((a, b) => compareNames(name(a), name(b)));
  const out: ListRow[] = [];
  for (const podId of [...pods, ...(groups.has('') ? [''] : [])]) {
    const members = groups.get(podId)!;
    out.push({ kind: 'pod', podId, podName: podId ? name(podId) : 'Not in a pod', count: members.length });
    out.push(...members);
  }
  return out;
}

/** Published ports as links to open in a browser. */
export function portLinks(ports: readonly ContainerPort[] | null): PortLink[] {
  const links: PortLink[] = [];
  for (const p of ports ?? []) {
    const host = p.host_ip && p.host_ip !== '0.0.0.0' ? p.host_ip : 'localhost';
    for (let i = 0; i < p.range; i++) {
      const hostPort = p.host_port === 0 ? 0 : p.host_port + i;
      links.push({
        label: `${hostPort || '?'}→${p.container_port + i}/${p.protocol}`,
        url:
          p.protocol === 'tcp' && hostPort
            ? `http://${host.includes(':') ? `[${host}]` : host}:${hostPort}`
            : undefined,
      });
    }
  }
  return links;
}

/**
 * The list's rows, newest first. Containers created in the same second (`Created` is in seconds)
 * keep the engine's order reversed: the engine lists them oldest first by their exact creation
 * time (as podman ps does), and a container added since (an event) is appended at the end of the
 * cached list. No name comparison on the page-load path: a thousand rows made in a few seconds
 * tie often.
 */
export function containerRows(containers: readonly ContainerSummary[]): ContainerRow[] {
  const rows = containers.map((c): ContainerRow => {
    const name = c.Names[0] ?? c.Id.slice(0, 12);
    return {
      id: c.Id,
      shortId: c.Id.slice(0, 12),
      name,
      image: c.Image,
      state: c.State,
      active: c.State === 'running' || c.State === 'paused' || c.State === 'stopping',
      exitCode: c.ExitCode,
      ports: portLinks(c.Ports),
      created: c.Created,
      pod: c.Pod,
      isInfra: c.IsInfra,
      searchText: `${name} ${c.Image} ${c.Id}`.toLowerCase(),
    };
  });
  // Reversed first: the sort is stable, so ties stay newest first.
  return rows.reverse().sort((a, b) => b.created - a.created);
}

const FILTER_STATES: Record<Exclude<StateFilter, 'all'>, ReadonlySet<string>> = {
  running: new Set(['running']),
  paused: new Set(['paused']),
  exited: new Set(['exited', 'stopping']),
  created: new Set(['created', 'initialized']),
};

/** Rows in the chosen state whose name, image or ID contains every word of the query. */
export function filterRows(
  rows: readonly ContainerRow[],
  query: string,
  state: StateFilter,
): readonly ContainerRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0 && state === 'all') return rows;
  const states = state === 'all' ? undefined : FILTER_STATES[state];
  return rows.filter(
    (row) => (!states || states.has(row.state)) && words.every((w) => row.searchText.includes(w)),
  );
}

/** What the state column says: podman's words, with the exit code of an exited container. */
export function stateLabel(row: Pick<ContainerRow, 'state' | 'exitCode'>): string {
  return row.state === 'exited' ? `exited (${row.exitCode})` : row.state;
}
