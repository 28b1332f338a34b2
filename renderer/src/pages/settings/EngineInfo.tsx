// What the engine is and where it keeps things: version, runtime, and the store's paths.
import { useQuery } from '@tanstack/react-query';
import { useEngine } from '../../api/engine-context.js';

function Row({ label, value }: { label: string; value: string | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="mono">{value || '—'}</dd>
    </>
  );
}

export function EngineInfo() {
  const engine = useEngine();
  // The dashboard's key: one read serves both, and events refresh it the same way.
  const info = useQuery({ queryKey: ['system.info'], queryFn: () => engine.call('system.info', {}) });
  return (
    <section className="settings-section" aria-labelledby="settings-engine">
      <h2 id="settings-engine">Engine</h2>
      {info.isError ? (
        <div className="error-panel" role="alert">
          <strong>Could not read the engine’s information.</strong> {info.error.message}
        </div>
      ) : info.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <dl className="key-values" aria-label="Engine information">
          <Row label="Version" value={info.data.version.Version} />
          <Row label="API version" value={info.data.version.APIVersion} />
          <Row label="Built" value={info.data.version.Built} />
          <Row label="OS / architecture" value={info.data.version.OsArch} />
          <Row
            label="OCI runtime"
            value={
              info.data.host.ociRuntime
                ? `${info.data.host.ociRuntime.name ?? ''} ${info.data.host.ociRuntime.path}`.trim()
                : undefined
            }
          />
          <Row label="Rootless" value={info.data.host.security.rootless ? 'yes' : 'no'} />
          <Row label="Storage driver" value={info.data.store.graphDriverName} />
          <Row label="Image and container store" value={info.data.store.graphRoot} />
          <Row label="Run root" value={info.data.store.runRoot} />
          <Row label="Volumes" value={info.data.store.volumePath} />
          <Row label="Configuration file" value={info.data.store.configFile} />
        </dl>
      )}
    </section>
  );
}
