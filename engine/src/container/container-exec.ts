// `exec`: a new process in a running container, monitored by its own conmon (`conmon --exec`),
// with the container's process settings (capabilities, rlimits...) and the session's command,
// env, user, workdir and terminal on top. Session files live under the container's run dir.
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { execWithConmon, type ExecSession, type ExecSessionPaths } from '../runtime/conmon.js';
import { execProcessSpec, type ExecRequest } from '../runtime/exec-process.js';
import type { OciSpec } from '../runtime/oci-spec-types.js';
import type { Store } from '../state/store.js';
import { containerEvent } from './container-events.js';
import { requireContainer } from './container-lookup.js';
import { containerPaths } from './container-paths.js';
import type { ContainerRecord } from './container-records.js';
import { runtimeFor } from './container-runtime.js';
import { ContainerStateError } from './container-start.js';
import { syncContainer } from './container-sync.js';
import { classifyStartFailure } from './start-failure.js';

export interface ExecOptions extends ExecRequest {
  /** -i: keep stdin open for the attached client. */
  interactive?: boolean;
  /** Connect here before the process starts; without it the session runs detached. */
  onAttachReady?: (paths: ExecSessionPaths) => Promise<void>;
}

export interface StartedExec {
  record: ContainerRecord;
  session: ExecSession;
  /** Removes the session's files (after the exit code was read). */
  dispose(): Promise<void>;
}

export async function execInContainer(
  store: Store,
  input: string,
  options: ExecOptions,
): Promise<StartedExec> {
  const record = await syncContainer(store, requireContainer(store.db, input));
  if (record.state.status !== 'running')
    throw new ContainerStateError(
      `can only create exec sessions on running containers: container ${record.name} is ${record.state.status}: container state improper`,
    );
  const paths = containerPaths(store.paths, record.id);
  const spec = JSON.parse(await readFile(paths.configPath, 'utf8')) as OciSpec;
  const process = execProcessSpec(spec.process, paths.mergedDir, options);
  const sessionId = randomBytes(32).toString('hex');
  const sessionDir = path.join(paths.execDir, sessionId.slice(0, 12));
  try {
    const session = await execWithConmon({
      containerId: record.id,
      sessionId,
      runtime: runtimeFor(store.paths, record.runtime),
      sessionDir,
      process,
      stdin: options.interactive,
      onAttachReady: options.onAttachReady,
    });
    containerEvent(store, 'exec', record, { execID: sessionId });
    void session.exitCode.then(
      (code) =>
        containerEvent(store, 'exec_died', record, { execID: sessionId, containerExitCode: String(code) }),
      () => undefined,
    );
    return { record, session, dispose: () => rm(sessionDir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(sessionDir, { recursive: true, force: true });
    throw classifyStartFailure(error as Error);
  }
}
