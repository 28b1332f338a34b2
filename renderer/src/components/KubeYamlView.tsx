// The Kube tab of a container's or a pod's details: the Kubernetes YAML `kube generate` writes
// for it (optionally with a Service), to copy or download. Generated on opening the tab, not
// kept: the YAML follows the object's current configuration.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../api/engine-context.js';
import { saveTextFile } from './save-text-file.js';

export function KubeYamlView({
  name,
  fileName,
  note,
}: {
  /** The container or pod (name or ID) to generate for. */
  name: string;
  /** The download's name, e.g. `web.yaml`. */
  fileName: string;
  /** Why the YAML is for something else than the page's object (a container in a pod). */
  note?: string;
}) {
  const engine = useEngine();
  const [service, setService] = useState(false);
  const [copied, setCopied] = useState(false);
  const generated = useQuery({
    queryKey: ['kube', 'generate', name, service],
    queryFn: () => engine.call('kube.generate', { names: [name], service }),
    staleTime: 0,
    gcTime: 0,
  });
  const yaml = generated.data?.yaml ?? '';
  return (
    <div className="kube-yaml">
      <div className="toolbar kube-toolbar">
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={service}
            onChange={(e) => {
              setService(e.target.checked);
              setCopied(false);
            }}
          />
          Add a Service for published ports
        </label>
        <button
          type="button"
          className="button button-small"
          disabled={!yaml}
          onClick={() => void navigator.clipboard?.writeText(yaml).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={!yaml}
          onClick={() => saveTextFile(fileName, yaml, 'application/yaml')}
        >
          Download
        </button>
      </div>
      {note ? <p className="muted hint">{note}</p> : null}
      {generated.isError ? (
        <div className="error-panel" role="alert">
          <strong>Could not generate the YAML.</strong> {generated.error.message}
        </div>
      ) : generated.isPending ? (
        <p className="muted">Generating…</p>
      ) : (
        <>
          {generated.data.warnings.map((warning) => (
            <p key={warning} className="muted hint" role="note">
              {warning}
            </p>
          ))}
          <pre className="code-block" aria-label="Kubernetes YAML" tabIndex={0}>
            {yaml}
          </pre>
        </>
      )}
    </div>
  );
}
