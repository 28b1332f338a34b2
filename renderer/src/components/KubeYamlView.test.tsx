// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineCallError } from '../transport/transport.js';
import { containerInspect, containerSummary } from '../testing/container-fixtures.js';
import { podInspect, podSummary } from '../testing/pod-network-fixtures.js';
import { renderApp } from '../testing/render-app.js';

afterEach(cleanup);

const POD_YAML = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';

describe('KubeYamlView', () => {
  it('shows a pod’s generated YAML, with a Service on demand, to copy', async () => {
    const web = podSummary('aa', 'web', { members: [{ id: 'c1', name: 'web-app', state: 'running' }] });
    const { transport } = renderApp(
      {
        'pods.list': () => [web],
        'pods.inspect': () => podInspect(web),
        'kube.generate': (input: { service: boolean }) => ({
          yaml: input.service ? `kind: Service\n---\n${POD_YAML}` : POD_YAML,
          warnings: input.service ? ['pod web publishes no ports: no Service for it'] : [],
        }),
      },
      { page: 'pods', podId: web.Id, tab: 'Kube' },
    );
    const yaml = await screen.findByLabelText('Kubernetes YAML');
    expect(yaml.textContent).toBe(POD_YAML);
    expect(transport.callsOf('kube.generate')).toEqual([{ names: [web.Id], service: false }]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Add a Service for published ports' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Kubernetes YAML').textContent).toContain('kind: Service'),
    );
    expect(screen.getByRole('note').textContent).toContain('no Service');
    const writeText = vi.fn(() => Promise.resolve());
    Object.assign(navigator, { clipboard: { writeText } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(`kind: Service\n---\n${POD_YAML}`);
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('generates a pod member’s pod, and shows why generating failed', async () => {
    const member = { ...containerSummary('bb', 'web-app'), Pod: 'p'.padEnd(64, '0'), PodName: 'web' };
    renderApp(
      {
        'containers.list': () => [member],
        'containers.inspect': () => containerInspect(member),
        'kube.generate': () => {
          throw new EngineCallError('no pod or container with name or ID x found', 'engine');
        },
      },
      { page: 'containers', containerId: member.Id, tab: 'Kube' },
    );
    expect((await screen.findByRole('alert')).textContent).toContain('no pod or container');
    expect(screen.getByText(/belongs to a pod/)).toBeTruthy();
  });
});
