// One pod: its actions, and tabs Summary (its containers, linking to their details), Logs (its
// containers' logs merged), Inspect (podman's JSON) and Kube (its generated YAML). State comes from the live pods list;
// inspect is re-read when an event says the pod changed.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEngine } from '../../api/engine-context.js';
import { podKeys, usePodList } from '../../api/pod-cache.js';
import { DetailsTabs } from '../../components/DetailsTabs.js';
import { detailsFallback } from '../../components/DetailsFallback.js';
import { ActionErrorPanel } from '../../components/ErrorText.js';
import { JsonView } from '../../components/JsonView.js';
import { KubeYamlView } from '../../components/KubeYamlView.js';
import { DetailsHeader } from '../../components/DetailsHeader.js';
import { useUiStore } from '../../stores/ui-store.js';
import { podRows } from './pod-rows.js';
import { PodDetailsLogs } from './PodDetailsLogs.js';
import { PodDetailsSummary } from './PodDetailsSummary.js';
import { PodRowActions } from './PodRowActions.js';
import { usePodsUiStore } from './pods-ui-store.js';

const TABS = ['Summary', 'Logs', 'Inspect', 'Kube'] as const;
type Tab = (typeof TABS)[number];

export function PodDetails({ podId, initialTab }: { podId: string; initialTab?: string }) {
  const engine = useEngine();
  const navigate = useUiStore((s) => s.navigate);
  const [actionError, setActionError] = usePodsUiStore(
    useShallow((s) => [s.actionError, s.setActionError] as const),
  );
  const [tab, setTab] = useState<Tab>(TABS.includes(initialTab as Tab) ? (initialTab as Tab) : 'Summary');
  const list = usePodList();
  const row = useMemo(() => podRows((list.data ?? []).filter((p) => p.Id === podId))[0], [list.data, podId]);
  const inspect = useQuery({
    queryKey: podKeys.inspect(podId),
    queryFn: () => engine.call('pods.inspect', { pod: podId }),
    staleTime: Infinity,
  });
  const gone = list.isSuccess && !row;
  const members = useMemo(() => row?.members ?? [], [row]);

  const panel = (t: Tab) => {
    if (t === 'Logs') return <PodDetailsLogs podId={podId} members={members} active={row?.active ?? false} />;
    if (t === 'Kube')
      return <KubeYamlView name={podId} fileName={`${row?.name ?? podId.slice(0, 12)}.yaml`} />;
    if (inspect.isError)
      return (
        <div className="error-panel" role="alert">
          <strong>Could not read pod {podId.slice(0, 12)}.</strong> {inspect.error.message}
        </div>
      );
    if (inspect.isPending) return <p className="muted">Loading…</p>;
    return t === 'Summary' ? (
      <PodDetailsSummary inspect={inspect.data} row={row} />
    ) : (
      <JsonView value={inspect.data} label="Pod inspect JSON" />
    );
  };

  return (
    <div className="details-page">
      <DetailsHeader
        backLabel="Pods"
        onBack={() => navigate({ page: 'pods' })}
        title={row?.name ?? inspect.data?.Name ?? podId.slice(0, 12)}
        state={row?.status}
        stateTestId="pod-status"
      >
        {row ? <PodRowActions row={row} /> : null}
      </DetailsHeader>
      <ActionErrorPanel message={actionError} onDismiss={() => setActionError(undefined)} />
      {detailsFallback({ kind: 'pod', gone }) ?? (
        <DetailsTabs<Tab>
          label="Pod details"
          idPrefix="pod"
          tabs={TABS}
          current={tab}
          onChoose={setTab}
          panel={panel}
        />
      )}
    </div>
  );
}
