// Create a machine: name, CPUs, memory (MiB), disk (GiB), the image (a path or URL; empty: the
// newest one build/machine-image/build-image.sh made, as `berth machine init` takes), shared
// folders, and whether to start it at once. Checked with the contract's own schema before
// sending; the work then runs as a task in the task panel, and the dialog closes.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DEFAULT_MACHINE_NAME, machineInitInput } from '../../../../engine/src/contract/machine-contract.js';
import { useEngine } from '../../api/engine-context.js';
import { useMachineList } from '../../api/machine-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import {
  filledValues,
  inputErrors,
  ListField,
  TextField,
  type FieldErrors,
} from '../../components/form-fields.js';
import { createMachineTask } from './machine-tasks.js';
import { useMachinesUiStore } from './machines-ui-store.js';

/** A number field's value: empty leaves the default; anything else not a number fails the schema. */
function numberValue(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function CreateMachineDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const existing = useMachineList().data;
  const close = useMachinesUiStore((s) => s.closeDialog);
  const [name, setName] = useState('');
  const [cpus, setCpus] = useState('2');
  const [memory, setMemory] = useState('2048');
  const [disk, setDisk] = useState('20');
  const [image, setImage] = useState('');
  const [volumes, setVolumes] = useState<string[]>([]);
  const [startNow, setStartNow] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: name.trim() || DEFAULT_MACHINE_NAME,
      cpus: numberValue(cpus),
      memoryMiB: numberValue(memory),
      diskGiB: numberValue(disk),
      ...(image.trim() ? { image: image.trim() } : {}),
      volumes: filledValues(volumes),
    };
    const taken: FieldErrors = existing?.some((m) => m.name === input.name)
      ? { name: `a machine named ${input.name} already exists: choose another name` }
      : {};
    const found = inputErrors(machineInitInput, input, taken);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    close();
    void createMachineTask(engine, queryClient, input, { start: startNow });
  };

  return (
    <Dialog
      title="Create a machine"
      onClose={close}
      wide
      actions={<DialogButtons onCancel={close} label="Create" form="create-machine" />}
    >
      <form id="create-machine" aria-label="Create machine" onSubmit={submit} noValidate>
        <TextField
          label="Name"
          ariaLabel="Machine name"
          value={name}
          placeholder={DEFAULT_MACHINE_NAME}
          onChange={setName}
          error={errors.name}
          hint="Also the name of the connection that reaches its engine."
        />
        <div className="form-row">
          <TextField label="CPUs" value={cpus} onChange={setCpus} error={errors.cpus} />
          <TextField label="Memory (MiB)" value={memory} onChange={setMemory} error={errors.memoryMiB} />
          <TextField label="Disk (GiB)" value={disk} onChange={setDisk} error={errors.diskGiB} />
        </div>
        <TextField
          label="Image"
          ariaLabel="Machine image"
          value={image}
          placeholder="/path/to/image or https://…/berth-machine.tar.zst"
          onChange={setImage}
          error={errors.image}
          hint="Empty: the newest image build/machine-image/build-image.sh made. A folder or archive on this host, or an http(s) URL."
        />
        <ListField
          label="Shared folders"
          values={volumes}
          placeholder="/home/me or /srv/data:/data"
          error={(i) => errors[`volumes.${i}`]}
          onChange={setVolumes}
        />
        <label className="checkbox-field">
          <input type="checkbox" checked={startNow} onChange={(e) => setStartNow(e.target.checked)} />
          Start the machine once it is created
        </label>
      </form>
    </Dialog>
  );
}
