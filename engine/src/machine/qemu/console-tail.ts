// The last lines of the machine's serial console, for errors when a boot fails or hangs. Control
// sequences from the firmware's screen clears are removed so the lines read as text.
import { readFileSync } from 'node:fs';

export function consoleTail(file: string, lines = 15): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '(no console output)';
  }
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1bc/g, '').replace(/\r/g, '');
  const kept = clean
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-lines);
  return kept.length > 0 ? kept.map((line) => `  | ${line}`).join('\n') : '(no console output)';
}
