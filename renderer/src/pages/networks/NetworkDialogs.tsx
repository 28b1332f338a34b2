// The networks page's dialogs: create a bridge network (name, subnet, gateway, internal, labels;
// checked with the contract's own schema before sending), delete one (asking again, with force,
// when containers are connected), and prune the unused ones.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CallInput } from '../../../../engine/src/contract/engine-contract.js';
import { networkCreateInput } from '../../../../engine/src/contract/network-contract.js';
import { useEngine } from '../../api/engine-context.js';
import { containerKeys } from '../../api/container-cache.js';
import { dropNetworks, upsertNetwork } from '../../api/network-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import { ErrorText } from '../../components/ErrorText.js';
import {
  inputErrors,
  keyValueEntries,
  ListField,
  TextField,
  type FieldErrors,
} from '../../components/form-fields.js';
import { PruneDialog } from '../../components/PruneDialog.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useNetworksUiStore } from './networks-ui-store.js';

function CreateNetworkDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useNetworksUiStore((s) => s.closeDialog);
  const [name, setName] = useState('');
  const [subnet, setSubnet] = useState('');
  const [gateway, setGateway] = useState('');
  const [internal, setInternal] = useState(false);
  const [labels, setLabels] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation({
    mutationFn: (input: CallInput<'networks.create'>) => engine.call('networks.create', input),
    onSuccess: (network) => {
      upsertNetwork(queryClient, network);
      close();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsedLabels = keyValueEntries(labels, 'labels');
    const optional = (key: string, value: string) => (value.trim() ? { [key]: value.trim() } : {});
    const input = {
      ...optional('name', name),
      ...optional('subnet', subnet),
      ...optional('gateway', gateway),
      internal,
      labels: parsedLabels.map,
    };
    const found = inputErrors(networkCreateInput, input, parsedLabels.errors);
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate(input);
  };
  return (
    <Dialog
      title="Create a network"
      onClose={close}
      wide
      actions={
        <DialogButtons onCancel={close} label="Create" form="create-network" disabled={create.isPending} />
      }
    >
      <form id="create-network" aria-label="Create network" onSubmit={submit} noValidate>
        <TextField
          label="Name (a generated one when empty)"
          ariaLabel="Network name"
          value={name}
          onChange={setName}
          error={errors.name}
        />
        <div className="form-row">
          <TextField
            label="Subnet (optional)"
            ariaLabel="Subnet"
            placeholder="10.90.0.0/24"
            value={subnet}
            onChange={setSubnet}
            error={errors.subnet}
            hint="A free /24 of Berth's pool when empty."
          />
          <TextField
            label="Gateway (optional)"
            ariaLabel="Gateway"
            placeholder="10.90.0.1"
            value={gateway}
            onChange={setGateway}
            error={errors.gateway}
            hint="The subnet's first address when empty."
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          Internal (no route out of the network)
        </label>
        <ListField
          label="Labels"
          values={labels}
          placeholder="key=value"
          error={(i) => errors[`labels.${i}`]}
          onChange={setLabels}
        />
      </form>
      <ErrorText error={create.error} />
    </Dialog>
  );
}

function DeleteNetworkDialog({ name, used }: { name: string; used: number }) {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useNetworksUiStore((s) => s.closeDialog);
  const [inUse, setInUse] = useState<string | undefined>(
    used > 0 ? `${used} container${used === 1 ? ' is' : 's are'} connected to ${name}.` : undefined,
  );
  const remove = useMutation({
    mutationFn: (force: boolean) => engine.call('networks.remove', { network: name, force }),
    onSuccess: (_result, force) => {
      dropNetworks(queryClient, [name]);
      // Forcing removed the connected containers: their events update that list too.
      if (force) void queryClient.invalidateQueries({ queryKey: containerKeys.list });
      if (useUiStore.getState().route.networkName === name)
        useUiStore.getState().navigate({ page: 'networks' });
      close();
    },
    onError: (error) => {
      if ((error as { code?: string }).code === 'conflict') setInUse(error.message);
    },
  });
  return (
    <Dialog
      title={`Delete network ${name}?`}
      onClose={close}
      actions={
        <DialogButtons
          onCancel={close}
          label={inUse ? 'Delete the network and its containers' : 'Delete'}
          danger
          disabled={remove.isPending}
          onConfirm={() => remove.mutate(inUse !== undefined)}
        />
      }
    >
      {inUse ? (
        <p className="error-text">{inUse} Deleting the network removes them too.</p>
      ) : (
        <p>The network’s definition is removed; no container uses it.</p>
      )}
      <ErrorText error={remove.error} />
    </Dialog>
  );
}

export function NetworkDialogs() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const [dialog, close] = useNetworksUiStore(useShallow((s) => [s.dialog, s.closeDialog] as const));
  switch (dialog?.kind) {
    case 'create':
      return <CreateNetworkDialog />;
    case 'delete':
      return <DeleteNetworkDialog key={dialog.name} name={dialog.name} used={dialog.used} />;
    case 'prune':
      return (
        <PruneDialog
          noun="network"
          description="Removes every network that no container uses (never the default one)."
          onClose={close}
          prune={async () => {
            const report = await engine.call('networks.prune', {});
            dropNetworks(queryClient, report.removed);
            return report;
          }}
        />
      );
    default:
      return null;
  }
}
