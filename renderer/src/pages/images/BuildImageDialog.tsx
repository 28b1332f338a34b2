// Build an image: a context folder on the engine's host, the Containerfile (a path or its text),
// tags, build args, target and no-cache, checked with the contract's own schema; then the build's
// live log. "Run in background" leaves the build in the task panel; "Cancel build" stops it.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { imageBuildInput } from '../../../../engine/src/contract/image-contract.js';
import { useEngine } from '../../api/engine-context.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import {
  inputErrors,
  filledValues,
  keyValueEntries,
  ListField,
  TextField,
  type FieldErrors,
} from '../../components/form-fields.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { cancelTask, useTask } from '../../stores/task-store.js';
import { useBuildLogStore, type BuildLogLine } from './build-task.js';
import { startBuildTask } from './build-task.js';
import { useImagesUiStore } from './images-ui-store.js';

type Source = 'file' | 'inline';

function BuildForm() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useImagesUiStore((s) => s.closeDialog);
  const openDialog = useImagesUiStore((s) => s.openDialog);
  const [contextDir, setContextDir] = useState('');
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState('');
  const [fileText, setFileText] = useState('');
  const [tags, setTags] = useState<string[]>(['']);
  const [buildArgs, setBuildArgs] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const args = keyValueEntries(buildArgs, 'buildArgs');
    const input = {
      contextDir: contextDir.trim(),
      ...(source === 'file' && file.trim() ? { file: file.trim() } : {}),
      ...(source === 'inline' ? { fileText } : {}),
      tags: filledValues(tags),
      buildArgs: args.map,
      ...(target.trim() ? { target: target.trim() } : {}),
      noCache,
    };
    const found = inputErrors(imageBuildInput, input, args.errors);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    openDialog({ kind: 'build', taskId: startBuildTask(engine, queryClient, input) });
  };

  return (
    <Dialog
      title="Build an image"
      onClose={close}
      wide
      actions={<DialogButtons onCancel={close} label="Build" form="build-form" />}
    >
      <form id="build-form" aria-label="Build image" onSubmit={submit} noValidate>
        <TextField
          label="Context folder (on the engine’s host)"
          ariaLabel="Context folder"
          value={contextDir}
          onChange={setContextDir}
          placeholder="/home/me/project"
          error={errors.contextDir}
          hint="COPY and ADD read from this folder; its .containerignore applies."
        />
        <fieldset className="radio-row">
          <legend>Containerfile</legend>
          <label>
            <input
              type="radio"
              name="source"
              checked={source === 'file'}
              onChange={() => setSource('file')}
            />
            A file
          </label>
          <label>
            <input
              type="radio"
              name="source"
              checked={source === 'inline'}
              onChange={() => setSource('inline')}
            />
            Written here
          </label>
        </fieldset>
        {source === 'file' ? (
          <TextField
            label="Containerfile path (relative to the context)"
            ariaLabel="Containerfile path"
            value={file}
            onChange={setFile}
            placeholder="Containerfile, else Dockerfile"
            error={errors.file}
          />
        ) : (
          <label className="field">
            <span>Containerfile text</span>
            <textarea
              aria-label="Containerfile text"
              className="mono code-input"
              rows={8}
              spellCheck={false}
              value={fileText}
              placeholder={'FROM busybox\nRUN echo hello'}
              aria-invalid={errors.fileText ? true : undefined}
              onChange={(e) => setFileText(e.target.value)}
            />
            {errors.fileText ? <span className="error-text hint">{errors.fileText}</span> : null}
          </label>
        )}
        <ListField
          label="Tags"
          values={tags}
          placeholder="localhost/myimage:latest"
          error={(i) => errors[`tags.${i}`]}
          onChange={setTags}
        />
        <ListField
          label="Build args"
          values={buildArgs}
          placeholder="NAME=value"
          error={(i) => errors[`buildArgs.${i}`]}
          onChange={setBuildArgs}
        />
        <TextField
          label="Target stage (the last one when empty)"
          ariaLabel="Target stage"
          value={target}
          onChange={setTarget}
          error={errors.target}
        />
        <label className="checkbox-field">
          <input type="checkbox" checked={noCache} onChange={(e) => setNoCache(e.target.checked)} />
          Do not use the layer cache
        </label>
      </form>
    </Dialog>
  );
}

const NO_LINES: BuildLogLine[] = [];

/** The build's log, following the end unless the user scrolled up to read. */
export function BuildLog({ taskId }: { taskId: string }) {
  const lines = useBuildLogStore((s) => s.logs[taskId] ?? NO_LINES);
  const dropped = useBuildLogStore((s) => s.dropped[taskId] ?? 0);
  const box = useRef<HTMLPreElement>(null);
  const following = useRef(true);
  useEffect(() => {
    if (following.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <pre
      ref={box}
      className="build-log"
      aria-label="Build log"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        following.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
      }}
    >
      {dropped > 0 ? <span className="muted">({dropped} earlier lines not kept)\n</span> : null}
      {lines.map((line, index) => (
        <span key={dropped + index} className={`build-log-${line.kind}`}>
          {line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

function BuildProgressView({ taskId }: { taskId: string }) {
  const task = useTask(taskId);
  const close = useImagesUiStore((s) => s.closeDialog);
  if (!task) return null;
  const running = task.status === 'running';
  return (
    <Dialog
      title={task.title}
      onClose={close}
      wide
      actions={
        running ? (
          <>
            <button type="button" className="button" onClick={close}>
              Run in background
            </button>
            <button type="button" className="button button-danger" onClick={() => cancelTask(task.id)}>
              Cancel build
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={close}>
            Close
          </button>
        )
      }
    >
      {running && task.progress ? (
        <ProgressBar label="Build progress" done={task.progress.done} total={task.progress.total} />
      ) : null}
      <p
        className={task.status === 'failed' ? 'pull-status error-text' : 'pull-status'}
        role={task.status === 'failed' ? 'alert' : 'status'}
      >
        {task.detail}
      </p>
      <BuildLog taskId={task.id} />
    </Dialog>
  );
}

export function BuildImageDialog({ taskId }: { taskId?: string }) {
  return taskId ? <BuildProgressView taskId={taskId} /> : <BuildForm />;
}
