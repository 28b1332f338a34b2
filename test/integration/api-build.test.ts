// `docker build` with the legacy builder (DOCKER_BUILDKIT=0: docker 23+ uses BuildKit otherwise)
// against Berth's API service: the context goes up as a tar, the steps' output comes back as the
// JSON progress stream, and the image runs with `docker run --rm`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiService, type ApiService } from './helpers/api-service.js';
import { containerStore, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
let api: ApiService;
let context: string;
const legacy = { DOCKER_BUILDKIT: '0' };

beforeAll(async () => {
  store = await containerStore();
  api = await startApiService(store);
  context = mkdtempSync(path.join(os.tmpdir(), 'berth-api-build-'));
  writeFileSync(path.join(context, 'greeting.txt'), 'hello from the context\n');
  writeFileSync(
    path.join(context, 'Dockerfile'),
    [
      `FROM ${store.busybox}`,
      'ARG WHO=nobody',
      'COPY greeting.txt /greeting.txt',
      'RUN echo "built for $WHO" > /who.txt && echo step output',
      'CMD ["sh", "-c", "cat /greeting.txt /who.txt"]',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(context, 'Failing.Dockerfile'), `FROM ${store.busybox}\nRUN exit 7\n`);
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await store?.dispose();
  if (context) rmSync(context, { recursive: true, force: true });
});

describe('docker build against berth system service', () => {
  it('builds a tar context with build args, labels and two tags, then runs the image', async () => {
    const r = await api.docker(
      [
        'build',
        '-t',
        'berth-api-built',
        '-t',
        'berth-api-built:v2',
        '--build-arg',
        'WHO=docker',
        '--label',
        'made.by=api-test',
        '.',
      ],
      { env: legacy, cwd: context, timeoutMs: 120_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('STEP 1/5: FROM');
    expect(r.stdout).toContain('step output\n');
    expect(r.stdout).toMatch(/Successfully built [0-9a-f]{12}\n/);
    expect(r.stdout).toContain('Successfully tagged localhost/berth-api-built:latest\n');
    expect(r.stdout).toContain('Successfully tagged localhost/berth-api-built:v2\n');
    const run = await api.docker(['run', '--rm', 'berth-api-built'], { timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('hello from the context\nbuilt for docker\n');
    const label = await api.docker([
      'image',
      'inspect',
      '--format',
      '{{index .Config.Labels "made.by"}}',
      'berth-api-built:v2',
    ]);
    expect(label.stdout).toBe('api-test\n');
    // The same store as the CLI's.
    expect(
      await store.ok(['images', '--format', '{{.Tag}}', '--filter', 'reference=*/berth-api-built']),
    ).toBe('latest\nv2');
  });

  it('prints only the image ID with -q, and the cache is reused', async () => {
    const r = await api.docker(
      ['build', '-q', '--build-arg', 'WHO=docker', '--label', 'made.by=api-test', '.'],
      {
        env: legacy,
        cwd: context,
        timeoutMs: 120_000,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const id = (
      await api.docker(['image', 'inspect', '--format', '{{.Id}}', 'berth-api-built'])
    ).stdout.trim();
    // Same Dockerfile, args and labels: every step comes from the cache, so the same image.
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.stdout).toBe(`${id}\n`);
  });

  it('fails with the step error and the exit code reported, tagging nothing', async () => {
    const r = await api.docker(['build', '-f', 'Failing.Dockerfile', '-t', 'berth-api-failed', '.'], {
      env: legacy,
      cwd: context,
      timeoutMs: 120_000,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/exit (status|code) 7|exited with 7|status 7/);
    const images = await api.docker(['images', '-q', 'berth-api-failed']);
    expect(images.stdout).toBe('');
  });

  it('refuses a Dockerfile outside the context and a context over the body size', async () => {
    const outside = await api.request('POST', '/build?dockerfile=../../etc/passwd', Buffer.alloc(1024));
    expect(outside.status).toBe(200);
    const last = JSON.parse(outside.body.trim().split('\n').at(-1)!) as {
      error: string;
      errorDetail: unknown;
    };
    expect(last.error).toBe(
      'dockerfile ../../etc/passwd is outside the build context: name a file inside it',
    );
    expect(last.errorDetail).toEqual({ message: last.error });
    const badArgs = await api.request('POST', '/build?buildargs=notjson', Buffer.alloc(0));
    expect(badArgs.status).toBe(400);
    expect(JSON.parse(badArgs.body).message).toContain('malformed JSON in the buildargs query parameter');
  });
});
