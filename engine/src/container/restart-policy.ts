// --restart: parsing podman's forms and deciding, after an exit, whether to start again.
import type { RestartPolicy } from './container-config.js';

export class RestartPolicyError extends Error {
  readonly exitCode = 125;
}

export function parseRestartPolicy(value: string): RestartPolicy {
  if (value === '' || value === 'no') return { name: 'no', maxRetries: 0 };
  const [name, count, extra] = value.split(':');
  if (extra !== undefined) throw new RestartPolicyError(`invalid restart policy "${value}"`);
  if (name === 'always' || name === 'unless-stopped') {
    if (count !== undefined)
      throw new RestartPolicyError(`restart policy "${name}" takes no retry count: use on-failure:N`);
    return { name, maxRetries: 0 };
  }
  if (name === 'on-failure') {
    if (count === undefined) return { name, maxRetries: 0 };
    const n = Number(count);
    if (!/^\d+$/.test(count) || !Number.isSafeInteger(n))
      throw new RestartPolicyError(
        `invalid restart policy "${value}": the retry count must be a number >= 0`,
      );
    return { name, maxRetries: n };
  }
  throw new RestartPolicyError(
    `invalid restart policy "${value}": use no, on-failure[:max-retries], always or unless-stopped`,
  );
}

export function formatRestartPolicy(policy: RestartPolicy): string {
  return policy.name === 'on-failure' && policy.maxRetries > 0
    ? `on-failure:${policy.maxRetries}`
    : policy.name;
}

export interface ExitFacts {
  exitCode: number;
  restartCount: number;
  stoppedByUser: boolean;
}

export function shouldRestart(policy: RestartPolicy, facts: ExitFacts): boolean {
  if (facts.stoppedByUser) return false;
  switch (policy.name) {
    case 'no':
      return false;
    case 'always':
    case 'unless-stopped':
      return true;
    case 'on-failure':
      return facts.exitCode !== 0 && (policy.maxRetries === 0 || facts.restartCount < policy.maxRetries);
  }
}

/** Wait before restart N (0-based): 100 ms doubling up to 10 s, so a crash loop does not spin. */
export function restartDelayMs(restartCount: number): number {
  return Math.min(100 * 2 ** Math.min(restartCount, 10), 10_000);
}
