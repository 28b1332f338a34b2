// The actions of one machine, as compact buttons: start or stop, open its terminal, use its
// engine as the app's (connections.use, as Settings does), delete. Used in the list rows and on
// the details page. Start and stop run as tasks in the task panel.
import { useQueryClient } from '@tanstack/react-query';
import type { MachineSummary } from '../../../../engine/src/contract/machine-types.js';
import { useEngineSwitch } from '../../api/engine-connection.js';
import { useEngineConnectionStore } from '../../api/engine-connection-store.js';
import { useEngine } from '../../api/engine-context.js';
import { RowActionButton } from '../../components/RowActionButton.js';
import { useUiStore } from '../../stores/ui-store.js';
import { startMachineTask, stopMachineTask } from './machine-tasks.js';
import { useMachinesUiStore } from './machines-ui-store.js';

export function MachineRowActions({
  machine,
}: {
  machine: Pick<MachineSummary, 'name' | 'status' | 'connection'>;
}) {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const busy = useMachinesUiStore((s) => s.busy.has(machine.name));
  const openDialog = useMachinesUiStore((s) => s.openDialog);
  const navigate = useUiStore((s) => s.navigate);
  const setActionError = useMachinesUiStore((s) => s.setActionError);
  const { name, status, connection } = machine;
  const inUse = useEngineConnectionStore(
    (s) => s.current?.target.kind === 'connection' && s.current.target.name === connection,
  );
  const switchEngine = useEngineSwitch();
  const switchToMachine = () => {
    if (!connection) return;
    setActionError(undefined);
    switchEngine.mutate(
      { name: connection },
      { onError: (error) => setActionError(`Could not use machine ${name} as the engine: ${error.message}`) },
    );
  };
  const target = `machine ${name}`;
  // A starting machine holds its lock until the boot ends: actions on it would only wait.
  const waiting = busy || status === 'starting';
  return (
    <div className="row-actions">
      {status === 'stopped' ? (
        <RowActionButton
          action="Start"
          target={target}
          symbol="▶"
          disabled={waiting}
          onClick={() => void startMachineTask(engine, queryClient, name)}
        />
      ) : (
        <RowActionButton
          action="Stop"
          target={target}
          symbol="■"
          disabled={waiting}
          onClick={() => void stopMachineTask(engine, queryClient, name)}
        />
      )}
      <RowActionButton
        action="Open terminal of"
        target={target}
        symbol="›_"
        disabled={status !== 'running'}
        onClick={() => navigate({ page: 'machines', machineName: name, tab: 'Terminal' })}
      />
      <RowActionButton
        action={inUse ? 'In use as the engine' : 'Use as engine'}
        target={target}
        label={inUse ? `Machine ${name} is the engine in use` : `Use machine ${name} as engine`}
        symbol={inUse ? '●' : '⇄'}
        disabled={status !== 'running' || !connection || inUse || switchEngine.isPending}
        onClick={switchToMachine}
      />
      <RowActionButton
        action="Delete"
        target={target}
        symbol="✕"
        danger
        disabled={waiting}
        onClick={() => openDialog({ kind: 'delete', name, running: status !== 'stopped' })}
      />
    </div>
  );
}
