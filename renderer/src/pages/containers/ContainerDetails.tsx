// One container: its actions, and tabs Summary, Logs, Inspect, Terminal, Attach, Stats and Kube. The
// Terminal and Attach tabs stay mounted once opened, so their sessions survive switching tabs;
// leaving the container's page ends them. State comes from the live list (events), details
// from `inspect` (re-read when an event says the container changed).
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { containerKeys, useContainerList } from '../../api/container-cache.js';
import { useEngine } from '../../api/engine-context.js';
import { DetailsTabs } from '../../components/DetailsTabs.js';
import { detailsFallback } from '../../components/DetailsFallback.js';
import { ActionErrorPanel } from '../../components/ErrorText.js';
import { KubeYamlView } from '../../components/KubeYamlView.js';
import { DetailsHeader } from '../../components/DetailsHeader.js';
import { useUiStore } from '../../stores/ui-store.js';
import { containerRows } from './container-rows.js';
import { ContainerDetailsInspect } from './ContainerDetailsInspect.js';
import { ContainerDetailsLogs } from './ContainerDetailsLogs.js';
import { ContainerDetailsStats } from './ContainerDetailsStats.js';
import { ContainerDetailsSummary } from './ContainerDetailsSummary.js';
import { ContainerRowActions } from './ContainerRowActions.js';
import { useContainersUiStore } from './containers-ui-store.js';

// xterm.js is loaded when a terminal is first opened, not with the app.
const ContainerDetailsTerminal = lazy(() =>
  import('./ContainerDetailsTerminal.js').then((m) => ({ default: m.ContainerDetailsTerminal })),
);

const TABS = ['Summary', 'Logs', 'Inspect', 'Terminal', 'Attach', 'Stats', 'Kube'] as const;
type Tab = (typeof TABS)[number];
/** Tabs whose panel stays mounted (hidden) once opened. */
const KEPT: ReadonlySet<Tab> = new Set(['Terminal', 'Attach']);

function isTab(value: string | undefined): value is Tab {
  return TABS.includes(value as Tab);
}

export function ContainerDetails({ containerId, initialTab }: { containerId: string; initialTab?: string }) {
  const engine = useEngine();
  const navigate = useUiStore((s) => s.navigate);
  const [actionError, setActionError] = useContainersUiStore(
    useShallow((s) => [s.actionError, s.setActionError] as const),
  );
  const [tab, setTab] = useState<Tab>(isTab(initialTab) ? initialTab : 'Summary');
  const terminalsOpened = useRef(new Set<Tab>());
  const [kept, setKept] = useState<ReadonlySet<Tab>>(() => new Set(KEPT.has(tab) ? [tab] : []));
  const list = useContainerList();
  const row = useMemo(
    () => containerRows((list.data ?? []).filter((c) => c.Id === containerId))[0],
    [list.data, containerId],
  );
  const inspect = useQuery({
    queryKey: containerKeys.inspect(containerId),
    queryFn: () => engine.call('containers.inspect', { container: containerId }),
    staleTime: Infinity,
  });
  const gone = list.isSuccess && !row;
  const running = row?.state === 'running';
  const title = row?.name ?? inspect.data?.Name ?? containerId.slice(0, 12);
  const choose = (next: Tab) => {
    setTab(next);
    if (KEPT.has(next) && !kept.has(next)) setKept(new Set([...kept, next]));
  };

  const panel = (t: Tab) => {
    if (t === 'Logs') return <ContainerDetailsLogs containerId={containerId} running={running} />;
    if (t === 'Stats') return <ContainerDetailsStats containerId={containerId} running={running} />;
    if (t === 'Kube') {
      // kube generate takes a pod's members only through their pod (podman's rule).
      const pod = row?.pod || undefined;
      return (
        <KubeYamlView
          name={pod ?? containerId}
          fileName={`${pod ? pod.slice(0, 12) : title}.yaml`}
          note={pod ? 'This container belongs to a pod: the YAML describes the whole pod.' : undefined}
        />
      );
    }
    if (t === 'Terminal' || t === 'Attach') {
      // A session opened while the container ran stays (it shows how it ended); none opens on a
      // container that is not running.
      if (!running && !terminalsOpened.current.has(t))
        return <p className="muted">Start the container to open a terminal.</p>;
      terminalsOpened.current.add(t);
      return (
        <Suspense fallback={<p className="muted">Loading the terminal…</p>}>
          <ContainerDetailsTerminal
            containerId={containerId}
            streamName={t === 'Terminal' ? 'containers.terminal' : 'containers.attach'}
            active={tab === t}
          />
        </Suspense>
      );
    }
    if (inspect.isError)
      return (
        <div className="error-panel" role="alert">
          <strong>Could not read container {containerId.slice(0, 12)}.</strong> {inspect.error.message}
        </div>
      );
    if (inspect.isPending) return <p className="muted">Loading…</p>;
    return t === 'Summary' ? (
      <ContainerDetailsSummary inspect={inspect.data} row={row} />
    ) : (
      <ContainerDetailsInspect inspect={inspect.data} />
    );
  };

  return (
    <div className="details-page">
      <DetailsHeader
        backLabel="Containers"
        onBack={() => navigate({ page: 'containers' })}
        title={title}
        state={row?.state}
        stateTestId="container-state"
      >
        {row ? <ContainerRowActions row={row} withNavigation={false} /> : null}
      </DetailsHeader>
      <ActionErrorPanel message={actionError} onDismiss={() => setActionError(undefined)} />
      {detailsFallback({ kind: 'container', gone }) ?? (
        <>
          <DetailsTabs<Tab>
            label="Container details"
            idPrefix="container"
            tabs={TABS}
            current={tab}
            onChoose={choose}
            panel={panel}
            kept={kept}
          />
        </>
      )}
    </div>
  );
}
