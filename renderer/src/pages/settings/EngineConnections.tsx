// Settings › Engine connection: the engines the app can use (the local one and every stored
// connection, the ones `berth system connection` lists), which one it uses, and whether each
// answers; "Use" switches at once (the pages then read everything from the new engine), and the
// choice is remembered for the next start. Connections can be added, removed and made default.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EngineChoice } from '../../../../engine/src/contract/connection-types.js';
import { connectionKeys, useEngineConnections, useEngineSwitch } from '../../api/engine-connection.js';
import { useEngine } from '../../api/engine-context.js';
import { ErrorText } from '../../components/ErrorText.js';
import { AddConnectionForm } from './AddConnectionForm.js';

function reachability(choice: EngineChoice): string {
  if (choice.reachable === undefined) return 'not checked';
  return choice.reachable ? 'answers' : 'not answering';
}

export function EngineConnections() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const connections = useEngineConnections();
  const use = useEngineSwitch();
  const edited = () => void queryClient.invalidateQueries({ queryKey: connectionKeys.list });
  const remove = useMutation({
    mutationFn: (name: string) => engine.call('connections.remove', { name }),
    onSuccess: edited,
  });
  const makeDefault = useMutation({
    mutationFn: (name: string) => engine.call('connections.setDefault', { name }),
    onSuccess: edited,
  });
  const busy = use.isPending || remove.isPending || makeDefault.isPending;
  const title = (c: EngineChoice) => (c.kind === 'local' ? 'Local engine' : c.name);
  return (
    <section className="settings-section" aria-labelledby="settings-connection">
      <h2 id="settings-connection">Engine connection</h2>
      {connections.isError ? (
        <div className="error-panel" role="alert">
          <strong>Could not list the engines.</strong> {connections.error.message}
        </div>
      ) : connections.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted hint">
            Connections are kept in <span className="mono">{connections.data.connectionsFile}</span>, shared
            with <span className="mono">berth system connection</span>; machines add theirs.
          </p>
          <ul className="plain-list engine-choices" aria-label="Engines">
            {connections.data.choices.map((c) => (
              <li key={`${c.kind} ${c.name}`} aria-label={title(c)}>
                <span className="engine-choice-name">{title(c)}</span>
                {c.isDefault ? <span className="state-badge">default</span> : null}
                <span className="mono engine-choice-uri">
                  {c.kind === 'local' ? 'this computer’s store' : c.uri}
                </span>
                <span className={c.reachable === false ? 'muted error-text' : 'muted'}>
                  {reachability(c)}
                </span>
                <span className="engine-choice-actions">
                  {c.inUse ? (
                    <span className="state-badge state-running">in use</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Use ${title(c)}`}
                      disabled={busy}
                      onClick={() => use.mutate(c.kind === 'local' ? { local: true } : { name: c.name })}
                    >
                      {use.isPending &&
                      use.variables &&
                      'name' in use.variables &&
                      use.variables.name === c.name
                        ? 'Switching…'
                        : 'Use'}
                    </button>
                  )}
                  {c.kind === 'connection' && !c.isDefault ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Make ${c.name} the default`}
                      disabled={busy}
                      onClick={() => makeDefault.mutate(c.name)}
                    >
                      Make default
                    </button>
                  ) : null}
                  {c.kind === 'connection' && !c.inUse ? (
                    <button
                      type="button"
                      className="button button-small button-danger"
                      aria-label={`Remove ${c.name}`}
                      disabled={busy}
                      onClick={() => remove.mutate(c.name)}
                    >
                      Remove
                    </button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
          {connections.data.current.status !== 'connected' ? (
            <p className="error-text" role="alert">
              Berth Desktop is {connections.data.current.status} ({connections.data.current.label})
              {connections.data.current.lastError ? `: ${connections.data.current.lastError}` : ''}
            </p>
          ) : null}
          <ErrorText error={use.error ?? remove.error ?? makeDefault.error} />
          <p className="muted hint">
            The engine chosen here is used again at the next start (unless Berth Desktop is started with
            --connection), remembered in <span className="mono">{connections.data.settingsFile}</span>.
          </p>
        </>
      )}
      <AddConnectionForm />
    </section>
  );
}
