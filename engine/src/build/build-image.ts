// `build`: runs a Containerfile's stages in order (only those the target needs), each step on
// the previous step's image, each result recorded and cached. The final image is named only when
// every step succeeded, so a failed build tags nothing; RUN containers and temporary mounts are
// removed by the steps themselves. Progress goes to `onEvent` (or the async iterable of
// buildImageEvents) as podman prints it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { RegistriesConf } from '../config/registries-conf.js';
import { imageLowerDirs } from '../container/container-rootfs.js';
import { appendEvent } from '../events/append-event.js';
import { applyChange, type RunConfig } from '../image/config-changes.js';
import { lookupImage } from '../image/image-lookup.js';
import { normalizeNewName } from '../image/image-names.js';
import { addImageNames, getImageRecord } from '../image/image-records.js';
import { parseImageConfig, type ImageConfig } from '../image/manifest.js';
import { formatPlatform, hostPlatform, parsePlatform, platformMatches } from '../image/platform.js';
import { imageStores } from '../image/stored-image.js';
import { imageStoreLayout } from '../image/store-layout.js';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { BuildCache, cacheKey } from './build-cache.js';
import { unpackContext } from './build-context.js';
import { BuildError, BuildSyntaxError } from './build-errors.js';
import type { BuildEvent, BuildEventListener } from './build-events.js';
import { parseContainerfile, type Containerfile, type Stage } from './containerfile.js';
import { prepareCopy } from './copy-step.js';
import { readIgnoreFile } from './ignore-file.js';
import { jsonArray, parseInstruction, type CommandForm, type Instruction } from './instructions.js';
import { lexContainerfile } from './lexer.js';
import { runStep } from './run-step.js';
import { recordStepImage, runConfigOf } from './step-image.js';
import { keyValuePairs, processWord, processWords, type Lookup } from './variables.js';

export type PullPolicy = 'always' | 'missing' | 'never';

export interface BuildOptions {
  /** The context folder... */
  contextDir?: string;
  /** ...or a tar stream of it (`build -`, the API service). */
  contextArchive?: Readable;
  /** The Containerfile's path (default: Containerfile, else Dockerfile, in the context)... */
  file?: string;
  /** ...or its text (read from stdin). */
  fileText?: string;
  tags?: readonly string[];
  buildArgs?: Readonly<Record<string, string>>;
  labels?: Readonly<Record<string, string>>;
  noCache?: boolean;
  /** Keep and reuse each step's image (default true); false: no cache at all. */
  layers?: boolean;
  pull?: PullPolicy;
  /** Must be the host's: RUN steps execute here. */
  platform?: string;
  target?: string;
  /** Network of RUN containers (default host, as the cheapest that works offline and online). */
  network?: string;
  format?: 'oci' | 'docker';
  registriesConf?: RegistriesConf;
  tlsVerify?: boolean;
  onEvent?: BuildEventListener;
  /** Stops the build before its next step and kills a running RUN step; nothing is tagged. */
  signal?: AbortSignal;
}

export interface BuildResult {
  imageId: string;
  names: string[];
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];
/** Arguments Docker defines without a declaration (and which never land in the image). */
const PREDEFINED_ARGS = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];

interface StageState {
  imageId: string;
  config: ImageConfig;
  run: RunConfig;
  shell: string[];
  /** ARGs declared in this stage, with their values. */
  args: Map<string, string>;
  /** Whether CMD was set in this stage (ENTRYPOINT clears an inherited CMD only). */
  cmdSet: boolean;
}

function envValue(env: readonly string[] | undefined, name: string): string | undefined {
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    if ((eq === -1 ? entry : entry.slice(0, eq)) === name) return eq === -1 ? '' : entry.slice(eq + 1);
  }
  return undefined;
}

function platformArgs(): Record<string, string> {
  const p = hostPlatform();
  const platform = formatPlatform(p);
  return {
    TARGETPLATFORM: platform,
    TARGETOS: p.os,
    TARGETARCH: p.architecture,
    TARGETVARIANT: p.variant ?? '',
    BUILDPLATFORM: platform,
    BUILDOS: p.os,
    BUILDARCH: p.architecture,
    BUILDVARIANT: p.variant ?? '',
  };
}

/** Stages the target needs: itself and, transitively, those its FROM and COPY --from name. */
function neededStages(file: Containerfile, target: Stage, globalLookup: Lookup): Set<number> {
  const byName = (name: string) =>
    file.stages.find((s) => s.alias === name.toLowerCase()) ??
    (/^\d+$/.test(name) ? file.stages[Number(name)] : undefined);
  const needed = new Set<number>();
  const visit = (stage: Stage) => {
    if (needed.has(stage.index)) return;
    needed.add(stage.index);
    const base = byName(processWord(stage.from.image, globalLookup, file.escape));
    if (base && base.index < stage.index) visit(base);
    for (const ins of stage.instructions)
      if ((ins.kind === 'COPY' || ins.kind === 'ADD') && ins.from !== undefined) {
        const source = byName(ins.from);
        if (source && source.index < stage.index) visit(source);
      }
  };
  visit(target);
  return needed;
}

class Builder {
  private readonly stores;
  private readonly cache: BuildCache;
  private readonly stageResults = new Map<number, string>();
  private readonly consumedArgs = new Set<string>();
  private readonly platform = formatPlatform(hostPlatform());
  private readonly globalArgs = new Map<string, string>();
  /** The step being run is the final image's last: its ID is shown after COMMIT instead. */
  private quietResult = false;

  constructor(
    private readonly store: Store,
    private readonly options: BuildOptions,
    private readonly file: Containerfile,
    private readonly context: { dir: string; ignore: ReturnType<typeof readIgnoreFile> },
    private readonly emit: BuildEventListener,
  ) {
    this.stores = imageStores(store);
    this.cache = new BuildCache(store);
    const buildArgs = options.buildArgs ?? {};
    for (const arg of file.globalArgs)
      for (const { key, value } of keyValuePairs(arg.rest, this.globalLookup(), file.escape, {
        allowBareKey: true,
      })) {
        const given = buildArgs[key];
        if (given !== undefined) this.consumedArgs.add(key);
        const resolved = given ?? value ?? platformArgs()[key];
        if (resolved !== undefined) this.globalArgs.set(key, resolved);
      }
  }

  private get useCache(): boolean {
    return this.options.layers !== false && !this.options.noCache;
  }

  globalLookup(): Lookup {
    return (name) => this.globalArgs.get(name);
  }

  private lookupFor(state: StageState): Lookup {
    return (name) => envValue(state.run.Env as string[] | undefined, name) ?? state.args.get(name);
  }

  async build(): Promise<BuildResult> {
    const { stages } = this.file;
    let target = stages.at(-1)!;
    if (this.options.target !== undefined) {
      const found = stages.find((s) => s.alias === this.options.target!.toLowerCase());
      if (!found)
        throw new BuildError(
          `the target "${this.options.target}" is not a stage of ${this.file.file}: use one of ${
            stages
              .map((s) => s.alias)
              .filter(Boolean)
              .join(', ') || '(no named stages)'
          }`,
        );
      target = found;
    }
    const needed = neededStages(this.file, target, this.globalLookup());
    const stagesToRun = stages.filter((s) => needed.has(s.index));
    let finalId = '';
    for (const [position, stage] of stagesToRun.entries()) {
      const last = stage === target;
      finalId = await this.buildStage(stage, position + 1, stagesToRun.length, last);
      this.stageResults.set(stage.index, finalId);
    }
    const unused = Object.keys(this.options.buildArgs ?? {}).filter(
      (k) => !this.consumedArgs.has(k) && !PREDEFINED_ARGS.includes(k),
    );
    if (unused.length > 0)
      this.emit({
        type: 'warning',
        message: `one or more build args were not consumed: [${unused.join(' ')}]`,
      });
    const names = (this.options.tags ?? []).map(normalizeNewName);
    if (names.length > 0) {
      await withLock(this.store.db, 'images', () => addImageNames(this.store.db, finalId, names));
      for (const name of names) {
        appendEvent(this.store, { Type: 'image', Status: 'tag', ID: finalId, Name: name });
        this.emit({ type: 'tagged', name });
      }
    }
    appendEvent(this.store, { Type: 'image', Status: 'build', ID: finalId, Name: names[0] ?? '' });
    this.emit({ type: 'done', imageId: finalId, names });
    return { imageId: finalId, names };
  }

  private async resolveBase(reference: string, step: string): Promise<string> {
    const conf = this.options.registriesConf;
    const search = conf?.unqualifiedSearchRegistries ?? [];
    const policy = this.options.pull ?? 'missing';
    const local = lookupImage(this.store.db, reference, search);
    if (local && policy !== 'always') return local.id;
    if (!local && policy === 'never')
      throw new BuildError(
        `${step}: ${reference}: image not known and --pull=never: pull it first, or use --pull=missing`,
      );
    const { pullImage } = await import('../image/pull-image.js');
    const result = await pullImage(this.store, {
      reference,
      registriesConf: conf,
      tlsVerify: this.options.tlsVerify,
      onEvent: (event) => {
        if (event.type === 'trying')
          this.emit({ type: 'pull', message: `Trying to pull ${event.reference}...` });
        else if (event.type === 'resolved')
          this.emit({ type: 'pull', message: 'Getting image source signatures' });
        else if (event.type === 'layer' && (event.status === 'done' || event.status === 'skipped'))
          this.emit({ type: 'pull', message: `Copying blob ${event.digest}` });
        else if (event.type === 'config')
          this.emit({
            type: 'pull',
            message: `Copying config ${event.digest}\nWriting manifest to image destination\nStoring signatures`,
          });
      },
    });
    return result.imageId;
  }

  /** A stage's base: scratch, an earlier stage, or an image (pulled per the policy). */
  private async baseState(stage: Stage, step: string): Promise<StageState> {
    const reference = processWord(stage.from.image, this.globalLookup(), this.file.escape);
    if (stage.from.platform !== undefined) {
      const wanted = processWord(stage.from.platform, this.globalLookup(), this.file.escape);
      if (!platformMatches(hostPlatform(), parsePlatform(wanted)))
        throw new BuildError(
          `${this.file.file}:${stage.from.line}: FROM --platform=${wanted}: only the host's platform (${this.platform}) can be built here`,
        );
    }
    let imageId: string;
    const earlier = this.file.stages.find(
      (s) => s.alias === reference.toLowerCase() && s.index < stage.index,
    );
    if (earlier) imageId = this.stageResults.get(earlier.index)!;
    else if (reference === 'scratch') imageId = await this.scratchImage();
    else imageId = await this.resolveBase(reference, step);
    const record = getImageRecord(this.store.db, imageId)!;
    const config = parseImageConfig(
      Buffer.from(record.config),
      `the config of image ${imageId.slice(0, 12)}`,
    );
    return {
      imageId,
      config,
      run: runConfigOf(config),
      shell: DEFAULT_SHELL,
      args: new Map(),
      cmdSet: false,
    };
  }

  /** An image with no layers and an empty config: FROM scratch (the same ID every time). */
  private async scratchImage(): Promise<string> {
    const p = hostPlatform();
    const config: ImageConfig = {
      architecture: p.architecture,
      os: p.os,
      ...(p.variant ? { variant: p.variant } : {}),
      config: {},
      rootfs: { type: 'layers', diff_ids: [] },
    };
    const { recordImage, sha256Digest } = await import('../image/image-commit.js');
    const { buildManifest } = await import('../image/manifest-build.js');
    const configBody = Buffer.from(JSON.stringify(config));
    const manifest = buildManifest('oci', { digest: sha256Digest(configBody), size: configBody.length }, []);
    return recordImage(this.store, this.stores.layers, this.stores.blobs, {
      manifests: [{ digest: sha256Digest(manifest.body), body: manifest.body }],
      manifestMediaType: manifest.mediaType,
      configBody,
      config,
      names: [],
      what: 'building FROM scratch',
      retry: 'run the build again',
    });
  }

  private async buildStage(
    stage: Stage,
    position: number,
    stageCount: number,
    last: boolean,
  ): Promise<string> {
    const steps = stage.instructions.length + 1;
    const stepEvent = (step: number, instruction: string): BuildEvent => ({
      type: 'step',
      stage: position,
      stages: stageCount,
      step,
      steps,
      instruction,
    });
    this.emit(stepEvent(1, stage.from.text));
    let state = await this.baseState(stage, stage.from.text);
    // ONBUILD triggers of the base run first, then are not passed on.
    const triggers = (state.run.OnBuild as string[] | undefined) ?? [];
    if (triggers.length > 0) {
      state.run = { ...state.run, OnBuild: undefined };
      for (const trigger of triggers) {
        const [raw] = lexContainerfile(trigger, `ONBUILD of ${stage.from.image}`).instructions;
        if (raw)
          state = await this.step(state, parseInstruction({ ...raw, line: stage.from.line }, this.file.file));
      }
    }
    for (const [i, instruction] of stage.instructions.entries()) {
      this.options.signal?.throwIfAborted();
      this.emit(stepEvent(i + 2, instruction.text));
      // podman shows the final image's ID after COMMIT, not after its last step.
      this.quietResult = last && i === stage.instructions.length - 1;
      state = await this.step(state, instruction);
    }
    this.quietResult = false;
    if (!last) {
      if (stage.instructions.length === 0) this.emit({ type: 'step-done', imageId: state.imageId });
      return state.imageId;
    }
    this.emit({ type: 'commit', stage: position, stages: stageCount, names: [...(this.options.tags ?? [])] });
    const labels = this.options.labels ?? {};
    if (Object.keys(labels).length > 0) {
      state = await this.commit(
        state,
        `LABEL ${JSON.stringify(labels)}`,
        undefined,
        async () => ({
          run: { ...state.run, Labels: { ...(state.run.Labels ?? {}), ...labels } },
          createdBy: `/bin/sh -c #(nop) LABEL ${Object.entries(labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
        }),
        { quiet: true },
      );
    }
    this.emit({ type: 'step-done', imageId: state.imageId });
    return state.imageId;
  }

  /** One step with the cache: a hit reuses the recorded image, a miss runs `work` and records it. */
  private async commit(
    state: StageState,
    instructionKey: string,
    extra: string | undefined,
    work: () => Promise<{ run: RunConfig; layer?: string; createdBy: string }>,
    options: { quiet?: boolean } = {},
  ): Promise<StageState> {
    const key = cacheKey({
      parent: state.imageId,
      instruction: instructionKey,
      extra,
      platform: this.platform,
    });
    if (this.useCache) {
      const cached = this.cache.get(key);
      if (cached) {
        if (!options.quiet) this.emit({ type: 'cache', imageId: cached });
        const record = getImageRecord(this.store.db, cached)!;
        const config = parseImageConfig(
          Buffer.from(record.config),
          `the config of image ${cached.slice(0, 12)}`,
        );
        if (!options.quiet && !this.quietResult) this.emit({ type: 'step-done', imageId: cached });
        return { ...state, imageId: cached, config, run: runConfigOf(config) };
      }
    }
    const result = await work();
    const recorded = await recordStepImage(this.store, this.stores, {
      config: state.config,
      runConfig: result.run,
      layer: result.layer,
      createdBy: result.createdBy,
      docker: this.options.format === 'docker',
    });
    if (this.options.layers !== false) this.cache.put(key, recorded.imageId);
    if (!options.quiet && !this.quietResult) this.emit({ type: 'step-done', imageId: recorded.imageId });
    return {
      ...state,
      imageId: recorded.imageId,
      config: recorded.config,
      run: runConfigOf(recorded.config),
    };
  }

  private async step(state: StageState, ins: Instruction): Promise<StageState> {
    const escape = this.file.escape;
    const lookup = this.lookupFor(state);
    const expand = (word: string) => processWord(word, lookup, escape);
    const nop = (text: string) => `/bin/sh -c #(nop) ${text}`;
    switch (ins.kind) {
      case 'ARG': {
        const buildArgs = this.options.buildArgs ?? {};
        const args = new Map(state.args);
        for (const { key, value } of keyValuePairs(ins.rest, lookup, escape, { allowBareKey: true })) {
          const given = buildArgs[key];
          if (given !== undefined) this.consumedArgs.add(key);
          const resolved = given ?? value ?? this.globalArgs.get(key) ?? platformArgs()[key];
          if (resolved !== undefined) args.set(key, resolved);
          else args.delete(key);
        }
        // ARG changes no image: later steps' keys include the values they see.
        return { ...state, args };
      }
      case 'RUN':
        return this.runInstruction(state, ins);
      case 'COPY':
      case 'ADD':
        return this.copyInstruction(state, ins, lookup);
      case 'SHELL':
        return this.commit(state, ins.text, undefined, async () => ({
          run: { ...state.run, Shell: ins.shell },
          createdBy: nop(ins.text),
        })).then((s) => ({ ...s, shell: ins.shell }));
      default: {
        const { run, text } = this.metadataChange(state, ins, expand, lookup);
        const next = await this.commit(state, text, undefined, async () => ({ run, createdBy: nop(text) }));
        return { ...next, cmdSet: state.cmdSet || ins.kind === 'CMD' };
      }
    }
  }

  /** Instructions that only change the config: the new run config, and the text as expanded. */
  private metadataChange(
    state: StageState,
    ins: Instruction,
    expand: (w: string) => string,
    lookup: Lookup,
  ): { run: RunConfig; text: string } {
    const escape = this.file.escape;
    const run: RunConfig = { ...state.run };
    const command = (form: CommandForm) =>
      form.form === 'exec' ? form.args : [...state.shell, form.command];
    switch (ins.kind) {
      case 'ENV': {
        const pairs = keyValuePairs(ins.rest, lookup, escape);
        let env = [...((run.Env as string[] | undefined) ?? [])];
        for (const { key, value } of pairs) {
          if (value === undefined)
            throw new BuildSyntaxError(
              this.file.file,
              ins.line,
              `ENV ${key} has no value: use ENV ${key}=value`,
            );
          env = [...env.filter((e) => e.split('=')[0] !== key), `${key}=${value}`];
        }
        run.Env = env;
        return { run, text: `ENV ${pairs.map((p) => `${p.key}=${JSON.stringify(p.value)}`).join(' ')}` };
      }
      case 'LABEL': {
        const pairs = keyValuePairs(ins.rest, lookup, escape);
        run.Labels = {
          ...(run.Labels ?? {}),
          ...Object.fromEntries(pairs.map((p) => [p.key, p.value ?? ''])),
        };
        return {
          run,
          text: `LABEL ${pairs.map((p) => `${p.key}=${JSON.stringify(p.value ?? '')}`).join(' ')}`,
        };
      }
      case 'WORKDIR': {
        const dir = path.posix.resolve(run.WorkingDir || '/', expand(ins.value));
        run.WorkingDir = dir;
        return { run, text: `WORKDIR ${dir}` };
      }
      case 'USER':
        run.User = expand(ins.value);
        return { run, text: `USER ${run.User}` };
      case 'STOPSIGNAL':
        run.StopSignal = expand(ins.value);
        return { run, text: `STOPSIGNAL ${run.StopSignal}` };
      case 'MAINTAINER':
        // Deprecated by Docker; kept as the `maintainer` label, which is what it suggests instead.
        return { run: applyChange(run, `LABEL maintainer=${JSON.stringify(ins.value)}`), text: ins.text };
      case 'CMD':
        run.Cmd = command(ins.command);
        return { run, text: `CMD ${JSON.stringify(run.Cmd)}` };
      case 'ENTRYPOINT': {
        const words = ins.command.form === 'shell' && ins.command.command === '' ? [] : command(ins.command);
        run.Entrypoint = words.length > 0 ? words : undefined;
        if (!state.cmdSet) run.Cmd = undefined;
        return { run, text: `ENTRYPOINT ${JSON.stringify(words)}` };
      }
      case 'EXPOSE': {
        const ports = processWords(ins.rest, lookup, escape).map((p) =>
          p.includes('/') ? p.toLowerCase() : `${p}/tcp`,
        );
        for (const port of ports)
          if (!/^\d+(-\d+)?\/(tcp|udp|sctp)$/.test(port))
            throw new BuildSyntaxError(
              this.file.file,
              ins.line,
              `invalid port "${port}" in EXPOSE: use PORT[/tcp|/udp|/sctp]`,
            );
        run.ExposedPorts = { ...(run.ExposedPorts ?? {}), ...Object.fromEntries(ports.map((p) => [p, {}])) };
        return { run, text: `EXPOSE ${ports.join(' ')}` };
      }
      case 'VOLUME': {
        const list = (jsonArray(ins.rest) ?? processWords(ins.rest, lookup, escape)).map((v) =>
          processWord(v, lookup, escape),
        );
        if (list.some((v) => v === ''))
          throw new BuildSyntaxError(this.file.file, ins.line, 'VOLUME specified can not be an empty string');
        run.Volumes = { ...(run.Volumes ?? {}), ...Object.fromEntries(list.map((v) => [v, {}])) };
        return { run, text: `VOLUME ${JSON.stringify(list)}` };
      }
      case 'ONBUILD':
        run.OnBuild = [...((run.OnBuild as string[] | undefined) ?? []), ins.trigger];
        return { run, text: ins.text };
      case 'HEALTHCHECK':
        run.Healthcheck = ins.test
          ? {
              Test: ins.test,
              ...(ins.interval !== undefined ? { Interval: ins.interval } : {}),
              ...(ins.timeout !== undefined ? { Timeout: ins.timeout } : {}),
              ...(ins.startPeriod !== undefined ? { StartPeriod: ins.startPeriod } : {}),
              ...(ins.startInterval !== undefined ? { StartInterval: ins.startInterval } : {}),
              ...(ins.retries !== undefined ? { Retries: ins.retries } : {}),
            }
          : { Test: ['NONE'] };
        return { run, text: ins.text };
      default:
        throw new BuildError(`${this.file.file}:${ins.line}: ${ins.kind} cannot be applied here`);
    }
  }

  private async runInstruction(
    state: StageState,
    ins: Extract<Instruction, { kind: 'RUN' }>,
  ): Promise<StageState> {
    let argv: string[];
    if (ins.command.form === 'exec') argv = ins.command.args;
    else if (
      ins.heredocs.length > 0 &&
      ins.command.command.replace(/<<-?(["']?)[A-Za-z_][A-Za-z0-9_]*\1/g, '').trim() === ''
    ) {
      // `RUN <<EOF` alone: the body is the script.
      argv = [...state.shell, ins.heredocs.map((h) => h.content).join('')];
    } else if (ins.heredocs.length > 0) {
      // `RUN cat <<EOF > file`: the shell reads the heredoc itself.
      argv = [
        ...state.shell,
        [ins.command.command, ...ins.heredocs.map((h) => `${h.content}${h.name}`)].join('\n'),
      ];
    } else argv = [...state.shell, ins.command.command];
    const imageEnv = (state.run.Env as string[] | undefined) ?? [];
    // Build args reach RUN's environment, under ENV of the same name; they are part of the key.
    const argEnv = [...state.args]
      .filter(([k]) => envValue(imageEnv, k) === undefined)
      .map(([k, v]) => `${k}=${v}`);
    const network = ins.network ?? this.options.network ?? 'host';
    return this.commit(
      state,
      JSON.stringify(argv),
      JSON.stringify([argEnv, network === 'host' ? '' : network]),
      async () => {
        const layer = await runStep(
          this.store,
          this.stores.layers,
          {
            imageId: state.imageId,
            argv,
            env: argEnv,
            workdir: (state.run.WorkingDir as string | undefined) ?? '',
            user: (state.run.User as string | undefined) ?? '',
            network,
            step: ins.text,
            signal: this.options.signal,
          },
          this.emit,
        );
        const argPrefix = argEnv.length > 0 ? `|${argEnv.length} ${argEnv.join(' ')} ` : '';
        return { run: state.run, layer, createdBy: `${argPrefix}${argv.join(' ')}` };
      },
    );
  }

  private async copyInstruction(
    state: StageState,
    ins: Extract<Instruction, { kind: 'COPY' | 'ADD' }>,
    lookup: Lookup,
  ): Promise<StageState> {
    let fromImage: string | undefined;
    if (ins.from !== undefined) {
      const name = processWord(ins.from, lookup, this.file.escape);
      const stage =
        this.file.stages.find((s) => s.alias === name.toLowerCase()) ??
        (/^\d+$/.test(name) ? this.file.stages[Number(name)] : undefined);
      if (stage) {
        fromImage = this.stageResults.get(stage.index);
        if (fromImage === undefined)
          throw new BuildError(
            `${this.file.file}:${ins.line}: COPY --from=${name}: stage ${name} comes after this one: a stage can only copy from earlier stages`,
          );
      } else fromImage = await this.resolveBase(name, ins.text);
    }
    const record = getImageRecord(this.store.db, state.imageId)!;
    const prepared = await prepareCopy(this.store, this.stores.layers, {
      instruction: ins,
      lookup,
      escape: this.file.escape,
      lowerDirs: imageLowerDirs(this.store.paths, record),
      workdir: (state.run.WorkingDir as string | undefined) ?? '/',
      context: this.context,
      fromImage,
      tmpDir: imageStoreLayout(this.store.paths.graphRoot).tmpDir,
      step: ins.text,
    });
    try {
      const text = `${ins.kind} ${[...ins.sources, ins.dest].map((w) => (w.startsWith('<<') ? w : processWord(w, lookup, this.file.escape))).join(' ')} ${JSON.stringify([ins.chown ?? '', ins.chmod ?? '', ins.checksum ?? ''])}`;
      return await this.commit(state, text, prepared.keyExtra, async () => ({
        run: state.run,
        layer: await prepared.makeLayer(),
        createdBy: `/bin/sh -c #(nop) ${ins.kind} ${prepared.keyExtra.startsWith('from:') ? prepared.keyExtra : `dir:${prepared.keyExtra}`} in ${ins.dest}`,
      }));
    } finally {
      await prepared.dispose();
    }
  }
}

/** The Containerfile: the given text, the given path, or Containerfile/Dockerfile in the context. */
function readContainerfile(
  options: BuildOptions,
  contextDir: string,
): { text: string; name: string; path?: string } {
  if (options.fileText !== undefined) return { text: options.fileText, name: 'Containerfile' };
  const candidates = options.file
    ? [path.resolve(options.file), path.resolve(contextDir, options.file)]
    : [path.join(contextDir, 'Containerfile'), path.join(contextDir, 'Dockerfile')];
  for (const candidate of candidates) {
    try {
      return { text: readFileSync(candidate, 'utf8'), name: path.basename(candidate), path: candidate };
    } catch {
      // try the next
    }
  }
  throw new BuildError(
    options.file
      ? `the Containerfile ${options.file} cannot be read: check the path given to -f`
      : `no Containerfile or Dockerfile in ${contextDir}: add one, or name it with -f`,
  );
}

export async function buildImage(store: Store, options: BuildOptions): Promise<BuildResult> {
  if (options.platform !== undefined && !platformMatches(hostPlatform(), parsePlatform(options.platform)))
    throw new BuildError(
      `--platform ${options.platform}: only the host's platform (${formatPlatform(hostPlatform())}) can be built here: RUN steps execute on this machine`,
    );
  const emit = options.onEvent ?? (() => {});
  let contextDir = options.contextDir ?? process.cwd();
  let dispose: (() => Promise<void>) | undefined;
  if (options.contextArchive) {
    const unpacked = await unpackContext(
      options.contextArchive,
      imageStoreLayout(store.paths.graphRoot).tmpDir,
      !store.paths.rootless,
    );
    contextDir = unpacked.dir;
    dispose = unpacked.dispose;
  }
  try {
    const containerfile = readContainerfile(options, contextDir);
    const parsed = parseContainerfile(containerfile.text, containerfile.name);
    const context = { dir: contextDir, ignore: readIgnoreFile(contextDir, containerfile.path) };
    return await new Builder(store, options, parsed, context, emit).build();
  } finally {
    await dispose?.();
  }
}

/** The same build as an async iterable of its events; the last is `done` (errors are thrown). */
export async function* buildImageEvents(
  store: Store,
  options: Omit<BuildOptions, 'onEvent'>,
): AsyncGenerator<BuildEvent> {
  const queue: BuildEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  const running = buildImage(store, {
    ...options,
    onEvent: (event) => {
      queue.push(event);
      wake?.();
    },
  })
    .then(
      () => (finished = true),
      (error: unknown) => {
        failure = error;
        finished = true;
      },
    )
    .finally(() => wake?.());
  for (;;) {
    while (queue.length > 0) yield queue.shift()!;
    if (finished) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  await running;
  if (failure !== undefined) throw failure;
}
