// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { InfoReport } from '../../../../engine/src/contract/system-types.js';
import { EngineCallError } from '../../transport/transport.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const info = {
  host: {
    ociRuntime: { name: 'crun', package: 'crun', path: '/usr/bin/crun', version: '1.8' },
    security: { rootless: false },
  },
  store: {
    graphDriverName: 'overlay',
    graphRoot: '/var/lib/berth/storage',
    runRoot: '/run/berth',
    volumePath: '/var/lib/berth/storage/volumes',
    configFile: '/etc/containers/storage.conf',
  },
  version: { Version: '0.7.0', APIVersion: '5.0.0', Built: 'Mon Nov 23', OsArch: 'linux/amd64' },
} as unknown as InfoReport;

function renderSettings(login: (input: { registry: string; password: string }) => unknown) {
  let logins = [{ registry: 'quay.io', username: 'alice' }];
  return renderApp(
    {
      'system.info': () => info,
      'registries.logins': () => ({ authFile: '/run/containers/0/auth.json', logins }),
      'registries.login': (input: { registry: string; username: string; password: string }) => {
        const result = login(input);
        logins = [...logins, { registry: input.registry, username: input.username }];
        return result;
      },
      'registries.logout': (input: { registry: string }) => {
        logins = logins.filter((l) => l.registry !== input.registry);
        return { removed: true };
      },
    },
    { page: 'settings' },
  );
}

describe('SettingsPage', () => {
  it('shows the engine’s version and store paths, and the theme choice', async () => {
    renderSettings(() => undefined);
    const list = await screen.findByLabelText('Engine information');
    expect(list.textContent).toContain('0.7.0');
    expect(list.textContent).toContain('/var/lib/berth/storage');
    expect(list.textContent).toContain('crun /usr/bin/crun');
    fireEvent.change(screen.getByRole('combobox', { name: 'Color theme' }), { target: { value: 'light' } });
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('lists logins, logs in (clearing the password) and out', async () => {
    const { transport } = renderSettings((input) => ({ registry: input.registry, username: 'bob' }));
    const list = await screen.findByRole('list', { name: 'Registry logins' });
    expect(list.textContent).toContain('quay.io as alice');
    expect(screen.getByText('/run/containers/0/auth.json')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Log in to a registry' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Registry' }), {
      target: { value: '127.0.0.1:5000' },
    });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Username' }), { target: { value: 'bob' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 's3cret' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: /Skip TLS verification/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Log in' }));
    expect(await within(form).findByText('Logged in to 127.0.0.1:5000 as bob.')).toBeTruthy();
    expect(transport.callsOf('registries.login')).toEqual([
      { registry: '127.0.0.1:5000', username: 'bob', password: 's3cret', tlsVerify: false },
    ]);
    expect((within(form).getByLabelText('Password') as HTMLInputElement).value).toBe('');
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Registry logins' }).textContent).toContain(
        '127.0.0.1:5000 as bob',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Log out of quay.io' }));
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Registry logins' }).textContent).not.toContain('quay.io'),
    );
    expect(transport.callsOf('registries.logout')).toEqual([{ registry: 'quay.io' }]);
  });

  it('shows why a login was refused', async () => {
    renderSettings(() => {
      throw new EngineCallError('logging into "quay.io": invalid username/password', 'invalid-input');
    });
    const form = await screen.findByRole('form', { name: 'Log in to a registry' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Registry' }), {
      target: { value: 'quay.io' },
    });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Username' }), { target: { value: 'x' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'y' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Log in' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('invalid username/password');
  });
});
