// The pods page's dialogs: create a pod (name, published ports, labels; checked with the
// contract's own schema before sending) and confirm deleting pods with all their containers.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CallInput } from '../../../../engine/src/contract/engine-contract.js';
import { podCreateInput } from '../../../../engine/src/contract/pod-contract.js';
import { useEngine } from '../../api/engine-context.js';
import { upsertPod } from '../../api/pod-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import { ErrorText } from '../../components/ErrorText.js';
import {
  inputErrors,
  filledValues,
  keyValueEntries,
  ListField,
  TextField,
  type FieldErrors,
} from '../../components/form-fields.js';
import { useUiStore } from '../../stores/ui-store.js';
import { usePodActions } from './pod-actions.js';
import { PlayKubeDialog } from './PlayKubeDialog.js';
import { usePodsUiStore } from './pods-ui-store.js';

export function CreatePodDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = usePodsUiStore((s) => s.closeDialog);
  const [name, setName] = useState('');
  const [ports, setPorts] = useState<string[]>([]);
  const [labels, setLabels] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation({
    mutationFn: (input: CallInput<'pods.create'>) => engine.call('pods.create', input),
    onSuccess: (pod) => {
      upsertPod(queryClient, pod);
      close();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsedLabels = keyValueEntries(labels, 'labels');
    const input = {
      ...(name.trim() ? { name: name.trim() } : {}),
      ports: filledValues(ports),
      labels: parsedLabels.map,
    };
    const found = inputErrors(podCreateInput, input, parsedLabels.errors);
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate(input);
  };
  return (
    <Dialog
      title="Create a pod"
      onClose={close}
      wide
      actions={
        <DialogButtons onCancel={close} label="Create" form="create-pod" disabled={create.isPending} />
      }
    >
      <form id="create-pod" aria-label="Create pod" onSubmit={submit} noValidate>
        <TextField
          label="Name (a random one when empty)"
          ariaLabel="Pod name"
          value={name}
          onChange={setName}
          error={errors.name}
        />
        <ListField
          label="Ports"
          values={ports}
          placeholder="8080:80 or 127.0.0.1:5353:53/udp"
          error={(i) => errors[`ports.${i}`]}
          onChange={setPorts}
        />
        <ListField
          label="Labels"
          values={labels}
          placeholder="key=value"
          error={(i) => errors[`labels.${i}`]}
          onChange={setLabels}
        />
        <p className="muted hint">
          The pod’s infra container holds its network, IPC and UTS namespaces and publishes its ports for
          every container in it.
        </p>
      </form>
      <ErrorText error={create.error} />
    </Dialog>
  );
}

export function DeletePodsDialog({ ids, labels }: { ids: string[]; labels: string[] }) {
  const actions = usePodActions();
  const close = usePodsUiStore((s) => s.closeDialog);
  const [pending, setPending] = useState(false);
  const confirm = async () => {
    setPending(true);
    await actions.remove(ids);
    setPending(false);
    const route = useUiStore.getState().route;
    if (route.podId && ids.includes(route.podId)) useUiStore.getState().navigate({ page: 'pods' });
    close();
  };
  return (
    <Dialog
      title={ids.length === 1 ? `Delete pod ${labels[0]}?` : `Delete ${ids.length} pods?`}
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
      <p>The pod and all its containers are removed; running ones are stopped first.</p>
      {ids.length > 1 ? <p className="muted">{labels.join(', ')}</p> : null}
    </Dialog>
  );
}

export function PodDialogs() {
  const dialog = usePodsUiStore((s) => s.dialog);
  if (dialog?.kind === 'create') return <CreatePodDialog />;
  if (dialog?.kind === 'play') return <PlayKubeDialog />;
  if (dialog?.kind === 'delete')
    return <DeletePodsDialog key={dialog.ids.join(' ')} ids={dialog.ids} labels={dialog.labels} />;
  return null;
}
