// Create (and by default start) a container from a local image: name, command, published ports,
// environment, volumes and restart policy. The form checks its input with the contract's own
// schema before sending, so what it says is wrong is what the engine would refuse.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import {
  containerCreateInput,
  RESTART_POLICY_NAMES,
} from '../../../../engine/src/contract/container-contract.js';
import type { CallInput } from '../../../../engine/src/contract/engine-contract.js';
import { upsertContainer } from '../../api/container-cache.js';
import { useEngine } from '../../api/engine-context.js';
import { ErrorText } from '../../components/ErrorText.js';
import { fieldErrors, filledValues, ListField, type FieldErrors } from '../../components/form-fields.js';
import { useImageList } from '../../api/image-cache.js';
import { useUiStore } from '../../stores/ui-store.js';
import { CommandLineError, splitCommandLine } from './command-line.js';

type RestartName = (typeof RESTART_POLICY_NAMES)[number];

export function CreateContainerForm() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const navigate = useUiStore((s) => s.navigate);
  const images = useImageList();
  const imageNames = useMemo(
    () => (images.data ?? []).flatMap((i) => i.RepoTags ?? []).sort(),
    [images.data],
  );
  const [image, setImage] = useState('');
  const [name, setName] = useState('');
  const [command, setCommand] = useState('');
  const [ports, setPorts] = useState<string[]>([]);
  const [env, setEnv] = useState<string[]>([]);
  const [volumes, setVolumes] = useState<string[]>([]);
  const [restart, setRestart] = useState<RestartName>('no');
  const [maxRetries, setMaxRetries] = useState('0');
  const [tty, setTty] = useState(false);
  const [interactive, setInteractive] = useState(false);
  const [start, setStart] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: (input: CallInput<'containers.create'>) => engine.call('containers.create', input),
    onSuccess: (summary) => {
      upsertContainer(queryClient, summary);
      navigate({ page: 'containers' });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let words: string[];
    try {
      words = splitCommandLine(command);
    } catch (error) {
      setErrors({ command: error instanceof CommandLineError ? error.message : String(error) });
      return;
    }
    const input = {
      image: image.trim(),
      ...(name.trim() ? { name: name.trim() } : {}),
      command: words,
      env: filledValues(env),
      ports: filledValues(ports),
      volumes: filledValues(volumes),
      restartPolicy: { name: restart, maxRetries: restart === 'on-failure' ? Number(maxRetries) || 0 : 0 },
      tty,
      interactive,
      start,
    };
    const checked = containerCreateInput.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error.issues));
      return;
    }
    setErrors({});
    create.mutate(input);
  };

  const listError = (field: string) => (index: number) => errors[`${field}.${index}`];

  return (
    <form className="create-form" onSubmit={submit} aria-label="Create container" noValidate>
      <div className="details-head">
        <button type="button" className="link-button back" onClick={() => navigate({ page: 'containers' })}>
          ← Containers
        </button>
        <h2 className="details-title">Create a container</h2>
      </div>
      <label className="field">
        <span>Image</span>
        <input
          type="text"
          list="local-images"
          aria-label="Image"
          placeholder="A local image, e.g. busybox"
          value={image}
          aria-invalid={errors.image ? true : undefined}
          onChange={(e) => setImage(e.target.value)}
        />
        <datalist id="local-images">
          {imageNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        {errors.image ? <span className="error-text hint">Choose an image: {errors.image}</span> : null}
        {images.isSuccess && imageNames.length === 0 ? (
          <span className="hint">No local images: pull one on the Images page first.</span>
        ) : null}
      </label>
      <label className="field">
        <span>Name (optional)</span>
        <input
          type="text"
          aria-label="Name"
          value={name}
          placeholder="A random name when empty"
          onChange={(e) => setName(e.target.value)}
        />
        {errors.name ? <span className="error-text hint">{errors.name}</span> : null}
      </label>
      <label className="field">
        <span>Command (optional, split as a shell would)</span>
        <input
          type="text"
          aria-label="Command"
          className="mono"
          value={command}
          placeholder="The image's command when empty"
          onChange={(e) => setCommand(e.target.value)}
        />
        {errors.command ? <span className="error-text hint">{errors.command}</span> : null}
      </label>
      <ListField
        label="Ports"
        values={ports}
        placeholder="8080:80 or 127.0.0.1:5353:53/udp"
        error={listError('ports')}
        onChange={setPorts}
      />
      <ListField
        label="Environment variables"
        values={env}
        placeholder="NAME=value"
        error={listError('env')}
        onChange={setEnv}
      />
      <ListField
        label="Volumes"
        values={volumes}
        placeholder="data:/data, /host/path:/path:ro or /path"
        error={listError('volumes')}
        onChange={setVolumes}
      />
      <div className="form-row">
        <label className="field">
          <span>Restart policy</span>
          <select
            aria-label="Restart policy"
            value={restart}
            onChange={(e) => setRestart(e.target.value as RestartName)}
          >
            {RESTART_POLICY_NAMES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {restart === 'on-failure' ? (
          <label className="field">
            <span>Maximum retries (0: no limit)</span>
            <input
              type="number"
              min={0}
              aria-label="Maximum retries"
              value={maxRetries}
              onChange={(e) => setMaxRetries(e.target.value)}
            />
          </label>
        ) : null}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={tty} onChange={(e) => setTty(e.target.checked)} />
        Allocate a terminal (-t), for the Attach tab
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={interactive} onChange={(e) => setInteractive(e.target.checked)} />
        Keep standard input open (-i)
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} />
        Start the container now
      </label>
      <ErrorText error={create.error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => navigate({ page: 'containers' })}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {start ? 'Create and start' : 'Create'}
        </button>
      </div>
    </form>
  );
}
