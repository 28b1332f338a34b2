// The volumes page's dialogs: create (a name, or a random one), inspect (JSON), delete (asking
// again, with force, when containers use the volume) and prune (anonymous, or all unused).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { VOLUME_NAME_PATTERN } from '../../../../engine/src/contract/volume-contract.js';
import { useEngine } from '../../api/engine-context.js';
import { containerKeys } from '../../api/container-cache.js';
import { dropVolumes, upsertVolume } from '../../api/volume-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import { ErrorText } from '../../components/ErrorText.js';
import { TextField } from '../../components/form-fields.js';
import { JsonView } from '../../components/JsonView.js';
import { PruneDialog } from '../../components/PruneDialog.js';
import { useVolumesUiStore } from './volumes-ui-store.js';

function CreateVolumeDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useVolumesUiStore((s) => s.closeDialog);
  const [name, setName] = useState('');
  const invalid = name !== '' && !VOLUME_NAME_PATTERN.test(name);
  const create = useMutation({
    mutationFn: () => engine.call('volumes.create', name ? { name } : {}),
    onSuccess: (volume) => {
      upsertVolume(queryClient, volume);
      close();
    },
  });
  return (
    <Dialog
      title="Create a volume"
      onClose={close}
      actions={
        <DialogButtons
          onCancel={close}
          label="Create"
          form="create-volume"
          disabled={invalid || create.isPending}
        />
      }
    >
      <form
        id="create-volume"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) create.mutate();
        }}
      >
        <TextField
          label="Name (a random one when empty)"
          ariaLabel="Volume name"
          value={name}
          onChange={setName}
          error={
            invalid ? 'Use letters, digits, “_”, “.” and “-”, starting with a letter or digit.' : undefined
          }
        />
      </form>
      <ErrorText error={create.error} />
    </Dialog>
  );
}

function InspectVolumeDialog({ name }: { name: string }) {
  const engine = useEngine();
  const close = useVolumesUiStore((s) => s.closeDialog);
  const inspect = useQuery({
    queryKey: ['volumes', 'inspect', name],
    queryFn: () => engine.call('volumes.inspect', { volume: name }),
  });
  return (
    <Dialog
      title={`Volume ${name}`}
      onClose={close}
      wide
      actions={
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      }
    >
      {inspect.isError ? (
        <ErrorText error={inspect.error} />
      ) : inspect.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <JsonView value={inspect.data} label="Volume inspect JSON" />
      )}
    </Dialog>
  );
}

function DeleteVolumeDialog({ name }: { name: string }) {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useVolumesUiStore((s) => s.closeDialog);
  const [inUse, setInUse] = useState<string | undefined>();
  const remove = useMutation({
    mutationFn: (force: boolean) => engine.call('volumes.remove', { volumes: [name], force }),
    onSuccess: (report, force) => {
      dropVolumes(queryClient, report.removed);
      const conflict = report.errors.find((e) => e.code === 'conflict');
      if (conflict) {
        setInUse(conflict.message);
        return;
      }
      if (report.errors.length > 0) throw new Error(report.errors.map((e) => e.message).join('; '));
      // Forcing removed the containers that used it: their events update the list too.
      if (force) void queryClient.invalidateQueries({ queryKey: containerKeys.list });
      close();
    },
  });
  return (
    <Dialog
      title={`Delete volume ${name}?`}
      onClose={close}
      actions={
        <DialogButtons
          onCancel={close}
          label={inUse ? 'Delete the volume and its containers' : 'Delete'}
          danger
          disabled={remove.isPending}
          onConfirm={() => remove.mutate(inUse !== undefined)}
        />
      }
    >
      {inUse ? (
        <p role="alert" className="error-text">
          {inUse}
        </p>
      ) : (
        <p>The volume and everything stored in it will be removed.</p>
      )}
      <ErrorText error={remove.error} />
    </Dialog>
  );
}

function PruneVolumesDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useVolumesUiStore((s) => s.closeDialog);
  return (
    <PruneDialog
      noun="volume"
      description="Removes volumes that no container uses."
      option="Named volumes too (otherwise only anonymous ones)"
      onClose={close}
      prune={async (all) => {
        const report = await engine.call('volumes.prune', { all });
        dropVolumes(queryClient, report.removed);
        return report;
      }}
    />
  );
}

export function VolumeDialogs() {
  const dialog = useVolumesUiStore((s) => s.dialog);
  switch (dialog?.kind) {
    case 'create':
      return <CreateVolumeDialog />;
    case 'inspect':
      return <InspectVolumeDialog key={dialog.name} name={dialog.name} />;
    case 'delete':
      return <DeleteVolumeDialog key={dialog.name} name={dialog.name} />;
    case 'prune':
      return <PruneVolumesDialog />;
    default:
      return null;
  }
}
