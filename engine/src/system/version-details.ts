import os from 'node:os';
import type { VersionDetails } from '../contract/system-types.js';
import { goArch } from '../util/go-arch.js';
import { BERTH_API_VERSION, BERTH_BUILT, BERTH_GIT_COMMIT, BERTH_VERSION } from './build-info.js';

export function versionDetails(): VersionDetails {
  const built = BERTH_BUILT ? new Date(BERTH_BUILT * 1000) : new Date(0);
  return {
    APIVersion: BERTH_API_VERSION,
    Version: BERTH_VERSION,
    NodeVersion: process.version,
    GitCommit: BERTH_GIT_COMMIT,
    BuiltTime: BERTH_BUILT,
    // Go's time.ANSIC layout, as podman prints it: "Mon Jan  2 15:04:05 2006".
    Built: formatAnsic(built),
    OsArch: `${os.platform()}/${goArch()}`,
    Os: os.platform(),
  };
}

function formatAnsic(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getDay()]} ${months[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${date.getFullYear()}`;
}
