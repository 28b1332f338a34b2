// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { InfoReport } from '../../../../engine/src/contract/system-types.js';
import { App } from '../../app/App.js';
import { createEngineClient } from '../../api/engine-client.js';
import { EngineCallError, type Transport } from '../../transport/transport.js';

const info: InfoReport = {
  host: {
    arch: 'amd64',
    cgroupControllers: [],
    cgroupManager: 'cgroupfs',
    cgroupVersion: 'v1',
    conmon: { package: 'conmon', path: '/usr/bin/conmon', version: 'conmon version 2.1.6' },
    cpus: 2,
    distribution: { distribution: 'debian', version: '12', codename: 'bookworm' },
    eventLogger: 'file',
    hostname: 'h',
    kernel: '6.1.0',
    memFree: 1_000_000_000,
    memTotal: 24_000_000_000,
    networkBackend: 'netavark',
    ociRuntime: { name: 'runc', package: 'runc', path: '/usr/sbin/runc', version: 'runc version 1.1.5' },
    os: 'linux',
    security: { rootless: false },
    slirp4netns: null,
    pasta: null,
    swapFree: 0,
    swapTotal: 0,
    uptime: '1h 0m 0s',
  },
  store: {
    configFile: '',
    containerStore: { number: 3, paused: 0, running: 1, stopped: 2 },
    graphDriverName: 'overlay',
    graphOptions: {},
    graphRoot: '/var/lib/berth',
    imageStore: { number: 7 },
    runRoot: '/run/berth',
    volumePath: '/var/lib/berth/volumes',
  },
  version: {
    APIVersion: '4.3.1',
    Version: '0.1.0',
    NodeVersion: 'v20',
    GitCommit: '',
    BuiltTime: 0,
    Built: '',
    OsArch: 'linux/amd64',
    Os: 'linux',
  },
};

function fakeTransport(handler: (method: string) => unknown): Transport {
  return {
    call: async (method) => handler(method),
    openStream: (_name, _input, _window, sink) => {
      queueMicrotask(() => sink.end({ message: 'no streams here', code: 'unknown-method' }));
      return { send: () => undefined, credit: () => undefined, cancel: () => undefined };
    },
    onStatus: (l) => {
      l('connected');
      return () => undefined;
    },
    close: () => undefined,
  };
}

function renderApp(transport: Transport) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<App client={createEngineClient(transport)} queryClient={queryClient} />);
}

afterEach(cleanup);

describe('Dashboard', () => {
  it('shows counts, runtime and storage from system.info', async () => {
    renderApp(fakeTransport((m) => (m === 'system.info' ? info : undefined)));
    expect(await screen.findByTestId('oci-runtime')).toHaveProperty(
      'textContent',
      'runc (runc version 1.1.5)',
    );
    expect(screen.getByTestId('stat-containers').textContent).toContain('3');
    expect(screen.getByTestId('stat-containers').textContent).toContain('1 running');
    expect(screen.getByTestId('stat-images').textContent).toContain('7');
    expect(screen.getByTestId('graph-root').textContent).toBe('/var/lib/berth');
    expect(screen.getByRole('status').textContent).toContain('Engine connected');
  });

  it('says what failed when the engine call fails', async () => {
    renderApp(
      fakeTransport(() => {
        throw new EngineCallError('database is locked', 'internal');
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('database is locked');
  });
});
