// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../../engine/src/contract/image-types.js';
import { useTaskStore } from '../../stores/task-store.js';
import { imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';
import { OutputLines } from './build-task.js';

afterEach(cleanup);

async function openBuild(images: ImageSummary[] = []) {
  const app = renderApp(
    {
      'images.list': (input: { filters?: string[] }) =>
        input.filters?.length ? images.filter((i) => input.filters!.includes(`id=${i.Id}`)) : [],
    },
    { page: 'images' },
    ['events.stream', 'images.build'],
  );
  fireEvent.click(await screen.findByRole('button', { name: 'Build image' }));
  const dialog = screen.getByRole('dialog', { name: 'Build an image' });
  return { ...app, dialog };
}

function fillInline(dialog: HTMLElement, contextDir: string) {
  fireEvent.change(within(dialog).getByRole('textbox', { name: 'Context folder' }), {
    target: { value: contextDir },
  });
  fireEvent.click(within(dialog).getByRole('radio', { name: 'Written here' }));
  fireEvent.change(within(dialog).getByRole('textbox', { name: 'Containerfile text' }), {
    target: { value: 'FROM busybox\nRUN echo hi' },
  });
  fireEvent.change(within(dialog).getByRole('textbox', { name: 'Tags 1' }), {
    target: { value: 'localhost/hello:1' },
  });
}

describe('BuildImageDialog', () => {
  it('refuses a relative context folder and a malformed build arg, with the contract’s messages', async () => {
    const { dialog, transport } = await openBuild();
    fillInline(dialog, 'relative/dir');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add build arg' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Build args 1' }), {
      target: { value: '=x' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Build' }));
    expect(await within(dialog).findByText('use an absolute path (starting with /)')).toBeTruthy();
    expect(within(dialog).getByText(/the key may not be empty/)).toBeTruthy();
    expect(transport.stream('images.build')).toBeUndefined();
  });

  it('streams the build log live and adds the built image to the list', async () => {
    const built = imageSummary('feed', ['localhost/hello:1']);
    const { dialog, transport } = await openBuild([built]);
    fillInline(dialog, '/src/app');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Do not use the layer cache' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Build' }));
    const stream = transport.stream('images.build')!;
    expect(stream.input).toEqual({
      contextDir: '/src/app',
      fileText: 'FROM busybox\nRUN echo hi',
      tags: ['localhost/hello:1'],
      buildArgs: {},
      noCache: true,
    });
    act(() => {
      stream.push({ type: 'step', stage: 1, stages: 1, step: 1, steps: 2, text: 'STEP 1/2: FROM busybox' });
      stream.push({ type: 'step', stage: 1, stages: 1, step: 2, steps: 2, text: 'STEP 2/2: RUN echo hi' });
      // A chunk that does not end a line waits for the rest.
      stream.push({ type: 'output', stream: 'stdout', data: 'h' });
      stream.push({ type: 'output', stream: 'stdout', data: 'i\npart' });
    });
    const progress = await screen.findByRole('dialog', { name: 'Build localhost/hello:1' });
    const log = within(progress).getByLabelText('Build log');
    await waitFor(() => expect(log.textContent).toContain('STEP 2/2: RUN echo hi\nhi\n'));
    expect(log.textContent).not.toContain('part');
    expect(within(progress).getByRole('status').textContent).toBe('STEP 2/2: RUN echo hi');
    act(() => {
      stream.push({ type: 'line', text: 'COMMIT localhost/hello:1' });
      stream.push({ type: 'done', imageId: built.Id, names: ['localhost/hello:1'] });
      stream.end();
    });
    expect(await within(progress).findByText('Built localhost/hello:1')).toBeTruthy();
    expect(log.textContent).toContain('part\nCOMMIT localhost/hello:1');
    expect(transport.callsOf('images.list')).toEqual([{}, { filters: [`id=${built.Id}`] }]);
    fireEvent.click(within(progress).getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('button', { name: 'localhost/hello:1' })).toBeTruthy();
  });

  it('cancels the build in the engine and shows why a build failed', async () => {
    const { dialog, transport } = await openBuild();
    fillInline(dialog, '/src/app');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Build' }));
    const stream = transport.stream('images.build')!;
    const progress = await screen.findByRole('dialog', { name: /^Build / });
    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel build' }));
    expect(stream.cancelled).toBe(true);
    expect(await within(progress).findByText('Build cancelled: nothing was tagged')).toBeTruthy();
    expect(useTaskStore.getState().tasks[0]!.status).toBe('cancelled');

    fireEvent.click(within(progress).getByRole('button', { name: 'Close' }));
    fireEvent.click(screen.getByRole('button', { name: 'Build image' }));
    const again = screen.getByRole('dialog', { name: 'Build an image' });
    fillInline(again, '/src/app');
    fireEvent.click(within(again).getByRole('button', { name: 'Build' }));
    const failing = transport.stream('images.build')!;
    act(() => failing.end({ message: 'Containerfile:2: unknown instruction: RUNN', code: 'invalid-input' }));
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toBe('Containerfile:2: unknown instruction: RUNN');
  });
});

describe('OutputLines', () => {
  it('splits chunks into lines per stream and flushes what is left', () => {
    const lines = new OutputLines();
    expect(lines.push('stdout', 'a\nb')).toEqual([{ kind: 'stdout', text: 'a' }]);
    expect(lines.push('stderr', 'e\r\n')).toEqual([{ kind: 'stderr', text: 'e' }]);
    expect(lines.flush()).toEqual([{ kind: 'stdout', text: 'b' }]);
    expect(lines.flush()).toEqual([]);
  });
});
