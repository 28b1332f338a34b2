// Play Kubernetes YAML: paste it or pick a file (read here, in the renderer: the engine gets the
// text), optionally replacing pods of the same names; then what was created, each pod and
// container linking to its details, or the engine's error with the YAML line it points at.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { KubePlayReport } from '../../../../engine/src/contract/kube-types.js';
import { refreshContainer } from '../../api/container-cache.js';
import { useEngine } from '../../api/engine-context.js';
import { refreshPod } from '../../api/pod-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import { useUiStore } from '../../stores/ui-store.js';
import { usePodsUiStore } from './pods-ui-store.js';

/** `file:line: detail`, as the engine words YAML errors; the line to show under the message. */
export function yamlErrorLine(
  message: string,
  fileName: string,
  yaml: string,
): { line: number; text: string } | undefined {
  if (!message.startsWith(`${fileName}:`)) return undefined;
  const match = /^(\d+):/.exec(message.slice(fileName.length + 1));
  if (!match) return undefined;
  const line = Number(match[1]);
  const text = yaml.split(/\r?\n/)[line - 1];
  return text === undefined ? undefined : { line, text };
}

function PlayResult({ report }: { report: KubePlayReport }) {
  const navigate = useUiStore((s) => s.navigate);
  const close = usePodsUiStore((s) => s.closeDialog);
  const go = (route: Parameters<typeof navigate>[0]) => {
    close();
    navigate(route);
  };
  return (
    <div className="play-result" role="status" aria-label="Play result">
      {report.replaced && report.replaced.removed.length > 0 ? (
        <p className="muted">Replaced {report.replaced.removed.length} existing pod(s).</p>
      ) : null}
      <ul className="plain-list">
        {report.pods.map((pod) => (
          <li key={pod.id}>
            Pod{' '}
            <button type="button" className="link-button" onClick={() => go({ page: 'pods', podId: pod.id })}>
              {pod.name}
            </button>
            <ul className="plain-list nested">
              {pod.containers.map((c) => (
                <li key={c.id}>
                  Container{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => go({ page: 'containers', containerId: c.id })}
                  >
                    {c.name}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {report.createdVolumes.length > 0 ? (
        <p className="muted">Volumes created: {report.createdVolumes.join(', ')}</p>
      ) : null}
    </div>
  );
}

export function PlayKubeDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = usePodsUiStore((s) => s.closeDialog);
  const [yaml, setYaml] = useState('');
  const [fileName, setFileName] = useState('pasted.yaml');
  const [replace, setReplace] = useState(false);
  const play = useMutation({
    mutationFn: () => engine.call('kube.play', { yaml, fileName, replace }),
    onSuccess: async (report) => {
      // Only what the play made (and replaced) is re-read, not the lists.
      await Promise.all([
        ...report.pods.map((p) => refreshPod(queryClient, engine, p.id)),
        ...(report.replaced?.removed ?? []).map((id) => refreshPod(queryClient, engine, id)),
        ...report.pods.flatMap((p) => p.containers.map((c) => refreshContainer(queryClient, engine, c.id))),
      ]).catch(() => undefined);
    },
  });
  const pointed = play.error ? yamlErrorLine(play.error.message, fileName, yaml) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (yaml.trim()) play.mutate();
  };

  if (play.isSuccess)
    return (
      <Dialog
        title="Kubernetes YAML played"
        onClose={close}
        wide
        actions={
          <button type="button" className="button button-primary" onClick={close}>
            Close
          </button>
        }
      >
        <PlayResult report={play.data} />
      </Dialog>
    );

  return (
    <Dialog
      title="Play Kubernetes YAML"
      onClose={close}
      wide
      actions={
        <DialogButtons
          onCancel={close}
          label={play.isPending ? 'Playing…' : 'Play'}
          form="play-kube"
          disabled={play.isPending || yaml.trim() === ''}
        />
      }
    >
      <form id="play-kube" aria-label="Play Kubernetes YAML" onSubmit={submit} noValidate>
        <label className="field">
          <span>YAML file</span>
          <input
            type="file"
            aria-label="YAML file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              void file.text().then(setYaml);
              play.reset();
            }}
          />
        </label>
        <label className="field">
          <span>YAML (Pods, Deployments, ConfigMaps, Secrets, PersistentVolumeClaims)</span>
          <textarea
            aria-label="Kubernetes YAML"
            className="mono code-input"
            rows={14}
            spellCheck={false}
            value={yaml}
            onChange={(e) => {
              setYaml(e.target.value);
              play.reset();
            }}
          />
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          Replace pods of the same names
        </label>
      </form>
      {play.error ? (
        <div className="error-text" role="alert">
          <p>{play.error.message}</p>
          {pointed ? (
            <pre className="code-block" aria-label="YAML line">
              {`${pointed.line} | ${pointed.text}`}
            </pre>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
