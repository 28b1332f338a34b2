// The volumes page's dialogs: create (a name, or a random one), inspect (JSON), delete (asking
// again, with force, when containers use the volume) and prune (anonymous, or all unused).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { VOLUME_NAME_PATTERN } from '../../../../engine/src/contract/volume-contract.js';
import { useEngine } from '../../api/engine-context.js';
import { containerKeys } from '../../api/container-cache.js';
import { dropVolumes, upsertVolume } from '../../api/volume-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { JsonView } from '../../components/JsonView.js';
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
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={invalid || create.isPending}
            onClick={() => create.mutate()}
          >
            Create
          </button>
        </>
      }
    >
      <label className="field">
        <span>Name (a random one when empty)</span>
        <input
          type="text"
          aria-label="Volume name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !invalid) create.mutate();
          }}
        />
      </label>
      {invalid ? (
        <p className="error-text hint">
          Use letters, digits, “_”, “.” and “-”, starting with a letter or digit.
        </p>
      ) : null}
      {create.isError ? (
        <p className="error-text" role="alert">
          {create.error.message}
        </p>
      ) : null}
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
        <p className="error-text" role="alert">
          {inspect.error.message}
        </p>
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
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(inUse !== undefined)}
          >
            {inUse ? 'Delete the volume and its containers' : 'Delete'}
          </button>
        </>
      }
    >
      {inUse ? (
        <p role="alert" className="error-text">
          {inUse}
        </p>
      ) : (
        <p>The volume and everything stored in it will be removed.</p>
      )}
      {remove.isError ? (
        <p className="error-text" role="alert">
          {remove.error.message}
        </p>
      ) : null}
    </Dialog>
  );
}

function PruneVolumesDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useVolumesUiStore((s) => s.closeDialog);
  const [all, setAll] = useState(false);
  const prune = useMutation({
    mutationFn: () => engine.call('volumes.prune', { all }),
  });
  return (
    <Dialog
      title="Prune volumes"
      onClose={close}
      actions={
        <>
          <button type="button" className="button" onClick={close}>
            {prune.isSuccess ? 'Close' : 'Cancel'}
          </button>
          {prune.isSuccess ? null : (
            <button
              type="button"
              className="button button-danger"
              disabled={prune.isPending}
              onClick={() =>
                prune.mutate(undefined, { onSuccess: (r) => dropVolumes(queryClient, r.removed) })
              }
            >
              Prune
            </button>
          )}
        </>
      }
    >
      {prune.isSuccess ? (
        <p role="status">
          {prune.data.removed.length === 0
            ? 'Nothing to prune.'
            : `Removed ${prune.data.removed.length} volume${prune.data.removed.length === 1 ? '' : 's'}.`}
        </p>
      ) : (
        <>
          <p>Removes volumes that no container uses.</p>
          <label className="checkbox">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
            Named volumes too (otherwise only anonymous ones)
          </label>
        </>
      )}
      {prune.isError ? (
        <p className="error-text" role="alert">
          {prune.error.message}
        </p>
      ) : null}
    </Dialog>
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
