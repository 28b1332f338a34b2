// Live CPU and memory of a running container: a sample every two seconds from the
// `containers.stats` stream (open only while this tab shows), the last two minutes as charts.
import { useEffect, useState } from 'react';
import type { ContainerStatsSample } from '../../../../engine/src/contract/container-types.js';
import { useEngine } from '../../api/engine-context.js';
import { formatBytes } from '../../components/format-bytes.js';

const HISTORY = 60;

function Sparkline({ values, max, label }: { values: readonly number[]; max: number; label: string }) {
  const width = 300;
  const height = 60;
  const top = Math.max(max, 1e-9);
  const points = values
    .map(
      (v, i) =>
        `${((i / Math.max(HISTORY - 1, 1)) * width).toFixed(1)},${(height - (v / top) * height).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="none"
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

export function ContainerDetailsStats({ containerId, running }: { containerId: string; running: boolean }) {
  const engine = useEngine();
  const [samples, setSamples] = useState<ContainerStatsSample[]>([]);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    setError(undefined);
    void (async () => {
      try {
        const stream = engine.stream(
          'containers.stats',
          { container: containerId, intervalMs: 2000 },
          { signal: controller.signal },
        );
        for await (const sample of stream) setSamples((list) => [...list.slice(-(HISTORY - 1)), sample]);
      } catch (e) {
        if (!controller.signal.aborted) setError((e as Error).message);
      }
    })();
    return () => controller.abort();
  }, [engine, containerId, running]);

  if (!running)
    return <p className="muted">The container is not running: start it to see its resource use.</p>;
  if (error)
    return (
      <div className="error-panel" role="alert">
        <strong>Could not read the container’s stats.</strong> {error}
      </div>
    );
  const last = samples.at(-1);
  if (!last) return <p className="muted">Reading stats…</p>;
  const cpu = samples.map((s) => s.cpuPercent);
  const memory = samples.map((s) => s.memUsage);
  return (
    <div className="stats-panel">
      <section className="stats">
        <div className="stat" data-testid="stats-cpu">
          <div className="stat-value">{last.cpuPercent.toFixed(2)}%</div>
          <div className="stat-label">CPU</div>
          <Sparkline values={cpu} max={Math.max(...cpu, 1)} label="CPU over time" />
        </div>
        <div className="stat" data-testid="stats-memory">
          <div className="stat-value">{formatBytes(last.memUsage)}</div>
          <div className="stat-label">
            Memory of {formatBytes(last.memLimit)} ({last.memPercent.toFixed(2)}%)
          </div>
          <Sparkline values={memory} max={Math.max(...memory, 1)} label="Memory over time" />
        </div>
      </section>
      <dl className="summary">
        <dt>Processes</dt>
        <dd>{last.pids}</dd>
        <dt>Network in / out</dt>
        <dd>
          {formatBytes(last.netInput)} / {formatBytes(last.netOutput)}
        </dd>
        <dt>Block in / out</dt>
        <dd>
          {formatBytes(last.blockInput)} / {formatBytes(last.blockOutput)}
        </dd>
        <dt>Average CPU</dt>
        <dd>{last.avgCpuPercent.toFixed(2)}%</dd>
      </dl>
    </div>
  );
}
