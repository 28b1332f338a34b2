// One machine: its actions, and tabs Summary and Terminal (a shell over SSH). The Terminal tab
// stays mounted once opened, so its session survives switching tabs; leaving the machine's page
// hangs it up. State comes from the machines list, read again after each action.
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useMachineList } from '../../api/machine-cache.js';
import { DetailsTabs } from '../../components/DetailsTabs.js';
import { detailsFallback } from '../../components/DetailsFallback.js';
import { ActionErrorPanel } from '../../components/ErrorText.js';
import { DetailsHeader } from '../../components/DetailsHeader.js';
import { useUiStore } from '../../stores/ui-store.js';
import { MachineDetailsSummary } from './MachineDetailsSummary.js';
import { MachineRowActions } from './MachineRowActions.js';
import { useMachinesUiStore } from './machines-ui-store.js';

// xterm.js is loaded when a terminal is first opened, not with the app.
const MachineTerminal = lazy(() =>
  import('./MachineTerminal.js').then((m) => ({ default: m.MachineTerminal })),
);

const TABS = ['Summary', 'Terminal'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | undefined): value is Tab {
  return TABS.includes(value as Tab);
}

export function MachineDetails({ name, initialTab }: { name: string; initialTab?: string }) {
  const navigate = useUiStore((s) => s.navigate);
  const [actionError, setActionError] = useMachinesUiStore(
    useShallow((s) => [s.actionError, s.setActionError] as const),
  );
  const [tab, setTab] = useState<Tab>(isTab(initialTab) ? initialTab : 'Summary');
  const terminalOpened = useRef(false);
  const [kept, setKept] = useState<ReadonlySet<Tab>>(() => new Set(tab === 'Terminal' ? [tab] : []));
  const list = useMachineList();
  const machine = useMemo(() => list.data?.find((m) => m.name === name), [list.data, name]);
  const choose = (next: Tab) => {
    setTab(next);
    if (next === 'Terminal' && !kept.has(next)) setKept(new Set([...kept, next]));
  };

  const panel = (t: Tab) => {
    if (!machine) return null;
    if (t === 'Summary') return <MachineDetailsSummary machine={machine} />;
    // A session opened while the machine ran stays (it shows how it ended); none opens on a
    // machine that is not running.
    if (machine.status !== 'running' && !terminalOpened.current)
      return <p className="muted">Start the machine to open a terminal.</p>;
    terminalOpened.current = true;
    return (
      <Suspense fallback={<p className="muted">Loading the terminal…</p>}>
        <MachineTerminal name={name} active={tab === 'Terminal'} />
      </Suspense>
    );
  };

  return (
    <div className="details-page machines-page">
      <DetailsHeader
        backLabel="Machines"
        onBack={() => navigate({ page: 'machines' })}
        title={name}
        state={machine?.status}
        stateTestId="machine-status"
      >
        {machine ? <MachineRowActions machine={machine} /> : null}
      </DetailsHeader>
      <ActionErrorPanel message={actionError} onDismiss={() => setActionError(undefined)} />
      {detailsFallback({
        kind: 'machine',
        list,
        listFailure: 'Could not list machines.',
        gone: !machine,
      }) ?? (
        <DetailsTabs<Tab>
          label="Machine details"
          idPrefix="machine"
          tabs={TABS}
          current={tab}
          onChoose={choose}
          panel={panel}
          kept={kept}
        />
      )}
    </div>
  );
}
