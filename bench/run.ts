// `npm run bench -- <scenario> [--pairs N] [--warmup N]`: runs a scenario's subjects in turn
// (A B A B ...), then prints each side's median wall time and the median of pairwise ratios.
// Not a test: it reports; targets are printed as met or not, and never fail a build. Scenarios
// with nothing to compare against (the desktop UI) report absolute medians against limits instead.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measurement, Scenario, Subject } from './scenario.js';
import { median, medianPairRatio } from './stats.js';
import { useDefaultHostEnvironment } from './host-environment.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function timeProcess(subject: Subject): Promise<number> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = subject.command;
    const start = performance.now();
    const child = spawn(file!, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...subject.env },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - start;
      if (code !== 0)
        reject(new Error(`${subject.name}: \`${subject.command.join(' ')}\` exited ${code}: ${stderr}`));
      else resolve(elapsed);
    });
  });
}

function listScenarios(): string[] {
  return readdirSync(path.join(HERE, 'scenarios'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''));
}

async function main(argv: string[]): Promise<number> {
  const name = argv.find((a) => !a.startsWith('--'));
  const option = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const pairs = option('--pairs', 7);
  const warmup = option('--warmup', 1);
  if (!name || !listScenarios().includes(name)) {
    console.error(
      `usage: npm run bench -- <scenario> [--pairs N] [--warmup N]\nscenarios: ${listScenarios().join(', ')}`,
    );
    return 2;
  }
  const removed = useDefaultHostEnvironment();
  const scenario = ((await import(`./scenarios/${name}.ts`)) as { default: Scenario }).default;
  console.log(`scenario ${scenario.name}: ${scenario.description}`);
  if (removed.length > 0)
    console.log(
      `environment: ${removed.join(', ')} removed for every subject (not set on a default host; see bench/host-environment.ts)`,
    );
  console.log(`${warmup} warm-up round(s), ${pairs} timed rounds, subjects alternate within each round\n`);
  if (scenario.measure) return runAbsolute(scenario, scenario.measure, pairs, warmup);
  await scenario.setup?.();
  const times = new Map<string, number[]>(scenario.subjects.map((s) => [s.name, []]));
  try {
    for (let round = 0; round < warmup + pairs; round++) {
      for (const subject of scenario.subjects) {
        await subject.before?.();
        const ms = await timeProcess(subject);
        await subject.after?.();
        if (round >= warmup) times.get(subject.name)!.push(ms);
      }
    }
  } finally {
    await scenario.teardown?.();
  }
  const width = Math.max(...scenario.subjects.map((s) => s.name.length));
  for (const s of scenario.subjects) {
    const t = times.get(s.name)!;
    console.log(
      `${s.name.padEnd(width)}  median ${median(t).toFixed(1).padStart(8)} ms   min ${Math.min(...t).toFixed(1)}   max ${Math.max(...t).toFixed(1)}   (${s.command.join(' ')})`,
    );
  }
  const berth = scenario.subjects[0]!;
  console.log('');
  for (const other of scenario.subjects.slice(1)) {
    const ratio = medianPairRatio(times.get(berth.name)!, times.get(other.name)!);
    const target = scenario.targets.find((t) => t.against === other.name);
    const verdict = target
      ? ratio <= target.maxRatio
        ? `target <= ${target.maxRatio}x: met`
        : `target <= ${target.maxRatio}x: NOT met`
      : '';
    console.log(
      `ratio ${berth.name}/${other.name}: ${ratio.toFixed(2)}x (median of pairwise ratios)  ${verdict}`,
    );
  }
  return 0;
}

/** A scenario of absolute measurements: `rounds` rounds after the warm-up, each value's median against its limit. */
async function runAbsolute(
  scenario: Scenario,
  measure: () => Promise<Measurement[]>,
  rounds: number,
  warmup: number,
): Promise<number> {
  if (scenario.note) console.log(`note: ${scenario.note}\n`);
  await scenario.setup?.();
  const values = new Map<string, { unit: string; max?: number; values: number[] }>();
  try {
    for (let round = 0; round < warmup + rounds; round++) {
      const measured = await measure();
      if (round < warmup) continue;
      for (const m of measured) {
        const entry = values.get(m.name) ?? { unit: m.unit, max: m.max, values: [] };
        entry.values.push(m.value);
        values.set(m.name, entry);
      }
    }
  } finally {
    await scenario.teardown?.();
  }
  const width = Math.max(...[...values.keys()].map((k) => k.length));
  for (const [name, entry] of values) {
    const m = median(entry.values);
    const verdict =
      entry.max === undefined
        ? ''
        : `target <= ${entry.max} ${entry.unit}: ${m <= entry.max ? 'met' : 'NOT met'}`;
    console.log(
      `${name.padEnd(width)}  median ${m.toFixed(1).padStart(8)} ${entry.unit}   min ${Math.min(...entry.values).toFixed(1)}   max ${Math.max(...entry.values).toFixed(1)}   ${verdict}`,
    );
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
