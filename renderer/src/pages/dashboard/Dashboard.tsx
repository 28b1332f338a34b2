// Dashboard: is the engine up, which runtime and store it uses, how many objects it holds, and
// what happened lately.
import { useQuery } from '@tanstack/react-query';
import { useEngine } from '../../api/engine-context.js';
import { formatBytes } from '../../components/format-bytes.js';
import { RecentEvents } from './RecentEvents.js';

function Stat({ label, value, detail }: { label: string; value: string | number; detail?: string }) {
  return (
    <div className="stat" data-testid={`stat-${label.toLowerCase()}`}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
      {detail ? <div className="stat-detail">{detail}</div> : null}
    </div>
  );
}

export function Dashboard() {
  const engine = useEngine();
  const info = useQuery({ queryKey: ['system.info'], queryFn: () => engine.call('system.info', {}) });

  if (info.isPending) return <p className="muted">Loading engine information…</p>;
  if (info.isError) {
    return (
      <div className="error-panel" role="alert">
        <strong>Could not read the engine's state.</strong> {info.error.message}
      </div>
    );
  }
  const { host, store, version } = info.data;
  const containers = store.containerStore;
  return (
    <div className="dashboard">
      <section className="stats">
        <Stat
          label="Containers"
          value={containers.number}
          detail={`${containers.running} running · ${containers.paused} paused · ${containers.stopped} stopped`}
        />
        <Stat label="Images" value={store.imageStore.number} />
      </section>
      <section className="cards">
        <article className="card">
          <h2>Engine</h2>
          <dl>
            <dt>Berth</dt>
            <dd data-testid="engine-version">{version.Version}</dd>
            <dt>API version</dt>
            <dd>{version.APIVersion}</dd>
            <dt>OCI runtime</dt>
            <dd data-testid="oci-runtime">
              {host.ociRuntime
                ? `${host.ociRuntime.name} (${host.ociRuntime.version})`
                : 'none found: install runc or crun'}
            </dd>
            <dt>conmon</dt>
            <dd>{host.conmon ? host.conmon.version : 'not found: install conmon'}</dd>
            <dt>Mode</dt>
            <dd>{host.security.rootless ? 'rootless' : 'rootful'}</dd>
          </dl>
        </article>
        <article className="card">
          <h2>Host</h2>
          <dl>
            <dt>System</dt>
            <dd>{`${host.distribution.distribution} ${host.distribution.version}`.trim() || host.os}</dd>
            <dt>Kernel</dt>
            <dd>{host.kernel}</dd>
            <dt>CPUs</dt>
            <dd>{host.cpus}</dd>
            <dt>Memory</dt>
            <dd>{`${formatBytes(host.memFree)} free of ${formatBytes(host.memTotal)}`}</dd>
            <dt>cgroups</dt>
            <dd>{host.cgroupVersion}</dd>
          </dl>
        </article>
        <article className="card">
          <h2>Storage</h2>
          <dl>
            <dt>Driver</dt>
            <dd>{store.graphDriverName}</dd>
            <dt>Data</dt>
            <dd data-testid="graph-root">{store.graphRoot}</dd>
            <dt>Run state</dt>
            <dd>{store.runRoot}</dd>
            <dt>Volumes</dt>
            <dd>{store.volumePath}</dd>
          </dl>
        </article>
      </section>
      <RecentEvents />
    </div>
  );
}
