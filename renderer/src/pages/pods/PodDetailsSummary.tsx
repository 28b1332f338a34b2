// A pod's summary: identity, status, shared namespaces, published ports, labels, and its
// containers with their states, each linking to the container's details.
import type { PodInspect } from '../../../../engine/src/contract/pod-types.js';
import { useUiStore } from '../../stores/ui-store.js';
import type { PodRow } from './pod-rows.js';

export function PodDetailsSummary({ inspect, row }: { inspect: PodInspect; row: PodRow | undefined }) {
  const navigate = useUiStore((s) => s.navigate);
  const labels = Object.entries(inspect.Labels ?? {});
  return (
    <div data-testid="pod-summary">
      <dl className="summary">
        <dt>ID</dt>
        <dd className="mono">{inspect.Id}</dd>
        <dt>Status</dt>
        <dd>{row?.status ?? inspect.State}</dd>
        <dt>Created</dt>
        <dd>{new Date(inspect.Created).toLocaleString()}</dd>
        <dt>Hostname</dt>
        <dd>{inspect.Hostname}</dd>
        <dt>Infra container</dt>
        <dd className="mono">{inspect.InfraContainerID ? inspect.InfraContainerID.slice(0, 12) : 'none'}</dd>
        <dt>Shared namespaces</dt>
        <dd>{inspect.SharedNamespaces.join(', ') || 'none'}</dd>
        <dt>Ports</dt>
        <dd>{row && row.ports.length > 0 ? row.ports.map((p) => p.label).join(', ') : 'none'}</dd>
        <dt>Labels</dt>
        <dd>{labels.length > 0 ? labels.map(([k, v]) => `${k}=${v}`).join(', ') : 'none'}</dd>
      </dl>
      <h3>Containers</h3>
      <table className="simple-table" aria-label="Pod containers">
        <thead>
          <tr>
            <th>Name</th>
            <th>ID</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {inspect.Containers.map((c) => (
            <tr key={c.Id}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => navigate({ page: 'containers', containerId: c.Id })}
                >
                  {c.Name}
                </button>
                {c.Id === inspect.InfraContainerID ? <span className="muted"> (infra)</span> : null}
              </td>
              <td className="mono">{c.Id.slice(0, 12)}</td>
              <td>
                <span className={`state-badge state-${c.State}`}>{c.State}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
