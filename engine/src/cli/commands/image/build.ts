// `berth build [CONTEXT]` (also `image build`): podman's flags and output — each step as it runs
// (`STEP 2/6: RUN make`, the command's output, `--> <id>`), `COMMIT`, the tags, and the image ID
// last; with -q only the ID. The context is a folder, or `-`: a tar stream (or a Containerfile
// alone) on stdin.
import { writeFileSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { formatBuildEvent, type BuildEvent } from '../../../build/build-events.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from '../container/container-context.js';

const PULL_POLICIES: Record<string, 'always' | 'missing' | 'never'> = {
  always: 'always',
  true: 'always',
  missing: 'missing',
  false: 'missing',
  never: 'never',
};

/** `KEY=value` flags as a record; `KEY` alone takes the value from the environment (podman). */
function keyValues(list: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq === 0) throw new CliError(`invalid --${flag} "${item}": use KEY=value`);
    if (eq === -1) {
      const fromEnv = process.env[item];
      if (fromEnv !== undefined) out[item] = fromEnv;
      continue;
    }
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** stdin as a context archive (tar, maybe compressed), or as the Containerfile's text. */
async function readStdinContext(): Promise<{ archive?: Readable; fileText?: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const data = Buffer.concat(chunks);
  const compressed =
    (data[0] === 0x1f && data[1] === 0x8b) || (data.length >= 4 && data.readUInt32LE(0) === 0xfd2fb528);
  const tar = data.length >= 262 && data.subarray(257, 262).toString('latin1') === 'ustar';
  if (compressed || tar) return { archive: new PassThrough().end(data) };
  return { fileText: data.toString('utf8') };
}

const command: CommandModule = {
  usage: '[options] [CONTEXT]',
  description:
    'Builds an OCI or Docker image using instructions from one or more Containerfiles and a specified build context directory.',
  examples: [
    'berth build .',
    'berth build --creds=username:password -t imageName -f Containerfile.simple .',
    'berth build --layers --force-rm --tag imageName .',
  ],
  flags: [
    {
      name: 'build-arg',
      type: 'stringArray',
      valueName: 'argument=value',
      help: 'argument=value to supply to the builder',
    },
    {
      name: 'file',
      short: 'f',
      type: 'string',
      valueName: 'pathname or URL',
      help: 'pathname or URL of a Dockerfile',
    },
    {
      name: 'format',
      type: 'string',
      default: 'oci',
      help: "format of the built image's manifest and metadata (oci or docker)",
    },
    { name: 'iidfile', type: 'string', valueName: 'file', help: 'file to write the image ID to' },
    { name: 'label', type: 'stringArray', help: 'set metadata for an image (default [])' },
    {
      name: 'layers',
      type: 'bool',
      default: true,
      help: 'use intermediate layers during build. Use BUILDAH_LAYERS environment variable to override.',
    },
    {
      name: 'network',
      type: 'string',
      help: 'network mode of RUN containers: host (default), none, bridge or a network name',
    },
    {
      name: 'no-cache',
      type: 'bool',
      help: 'do not use existing cached images for the container build. Build from the start with a new set of cached layers.',
    },
    {
      name: 'platform',
      type: 'string',
      help: 'set the OS/ARCH[/VARIANT] of the image to the provided value instead of the current operating system and architecture of the host',
    },
    {
      name: 'pull',
      type: 'string',
      default: 'missing',
      help: 'pull base and SBOM scanner images from the registry if policy is always, missing or never',
    },
    {
      name: 'quiet',
      short: 'q',
      type: 'bool',
      help: 'refrain from announcing build instructions and image read/write progress',
    },
    {
      name: 'rm',
      type: 'bool',
      default: true,
      help: 'remove intermediate containers after a successful build',
    },
    {
      name: 'force-rm',
      type: 'bool',
      default: true,
      help: 'always remove intermediate containers after a build, even if the build is unsuccessful',
    },
    {
      name: 'tag',
      short: 't',
      type: 'stringArray',
      valueName: 'name',
      help: 'tagged name to apply to the built image',
    },
    { name: 'target', type: 'string', help: 'set the target build stage to build' },
    {
      name: 'tls-verify',
      type: 'bool',
      default: true,
      help: 'require HTTPS and verify certificates when accessing the registry',
    },
  ],
  args: { max: 1 },
  async run(ctx) {
    const f = ctx.flags;
    const pull = PULL_POLICIES[(f.string('pull') || 'missing').toLowerCase()];
    if (!pull) throw new CliError(`invalid pull policy "${f.string('pull')}": use always, missing or never`);
    const format = f.string('format') || 'oci';
    if (format !== 'oci' && format !== 'docker')
      throw new CliError(`unrecognized image type "${format}": use oci or docker`);
    const quiet = f.bool('quiet');
    const contextArg = ctx.args[0] ?? '.';
    const stdin = contextArg === '-' ? await readStdinContext() : {};
    return withContainerStore(ctx, async (store, conf) => {
      const { buildImage } = await import('../../../build/build-image.js');
      let lineOpen = false;
      const print = (event: BuildEvent) => {
        if (event.type === 'output') {
          ctx.stdout.write(event.data);
          lineOpen = !event.data.endsWith('\n');
          return;
        }
        if (event.type === 'done') return;
        const text = formatBuildEvent(event);
        if (text === undefined) return;
        const target = event.type === 'warning' ? ctx.stderr : ctx.stdout;
        target.write(`${lineOpen ? '\n' : ''}${text}\n`);
        lineOpen = false;
      };
      const result = await buildImage(store, {
        contextDir: contextArg === '-' ? undefined : contextArg,
        contextArchive: stdin.archive,
        fileText: stdin.fileText,
        file: f.string('file') || undefined,
        tags: f.list('tag'),
        buildArgs: keyValues(f.list('build-arg'), 'build-arg'),
        labels: keyValues(f.list('label'), 'label'),
        noCache: f.bool('no-cache'),
        layers:
          process.env.BUILDAH_LAYERS !== undefined && !f.has('layers')
            ? process.env.BUILDAH_LAYERS !== 'false'
            : f.bool('layers'),
        pull,
        platform: f.string('platform') || undefined,
        target: f.string('target') || undefined,
        network: f.string('network') || undefined,
        format,
        registriesConf: await conf(),
        tlsVerify: f.has('tls-verify') ? f.bool('tls-verify') : undefined,
        onEvent: quiet ? (event) => event.type === 'warning' && print(event) : print,
      });
      const iidfile = f.string('iidfile');
      if (iidfile) writeFileSync(iidfile, `sha256:${result.imageId}`);
      ctx.stdout.write(`${result.imageId}\n`);
    });
  },
};
export default command;
