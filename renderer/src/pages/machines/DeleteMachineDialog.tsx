// Confirm deleting a machine: its disk, SSH keys and connection go; a running one is stopped
// first. The work runs as a task; the details page of a deleted machine goes back to the list.
import { useQueryClient } from '@tanstack/react-query';
import { useEngine } from '../../api/engine-context.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import { useUiStore } from '../../stores/ui-store.js';
import { removeMachineTask } from './machine-tasks.js';
import { useMachinesUiStore } from './machines-ui-store.js';

export function DeleteMachineDialog({ name, running }: { name: string; running: boolean }) {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useMachinesUiStore((s) => s.closeDialog);
  const confirm = () => {
    close();
    void removeMachineTask(engine, queryClient, name, running).then((removed) => {
      const ui = useUiStore.getState();
      if (removed && ui.route.page === 'machines' && ui.route.machineName === name)
        ui.navigate({ page: 'machines' });
    });
  };
  return (
    <Dialog
      title={`Delete machine ${name}?`}
      onClose={close}
      actions={<DialogButtons onCancel={close} label="Delete" danger onConfirm={confirm} />}
    >
      <p>
        The machine’s disk, with every image and container in it, its SSH keys and its connection are removed.
        {running ? ' It is running: it is stopped first.' : ''}
      </p>
    </Dialog>
  );
}
