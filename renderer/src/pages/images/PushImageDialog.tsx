// Push an image: where to (the image's name to start with), whether to skip TLS verification, and
// which stored login goes with it; then per-layer progress while it uploads (TransferProgressDialog:
// "Run in background" leaves the push in the task panel; "Cancel push" stops it in the engine
// before the manifest, so the destination is not tagged).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { STREAM_INPUTS } from '../../../../engine/src/contract/engine-contract.js';
import { useEngine } from '../../api/engine-context.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import { inputErrors, TextField } from '../../components/form-fields.js';
import { useTask } from '../../stores/task-store.js';
import { useImagesUiStore } from './images-ui-store.js';
import { startPushTask } from './push-task.js';
import { loginFor, repositoryOf } from './stored-login.js';
import { TransferProgressDialog } from './TransferProgressDialog.js';

function CredentialsNote({ destination }: { destination: string }) {
  const engine = useEngine();
  const logins = useQuery({
    queryKey: ['registries', 'logins'],
    queryFn: () => engine.call('registries.logins', {}),
  });
  if (destination.trim() === '') return null;
  const registry = repositoryOf(destination).split('/')[0]!;
  let text: string;
  if (logins.isError) text = `The stored logins could not be read (${logins.error.message}).`;
  else if (logins.isPending) text = 'Reading the stored logins…';
  else {
    const login = loginFor(destination, logins.data.logins);
    text = login
      ? `Pushes as ${login.username || 'the stored token'} (stored login for ${login.registry}).`
      : `No stored login for ${registry}: the push goes without credentials. If the registry asks for them, log in under Settings → Registries.`;
  }
  return (
    <p className="muted hint" aria-label="Credentials">
      {text}
    </p>
  );
}

export function PushImageDialog({
  imageId,
  name,
  taskId,
}: {
  imageId: string;
  name: string;
  taskId?: string;
}) {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const task = useTask(taskId);
  const openDialog = useImagesUiStore((s) => s.openDialog);
  const close = useImagesUiStore((s) => s.closeDialog);
  const [destination, setDestination] = useState(name);
  const [skipTls, setSkipTls] = useState(false);

  if (task) return <TransferProgressDialog task={task} verb="Push" onClose={close} />;

  const input = {
    image: imageId,
    destination: destination.trim(),
    ...(skipTls ? { tlsVerify: false } : {}),
  };
  const errors = destination.trim() === '' ? {} : inputErrors(STREAM_INPUTS['images.push'], input);
  const start = () => {
    if (input.destination === '' || Object.keys(errors).length > 0) return;
    openDialog({ kind: 'push', imageId, name, taskId: startPushTask(engine, queryClient, imageId, input) });
  };
  return (
    <Dialog
      title={`Push image ${name || imageId.slice(0, 12)}`}
      onClose={close}
      actions={
        <DialogButtons
          onCancel={close}
          label="Push"
          form="push-form"
          disabled={input.destination === '' || Object.keys(errors).length > 0}
        />
      }
    >
      <form
        id="push-form"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <TextField
          label="Destination"
          value={destination}
          onChange={setDestination}
          placeholder="registry.example.com/team/name:tag"
          error={errors.destination}
          hint="A registry, repository and tag; the image's own name pushes it where it came from."
        />
        <label className="checkbox-field">
          <input type="checkbox" checked={skipTls} onChange={(e) => setSkipTls(e.target.checked)} />
          Skip TLS verification (a plain-HTTP registry or a self-signed certificate)
        </label>
        <CredentialsNote destination={destination} />
      </form>
    </Dialog>
  );
}
