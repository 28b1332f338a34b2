// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { containerSummary } from '../../testing/container-fixtures.js';
import { imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const busybox = imageSummary('b0b0', ['127.0.0.1:5000/library/busybox:latest']);

function open(create: (input: unknown) => unknown) {
  const made: unknown[] = [];
  return renderApp(
    {
      'images.list': () => [busybox],
      'containers.list': () => made,
      'containers.create': (input: unknown) => {
        const summary = create(input);
        made.push(summary);
        return summary;
      },
    },
    { page: 'containers', create: true },
  );
}

const field = (name: string) => screen.getByRole('textbox', { name });

describe('CreateContainerForm', () => {
  it('sends what the user chose, the command split as a shell would, and shows the list', async () => {
    const created = containerSummary('cc', 'hello');
    const { transport } = open(() => created);
    fireEvent.change(screen.getByRole('combobox', { name: 'Image' }), {
      target: { value: busybox.RepoTags![0] },
    });
    fireEvent.change(field('Name'), { target: { value: 'hello' } });
    fireEvent.change(field('Command'), { target: { value: `sh -c 'echo hello-from-berth; sleep 1000'` } });
    fireEvent.click(screen.getByRole('button', { name: 'Add port' }));
    fireEvent.change(field('Ports 1'), { target: { value: '8080:80' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add environment variable' }));
    fireEvent.change(field('Environment variables 1'), { target: { value: 'A=1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add volume' }));
    fireEvent.change(field('Volumes 1'), { target: { value: 'data:/data' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Restart policy' }), {
      target: { value: 'on-failure' },
    });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Maximum retries' }), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create and start' }));
    expect(await screen.findByRole('button', { name: 'hello' })).toBeTruthy();
    expect(transport.callsOf('containers.create')).toEqual([
      {
        image: busybox.RepoTags![0],
        name: 'hello',
        command: ['sh', '-c', 'echo hello-from-berth; sleep 1000'],
        env: ['A=1'],
        ports: ['8080:80'],
        volumes: ['data:/data'],
        restartPolicy: { name: 'on-failure', maxRetries: 3 },
        tty: false,
        interactive: false,
        start: true,
      },
    ]);
  });

  it('refuses what the engine would refuse, field by field, without calling it', () => {
    const { transport } = open(() => undefined);
    fireEvent.change(field('Name'), { target: { value: 'bad name' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add environment variable' }));
    fireEvent.change(field('Environment variables 1'), { target: { value: 'NOVALUE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create and start' }));
    expect(screen.getByText(/Choose an image/)).toBeTruthy();
    expect(screen.getByText(/starting with a letter or digit/)).toBeTruthy();
    expect(screen.getByText('use NAME=value')).toBeTruthy();
    fireEvent.change(field('Command'), { target: { value: `sh -c 'oops` } });
    fireEvent.click(screen.getByRole('button', { name: 'Create and start' }));
    expect(screen.getByText('unclosed single quote in the command')).toBeTruthy();
    expect(transport.callsOf('containers.create')).toEqual([]);
  });

  it('shows the engine’s refusal', async () => {
    open(() => {
      throw new Error('the container name "hello" is already in use');
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Image' }), { target: { value: 'busybox' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create and start' }));
    expect((await screen.findByRole('alert')).textContent).toContain('already in use');
  });
});
