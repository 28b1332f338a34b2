// Adds a connection (as `berth system connection add`): a name, a unix:// or ssh:// destination,
// an ssh key for ssh ones, and whether it becomes the default. The contract's schema checks the
// fields before anything is sent; the host checks the rest (a taken name, a missing key file).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { connectionAddInput } from '../../../../engine/src/contract/connection-contract.js';
import { connectionKeys } from '../../api/engine-connection.js';
import { useEngine } from '../../api/engine-context.js';
import { ErrorText } from '../../components/ErrorText.js';
import { inputErrors, TextField, type FieldErrors } from '../../components/form-fields.js';

export function AddConnectionForm() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [destination, setDestination] = useState('');
  const [identity, setIdentity] = useState('');
  const [makeDefault, setMakeDefault] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useMutation({
    mutationFn: (input: { name: string; destination: string; identity?: string; makeDefault: boolean }) =>
      engine.call('connections.add', input),
    onSuccess: () => {
      setName('');
      setDestination('');
      setIdentity('');
      setMakeDefault(false);
      void queryClient.invalidateQueries({ queryKey: connectionKeys.list });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: name.trim(),
      destination: destination.trim(),
      ...(identity.trim() ? { identity: identity.trim() } : {}),
      makeDefault,
    };
    const found = inputErrors(connectionAddInput, input);
    setErrors(found);
    if (Object.keys(found).length === 0) add.mutate(input);
  };
  return (
    <form className="login-form" aria-label="Add a connection" onSubmit={submit} noValidate>
      <h3 className="form-title">Add a connection</h3>
      <TextField label="Connection name" value={name} onChange={setName} error={errors.name} />
      <TextField
        label="Destination"
        value={destination}
        onChange={setDestination}
        placeholder="unix:///run/berth/berth.sock or ssh://user@host/run/berth/berth.sock"
        error={errors.destination}
      />
      <TextField
        label="SSH identity file"
        value={identity}
        onChange={setIdentity}
        placeholder="/home/me/.ssh/id_ed25519 (ssh:// only, optional)"
        error={errors.identity}
      />
      <label className="checkbox-field">
        <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
        Make it the default connection (berth --remote)
      </label>
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add connection'}
      </button>
      {add.isSuccess ? <p role="status">Added {add.data.name}.</p> : null}
      <ErrorText error={add.error} />
    </form>
  );
}
