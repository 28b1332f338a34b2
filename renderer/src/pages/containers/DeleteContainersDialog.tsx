// Confirms deleting one or more containers. Running ones are killed first (as `rm -f`), and their
// anonymous volumes go with them; named volumes stay.
import { useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useContainerActions } from './container-actions.js';
import { useContainersUiStore } from './containers-ui-store.js';

export function DeleteContainersDialog({ ids, labels }: { ids: string[]; labels: string[] }) {
  const actions = useContainerActions();
  const close = useContainersUiStore((s) => s.closeDialog);
  const [pending, setPending] = useState(false);
  const title = ids.length === 1 ? `Delete ${labels[0]}?` : `Delete ${ids.length} containers?`;
  const confirm = async () => {
    setPending(true);
    await actions.remove(ids);
    setPending(false);
    const route = useUiStore.getState().route;
    if (route.containerId && ids.includes(route.containerId))
      useUiStore.getState().navigate({ page: 'containers' });
    close();
  };
  return (
    <Dialog
      title={title}
      onClose={close}
      actions={
        <DialogButtons
          onCancel={close}
          label="Delete"
          danger
          disabled={pending}
          onConfirm={() => void confirm()}
        />
      }
    >
      <p>
        Running containers are stopped at once (killed) before they are removed, with their anonymous volumes.
        Named volumes are kept.
      </p>
      {ids.length > 1 ? <p className="muted">{labels.join(', ')}</p> : null}
    </Dialog>
  );
}
