// `berth build`: multi-stage builds FROM the fixture registry's busybox exercising every
// instruction, the layer cache (a rebuild reuses every step; a changed file rebuilds from its
// step), the ignore file, ADD of archives and URLs, failures (syntax errors by file:line, a
// failing RUN leaving no container, mount or tag behind), and the results run by berth and podman.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerStore, type ContainerStore } from './helpers/container-store.js';
import { PODMAN_AVAILABLE, tempPodmanStore } from './helpers/podman-store.js';

const PAGE = 'fetched over http\n';
let store: ContainerStore;
let work: string;
let server: http.Server;
let serverUrl: string;

beforeAll(async () => {
  store = await containerStore();
  work = mkdtempSync(path.join(os.tmpdir(), 'berth-build-'));
  server = http.createServer((req, res) => {
    if (req.url === '/page.txt') res.end(PAGE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  server.close();
  await store.dispose();
  rmSync(work, { recursive: true, force: true });
});

function context(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** A gzip'd tar holding `inner/file.txt`, made with the host's tar. */
function makeArchive(dir: string): void {
  mkdirSync(path.join(dir, 'src', 'inner'), { recursive: true });
  writeFileSync(path.join(dir, 'src', 'inner', 'file.txt'), 'from the archive\n');
  const r = spawnSync('tar', ['-czf', path.join(dir, 'bundle.tar.gz'), '-C', path.join(dir, 'src'), 'inner']);
  expect(r.status).toBe(0);
  rmSync(path.join(dir, 'src'), { recursive: true });
}

function buildContainerfile(busybox: string): string {
  const checksum = `sha256:${createHash('sha256').update(PAGE).digest('hex')}`;
  return `# syntax=docker/dockerfile:1
# escape=\\
ARG BASE=${busybox}
FROM $BASE AS builder
ARG GREETING=hello
ENV BUILT_BY=builder
RUN echo "$GREETING from $BUILT_BY" > /greeting && \\
    mkdir -p /out && cp /greeting /out/
COPY --chown=1000:100 --chmod=640 data/*.txt /out/data/

FROM \${BASE}
LABEL org.example.name="built app" version=1
ENV APP_DIR=/app PATH_NOTE="\${UNSET:-fallback}"
WORKDIR $APP_DIR
COPY --from=builder /out ./from-builder
COPY . ./ctx
ADD bundle.tar.gz /unpacked/
ADD --checksum=${checksum} ${serverUrl}/page.txt /downloaded/
COPY <<EOF /app/heredoc.txt
copied heredoc with $APP_DIR
EOF
RUN <<EOF
set -e
echo "run heredoc" > /app/run-heredoc.txt
rm /etc/motd 2>/dev/null || true
EOF
SHELL ["/bin/sh", "-c"]
RUN ["sh", "-c", "echo exec form > /app/exec.txt"]
USER 1000:100
EXPOSE 8080 53/udp
VOLUME /data
STOPSIGNAL SIGUSR1
HEALTHCHECK --interval=30s --retries=2 CMD test -f /app/heredoc.txt
ONBUILD RUN echo child
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["cat /app/from-builder/greeting"]
`;
}

describe('berth build', () => {
  let dir: string;
  let imageId: string;
  const tag = 'localhost/build-test:latest';

  it('builds a multi-stage image exercising every instruction, streaming podman-style steps', async () => {
    dir = context('main', {
      'data/a.txt': 'file a\n',
      'data/b.txt': 'file b\n',
      'data/skip.md': 'not copied by the glob\n',
      'secret.key': 'must not be copied\n',
      'logs/x.log': 'ignored\n',
      'logs/keep.log': 'kept by an exception\n',
      '.containerignore': 'secret.key\nlogs\n!logs/keep.log\n**/*.tmp\n',
      'junk.tmp': 'ignored\n',
    });
    makeArchive(dir);
    writeFileSync(path.join(dir, 'Containerfile'), buildContainerfile(store.busybox));
    const r = await store.run(
      [
        'build',
        '-t',
        'build-test',
        '-t',
        'build-test:v2',
        '--build-arg',
        'GREETING=hi',
        '--label',
        'extra=yes',
        dir,
      ],
      { timeoutMs: 120_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    imageId = lines.at(-1)!;
    expect(imageId).toMatch(/^[a-f0-9]{64}$/);
    expect(lines).toContain(`[1/2] STEP 1/5: FROM $BASE AS builder`);
    expect(lines).toContain('[2/2] STEP 2/20: LABEL org.example.name="built app" version=1');
    expect(lines).toContain('[2/2] COMMIT build-test, build-test:v2');
    expect(lines).toContain(`--> ${imageId.slice(0, 11)}`);
    expect(lines).toContain(`Successfully tagged ${tag}`);
    expect(lines).toContain('Successfully tagged localhost/build-test:v2');
    expect(r.stdout).not.toContain('Using cache');

    // The result runs: ENTRYPOINT + CMD, the build arg baked in by RUN.
    expect(await store.ok(['run', '--rm', 'build-test'])).toBe('hi from builder');
    const files = await store.ok([
      'run', '--rm', '--user', '0', 'build-test',
      'cd /app && find ctx from-builder /unpacked /downloaded | sort && cat heredoc.txt run-heredoc.txt exec.txt /unpacked/inner/file.txt /downloaded/page.txt && stat -c "%u:%g %a %n" from-builder/data/a.txt /downloaded/page.txt && pwd && id -u && test ! -e /etc/motd && echo no-motd',
    ]); // prettier-ignore
    const shown = files.split('\n');
    expect(shown).toContain('ctx/data/a.txt');
    expect(shown).toContain('ctx/logs/keep.log');
    expect(shown).not.toContain('ctx/secret.key');
    expect(shown).not.toContain('ctx/logs/x.log');
    expect(shown).not.toContain('ctx/junk.tmp');
    expect(shown).toContain('from-builder/data/b.txt');
    expect(shown).not.toContain('from-builder/data/skip.md');
    expect(shown).toContain('/unpacked/inner/file.txt');
    expect(files).toContain(
      'copied heredoc with /app\nrun heredoc\nexec form\nfrom the archive\nfetched over http\n',
    );
    expect(files).toContain('1000:100 640 from-builder/data/a.txt');
    expect(files).toContain('0:0 600 /downloaded/page.txt');
    expect(files).toContain('/app\n0\nno-motd');
    expect(await store.ok(['run', '--rm', '--entrypoint', 'id', 'build-test', '-u'])).toBe('1000');

    const [config] = JSON.parse(await store.ok(['image', 'inspect', imageId])) as [
      { Config: Record<string, unknown> },
    ];
    expect(config.Config).toMatchObject({
      Env: expect.arrayContaining(['APP_DIR=/app', 'PATH_NOTE=fallback']),
      Labels: { 'org.example.name': 'built app', version: '1', extra: 'yes' },
      WorkingDir: '/app',
      User: '1000:100',
      ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
      Volumes: { '/data': {} },
      StopSignal: 'SIGUSR1',
      Entrypoint: ['/bin/sh', '-c'],
      Cmd: ['cat /app/from-builder/greeting'],
      OnBuild: ['RUN echo child'],
    });
    // ENV from the builder stage stays there.
    expect(config.Config.Env).not.toContain('BUILT_BY=builder');
    // Config-only steps add no layer: busybox's one, then COPY x2, ADD x2, heredoc COPY, RUN x2.
    const layers = await store.ok(['image', 'inspect', '--format', '{{len .RootFS.Layers}}', imageId]);
    expect(layers).toBe('8');
    expect(await store.ok(['ps', '-a', '-q'])).toBe('');
  }, 180_000);

  it('reuses every step on a rebuild, and rebuilds from the step whose copied file changed', async () => {
    const again = await store.run(
      ['build', '-t', 'build-test', '--build-arg', 'GREETING=hi', '--label', 'extra=yes', dir],
      { timeoutMs: 120_000 },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim().split('\n').at(-1)).toBe(imageId);
    // Every step after each FROM that makes an image was cached (ARG makes none).
    expect(again.stdout.match(/--> Using cache/g)).toHaveLength(3 + 19);
    expect(again.stdout).not.toContain('hi from');

    writeFileSync(path.join(dir, 'data', 'b.txt'), 'file b, changed\n');
    const changed = await store.run(['build', '-t', 'build-test', '--build-arg', 'GREETING=hi', dir], {
      timeoutMs: 120_000,
    });
    expect(changed.code, changed.stderr).toBe(0);
    const out = changed.stdout;
    // The builder's RUN is cached, its COPY of data/*.txt is not, nor anything after it.
    const between = (from: string, to?: string) =>
      out.slice(out.indexOf(from), to ? out.indexOf(to) : undefined);
    expect(between('[1/2] STEP 1/5', '[1/2] STEP 5/5').match(/--> Using cache/g)).toHaveLength(2);
    expect(between('[1/2] STEP 5/5', '[2/2] STEP 2/20')).not.toContain('Using cache');
    // Stage 2's LABEL, ENV and WORKDIR come before anything from the builder: still cached.
    expect(between('[2/2] STEP 2/20', '[2/2] STEP 5/20').match(/--> Using cache/g)).toHaveLength(3);
    expect(between('[2/2] STEP 5/20')).not.toContain('Using cache');
    expect(
      await store.ok(['run', '--rm', '--entrypoint', 'cat', 'build-test', '/app/from-builder/data/b.txt']),
    ).toBe('file b, changed');
    // --no-cache runs everything again.
    const fresh = await store.run(['build', '-q', '--no-cache', dir], { timeoutMs: 120_000 });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/^[a-f0-9]{64}\n$/);
  }, 240_000);

  it('treats step images as podman does: hidden without -a, kept by prune, removed with the image by rmi', async () => {
    const small = context('lineage', {
      Containerfile: `FROM ${store.busybox}\nRUN echo one > /one\nENV STEP=two\nRUN echo three > /three\n`,
    });
    const before = (await store.ok(['images', '-a', '-q', '--no-trunc'])).split('\n');
    const built = await store.run(['build', '-q', '-t', 'lineage-test', small], { timeoutMs: 120_000 });
    expect(built.code, built.stderr).toBe(0);
    const finalId = built.stdout.trim();
    const visible = (await store.ok(['images', '-q', '--no-trunc'])).split('\n');
    const all = (await store.ok(['images', '-a', '-q', '--no-trunc'])).split('\n');
    // RUN one and ENV make the step images under the final one (the last RUN is the image itself).
    const steps = all.filter((id) => !before.includes(id) && id !== `sha256:${finalId}`);
    expect(steps).toHaveLength(2);
    for (const id of steps) expect(visible).not.toContain(id);
    expect(visible).toContain(`sha256:${finalId}`);
    expect(await store.ok(['images', '-q', '--filter', 'dangling=true'])).not.toContain(finalId.slice(0, 12));
    await store.ok(['image', 'prune', '-f']);
    const rebuilt = await store.run(['build', '-t', 'lineage-test', small], { timeoutMs: 120_000 });
    expect(rebuilt.stdout.match(/--> Using cache/g)).toHaveLength(3);
    const removed = await store.ok(['rmi', 'lineage-test']);
    for (const id of steps) expect(removed).toContain(`Deleted: ${id.replace('sha256:', '')}`);
    const after = await store.ok(['images', '-a', '-q', '--no-trunc']);
    for (const id of [...steps, `sha256:${finalId}`]) expect(after).not.toContain(id);
  }, 240_000);

  it('ADD unpacks bzip2 and xz archives as Docker does, and refuses flags it cannot honour', async () => {
    const dir = context('compressed', {
      'src/inner/x.txt': 'from xz\n',
      'src2/inner/b.txt': 'from bzip2\n',
      Containerfile: `FROM ${store.busybox}\nADD a.tar.xz /xz/\nADD b.tar.bz2 /bz/\n`,
    });
    for (const [file, flag, src] of [
      ['a.tar.xz', '-cJf', 'src'],
      ['b.tar.bz2', '-cjf', 'src2'],
    ] as const) {
      expect(spawnSync('tar', [flag, path.join(dir, file), '-C', path.join(dir, src), 'inner']).status).toBe(
        0,
      );
      rmSync(path.join(dir, src), { recursive: true });
    }
    const built = await store.run(['build', '-q', '-t', 'compressed-test', dir], { timeoutMs: 120_000 });
    expect(built.code, built.stderr).toBe(0);
    expect(
      await store.ok(['run', '--rm', 'compressed-test', 'cat', '/xz/inner/x.txt', '/bz/inner/b.txt']),
    ).toBe('from xz\nfrom bzip2');
    writeFileSync(
      path.join(dir, 'Containerfile'),
      `FROM ${store.busybox}\nRUN --mount=type=cache,target=/c true\n`,
    );
    const refused = await store.run(['build', dir]);
    expect(refused.code).toBe(125);
    expect(refused.stderr).toMatch(/^Error: Containerfile:2: RUN --mount is not supported by Berth yet: /);
    await store.ok(['rmi', 'compressed-test']);
  }, 240_000);

  it('builds only what --target needs, from a Containerfile on stdin and a context tar on stdin', async () => {
    const target = await store.run(['build', '-q', '--target', 'builder', '-t', 'only-builder', dir], {
      timeoutMs: 120_000,
    });
    expect(target.code, target.stderr).toBe(0);
    expect(await store.ok(['run', '--rm', 'only-builder', 'cat', '/out/greeting'])).toBe(
      'hello from builder',
    );

    const fromStdin = await store.run(['build', '-t', 'from-stdin', '-'], {
      input: `FROM ${store.busybox}\nRUN echo piped > /piped\n`,
      timeoutMs: 60_000,
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(await store.ok(['run', '--rm', 'from-stdin', 'cat', '/piped'])).toBe('piped');

    const tarCtx = context('tar-context', {
      Containerfile: `FROM ${store.busybox}\nCOPY msg /msg\n`,
      msg: 'from a tar context\n',
    });
    const tarFile = path.join(work, 'ctx.tar');
    expect(spawnSync('tar', ['-cf', tarFile, '-C', tarCtx, '.']).status).toBe(0);
    const input = spawnSync('cat', [tarFile]).stdout.toString('latin1');
    const viaTar = await store.run(['build', '-q', '-t', 'from-tar', '-'], {
      input: Buffer.from(input, 'latin1') as unknown as string,
      timeoutMs: 60_000,
    });
    expect(viaTar.code, viaTar.stderr).toBe(0);
    expect(await store.ok(['run', '--rm', 'from-tar', 'cat', '/msg'])).toBe('from a tar context');
  }, 180_000);

  it('reports a syntax error with the file and line, and builds nothing', async () => {
    const bad = context('bad', {
      Dockerfile: `FROM ${store.busybox}\nRUN true\n\n# comment\nENV A=1\nLABEL x=y\nFOO bar\n`,
    });
    const r = await store.run(['build', '-t', 'never', bad]);
    expect(r.code).toBe(125);
    expect(r.stderr).toBe('Error: Dockerfile:7: unknown instruction: FOO\n');
    expect((await store.run(['image', 'exists', 'never'])).code).not.toBe(0);
  });

  it('a failing RUN shows the command and its exit code and leaves no container, mount or tag', async () => {
    const failing = context('failing', {
      Containerfile: `FROM ${store.busybox}\nCOPY f /f\nRUN echo about to fail && exit 3\nRUN echo never\n`,
      f: 'x\n',
    });
    const r = await store.run(['build', '-t', 'half-built', failing], { timeoutMs: 60_000 });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('about to fail');
    expect(r.stdout).not.toContain('STEP 4/4');
    expect(r.stderr).toBe(
      'Error: building at STEP "RUN echo about to fail && exit 3": while running runtime: exit status 3\n',
    );
    expect(await store.ok(['ps', '-a', '-q'])).toBe('');
    expect(store.mounts()).toEqual([]);
    expect(store.conmons()).toEqual([]);
    expect((await store.run(['image', 'exists', 'half-built'])).code).not.toBe(0);
    expect(readdirSync(path.join(store.root, 'tmp')).filter((n) => !n.startsWith('removing'))).toEqual([]);
  }, 60_000);

  it.skipIf(!PODMAN_AVAILABLE)(
    'podman runs the built image after save and load',
    async () => {
      const archive = path.join(work, 'built.tar');
      await store.ok(['save', '-o', archive, 'build-test']);
      const podman = tempPodmanStore();
      try {
        const loaded = podman.run(['load', '-i', archive]);
        expect(loaded.code, loaded.stderr).toBe(0);
        // runc with the cgroupfs manager and this host's file limit: podman's defaults fail here.
        const ran = podman.run([
        '--runtime', 'runc', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file',
        'run', '--rm', '--network', 'none', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024', 'localhost/build-test:latest',
      ]); // prettier-ignore
        expect(ran.code, ran.stderr).toBe(0);
        expect(ran.stdout.trim()).toBe('hi from builder');
      } finally {
        podman.cleanup();
      }
    },
    120_000,
  );
});
