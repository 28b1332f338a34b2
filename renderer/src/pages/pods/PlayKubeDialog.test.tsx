// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../stores/ui-store.js';
import { EngineCallError } from '../../transport/transport.js';
import { renderApp } from '../../testing/render-app.js';
import { yamlErrorLine } from './PlayKubeDialog.js';

afterEach(cleanup);

const YAML = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers: 7\n';

async function openPlay(handlers: Record<string, (input: never) => unknown>) {
  const app = renderApp({ 'pods.list': () => [], ...handlers }, { page: 'pods' });
  fireEvent.click(await screen.findByRole('button', { name: 'Play Kubernetes YAML' }));
  const dialog = screen.getByRole('dialog', { name: 'Play Kubernetes YAML' });
  fireEvent.change(within(dialog).getByRole('textbox', { name: 'Kubernetes YAML' }), {
    target: { value: YAML },
  });
  return { ...app, dialog };
}

describe('PlayKubeDialog', () => {
  it('plays the YAML with replace and lists what it created, linking to it', async () => {
    const { dialog, transport } = await openPlay({
      'kube.play': () => ({
        pods: [{ id: 'p1', name: 'demo', containers: [{ id: 'c1', name: 'demo-app' }] }],
        createdVolumes: [],
        replaced: { removed: ['old'], missing: [] },
      }),
      'containers.list': () => [],
    });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Replace pods of the same names' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Play' }));
    const result = await screen.findByRole('status', { name: 'Play result' });
    expect(transport.callsOf('kube.play')).toEqual([{ yaml: YAML, fileName: 'pasted.yaml', replace: true }]);
    expect(result.textContent).toContain('Replaced 1 existing pod(s).');
    fireEvent.click(within(result).getByRole('button', { name: 'demo-app' }));
    expect(useUiStore.getState().route).toEqual({ page: 'containers', containerId: 'c1' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the engine’s file:line error with the line it points at', async () => {
    const { dialog } = await openPlay({
      'kube.play': () => {
        throw new EngineCallError('pasted.yaml:6: spec.containers: expected an array', 'invalid-input');
      },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Play' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('pasted.yaml:6: spec.containers: expected an array');
    expect(within(alert).getByLabelText('YAML line').textContent).toBe('6 |   containers: 7');
  });
});

describe('yamlErrorLine', () => {
  it('finds the line only in messages about this file', () => {
    expect(yamlErrorLine('a.yaml:2: bad', 'a.yaml', 'x\ny\n')).toEqual({ line: 2, text: 'y' });
    expect(yamlErrorLine('b.yaml:2: bad', 'a.yaml', 'x\ny\n')).toBeUndefined();
    expect(yamlErrorLine('a.yaml:9: bad', 'a.yaml', 'x\n')).toBeUndefined();
  });
});
