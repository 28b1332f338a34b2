// The rows of the pods list: podman's `pod ps` fields shaped for display (status, the member
// containers and their states, the infra container, ports as links), newest first.
import type { PodSummary } from '../../../../engine/src/contract/pod-types.js';
import { portLinks, type PortLink } from '../containers/container-rows.js';
import { compareNames } from '../../components/compare-names.js';

export interface PodMember {
  id: string;
  name: string;
  state: string;
}

export interface PodRow {
  id: string;
  shortId: string;
  name: string;
  /** podman's pod status, lower-cased: running, degraded, paused, exited, stopped, created. */
  status: string;
  /** The containers the user put in the pod (the infra container aside). */
  members: PodMember[];
  infraId: string;
  /** Some container runs or is paused: stop, not start. */
  active: boolean;
  running: number;
  paused: number;
  ports: PortLink[];
  /** Unix seconds. */
  created: number;
  searchText: string;
}

const ACTIVE = new Set(['running', 'paused', 'stopping']);

export function podRows(pods: readonly PodSummary[]): PodRow[] {
  return pods
    .map((p) => {
      const members = p.Containers.filter((c) => c.Id !== p.InfraId).map((c) => ({
        id: c.Id,
        name: c.Names,
        state: c.Status,
      }));
      return {
        id: p.Id,
        shortId: p.Id.slice(0, 12),
        name: p.Name,
        status: p.Status.toLowerCase(),
        members,
        infraId: p.InfraId,
        active: p.Containers.some((c) => ACTIVE.has(c.Status)),
        running: p.Containers.filter((c) => c.Status === 'running').length,
        paused: p.Containers.filter((c) => c.Status === 'paused').length,
        ports: portLinks(p.Ports),
        created: Date.parse(p.Created) / 1000,
        searchText: `${p.Name} ${p.Id} ${members.map((m) => m.name).join(' ')}`,
      };
    })
    .sort((a, b) => b.created - a.created || compareNames(a.name, b.name));
}

/** "2 containers: 1 running, 1 exited", or "no containers" (the infra container aside). */
export function membersText(members: readonly PodMember[]): string {
  if (members.length === 0) return 'no containers';
  const byState = new Map<string, number>();
  for (const m of members) byState.set(m.state, (byState.get(m.state) ?? 0) + 1);
  const states = [...byState].map(([state, n]) => `${n} ${state}`).join(', ');
  return `${members.length} container${members.length === 1 ? '' : 's'}: ${states}`;
}
