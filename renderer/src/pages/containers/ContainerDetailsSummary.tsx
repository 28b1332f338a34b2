// The container at a glance: identity, state, command, image, ports, environment, mounts and
// restart policy, from `inspect` and the live list entry.
import type { ContainerInspect } from '../../../../engine/src/contract/container-types.js';
import type { ContainerRow } from './container-rows.js';
import { stateLabel } from './container-rows.js';

export function ContainerDetailsSummary({
  inspect,
  row,
}: {
  inspect: ContainerInspect;
  row: ContainerRow | undefined;
}) {
  const command = [inspect.Path, ...inspect.Args].filter(Boolean);
  const restart = inspect.HostConfig.RestartPolicy;
  return (
    <dl className="summary" data-testid="container-summary">
      <dt>Name</dt>
      <dd>{inspect.Name}</dd>
      <dt>ID</dt>
      <dd className="mono">{inspect.Id}</dd>
      <dt>State</dt>
      <dd>{row ? stateLabel(row) : inspect.State.Status}</dd>
      {inspect.State.Error ? (
        <>
          <dt>Error</dt>
          <dd className="error-text">{inspect.State.Error}</dd>
        </>
      ) : null}
      <dt>Image</dt>
      <dd>{inspect.ImageName}</dd>
      <dt>Command</dt>
      <dd className="mono">
        {command.map((w) => (/[\s'"]/.test(w) ? `'${w.replace(/'/g, `'\\''`)}'` : w)).join(' ')}
      </dd>
      <dt>Created</dt>
      <dd>{new Date(inspect.Created).toLocaleString()}</dd>
      <dt>Started</dt>
      <dd>
        {inspect.State.StartedAt.startsWith('0001')
          ? 'never'
          : new Date(inspect.State.StartedAt).toLocaleString()}
      </dd>
      <dt>Ports</dt>
      <dd>
        {row && row.ports.length > 0
          ? row.ports.map((p) =>
              p.url ? (
                <a key={p.label} className="port-link" href={p.url} target="_blank" rel="noreferrer noopener">
                  {p.label}
                </a>
              ) : (
                <span key={p.label} className="port-link">
                  {p.label}
                </span>
              ),
            )
          : 'none published'}
      </dd>
      <dt>Restart policy</dt>
      <dd>
        {restart?.Name || 'no'}
        {restart?.Name === 'on-failure' && restart.MaximumRetryCount
          ? ` (at most ${restart.MaximumRetryCount} times)`
          : ''}
      </dd>
      <dt>Environment</dt>
      <dd className="mono">
        {(inspect.Config.Env ?? []).map((e) => (
          <div key={e}>{e}</div>
        ))}
      </dd>
      <dt>Mounts</dt>
      <dd className="mono">
        {inspect.Mounts.length === 0
          ? 'none'
          : inspect.Mounts.map((m) => (
              <div key={m.Destination}>
                {m.Type === 'volume' ? `volume ${m.Name}` : m.Source} → {m.Destination}
                {m.RW ? '' : ' (read-only)'}
              </div>
            ))}
      </dd>
    </dl>
  );
}
