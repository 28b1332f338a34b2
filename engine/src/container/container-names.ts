// Container names: podman's rule for user-given names, and a readable random name
// (adjective_noun) for the rest, retried on the rare collision by the caller.
import { randomInt } from '../util/random.js';

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export class InvalidContainerNameError extends Error {
  readonly exitCode = 125;
}

export function validateContainerName(name: string): void {
  if (!NAME_PATTERN.test(name))
    throw new InvalidContainerNameError(
      `names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: "${name}" is not a valid container name`,
    );
}

// Words of our own: calm things found around a harbour, and the people who work there.
const ADJECTIVES = [
  'amber', 'brave', 'brisk', 'calm', 'clever', 'cosy', 'crisp', 'dapper', 'eager', 'fair',
  'fond', 'gentle', 'glad', 'golden', 'happy', 'hardy', 'jolly', 'keen', 'kind', 'lively',
  'lucid', 'mellow', 'merry', 'modest', 'nimble', 'noble', 'patient', 'plucky', 'proud', 'quick',
  'quiet', 'ready', 'rosy', 'rugged', 'salty', 'serene', 'sharp', 'shiny', 'silver', 'sleek',
  'snug', 'steady', 'stoic', 'sturdy', 'sunny', 'swift', 'tidy', 'trusty', 'vivid', 'witty',
]; // prettier-ignore
const NOUNS = [
  'anchor', 'bosun', 'buoy', 'cabin', 'capstan', 'cargo', 'compass', 'corsair', 'cutter', 'dinghy',
  'dock', 'ferry', 'galley', 'gull', 'harbour', 'hawser', 'helm', 'hull', 'jetty', 'keel',
  'ketch', 'lantern', 'mariner', 'mast', 'mooring', 'navigator', 'oar', 'pilot', 'pier', 'quay',
  'rigger', 'rudder', 'sail', 'schooner', 'skiff', 'skipper', 'sloop', 'stevedore', 'tide', 'tug',
  'wharf', 'yawl', 'beacon', 'bollard', 'cove', 'lighthouse', 'marina', 'pelican', 'piling', 'seal',
]; // prettier-ignore

export function randomContainerName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}_${NOUNS[randomInt(NOUNS.length)]}`;
}
