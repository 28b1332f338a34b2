// Registry logins: the registries the engine's auth file holds credentials for (user names only),
// a form to log in (the engine checks the credentials with the registry before saving them) and
// a logout per registry. The password field is cleared once sent.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RegistryLoginsReport } from '../../../../engine/src/contract/registry-types.js';
import { useEngine } from '../../api/engine-context.js';
import { ErrorText } from '../../components/ErrorText.js';
import { TextField } from '../../components/form-fields.js';

const loginsKey = ['registries', 'logins'] as const;

export function RegistryLogins() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const logins = useQuery({
    queryKey: loginsKey,
    queryFn: () => engine.call('registries.logins', {}),
  });
  const [registry, setRegistry] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [skipTls, setSkipTls] = useState(false);
  const login = useMutation({
    mutationFn: () =>
      engine.call('registries.login', {
        registry: registry.trim(),
        username: username.trim(),
        password,
        ...(skipTls ? { tlsVerify: false } : {}),
      }),
    onSuccess: () => {
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: loginsKey });
    },
  });
  const logout = useMutation({
    mutationFn: (name: string) => engine.call('registries.logout', { registry: name }),
    onSuccess: (_result, name) =>
      queryClient.setQueryData<RegistryLoginsReport>(loginsKey, (old) =>
        old ? { ...old, logins: old.logins.filter((l) => l.registry !== name) } : old,
      ),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (registry.trim() && username.trim() && password) login.mutate();
  };
  return (
    <section className="settings-section" aria-labelledby="settings-registries">
      <h2 id="settings-registries">Registries</h2>
      {logins.isError ? (
        <div className="error-panel" role="alert">
          <strong>Could not read the logins.</strong> {logins.error.message}
        </div>
      ) : logins.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted hint">
            Credentials are kept in <span className="mono">{logins.data.authFile}</span>, shared with podman.
          </p>
          {logins.data.logins.length === 0 ? (
            <p className="muted">Not logged in to any registry.</p>
          ) : (
            <ul className="plain-list logins" aria-label="Registry logins">
              {logins.data.logins.map((l) => (
                <li key={l.registry} aria-label={l.registry}>
                  <span className="mono">{l.registry}</span>
                  <span className="muted">{l.username ? ` as ${l.username}` : ' (token)'}</span>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Log out of ${l.registry}`}
                    disabled={logout.isPending}
                    onClick={() => logout.mutate(l.registry)}
                  >
                    Log out
                  </button>
                </li>
              ))}
            </ul>
          )}
          <ErrorText error={logout.error} />
        </>
      )}
      <form className="login-form" aria-label="Log in to a registry" onSubmit={submit} noValidate>
        <TextField label="Registry" value={registry} onChange={setRegistry} placeholder="quay.io" />
        <TextField label="Username" value={username} onChange={setUsername} />
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            aria-label="Password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={skipTls} onChange={(e) => setSkipTls(e.target.checked)} />
          Skip TLS verification (plain HTTP or self-signed registries)
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={login.isPending || !registry.trim() || !username.trim() || !password}
        >
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
        {login.isSuccess ? (
          <p role="status">
            Logged in to {login.data.registry} as {login.data.username}.
          </p>
        ) : null}
        <ErrorText error={login.error} />
      </form>
    </section>
  );
}
