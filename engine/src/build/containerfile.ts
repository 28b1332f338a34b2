// A whole Containerfile: the global ARGs before the first FROM, then the stages, each a FROM and
// its instructions. Parsing checks everything that can be checked without building, so that a
// typo on line 40 fails before line 1 runs.
import { BuildSyntaxError } from './build-errors.js';
import { parseInstruction, type Instruction } from './instructions.js';
import { lexContainerfile } from './lexer.js';

export type FromInstruction = Instruction & { kind: 'FROM' };

export interface Stage {
  /** 0-based position. */
  index: number;
  /** `AS name`, lower-cased. */
  alias?: string;
  from: FromInstruction;
  /** The instructions after FROM. */
  instructions: Instruction[];
}

export interface Containerfile {
  file: string;
  escape: string;
  syntax?: string;
  /** ARG instructions before the first FROM (usable in FROM lines). */
  globalArgs: (Instruction & { kind: 'ARG'; rest: string })[];
  stages: Stage[];
}

export function parseContainerfile(text: string, file = 'Containerfile'): Containerfile {
  const lexed = lexContainerfile(text, file);
  const globalArgs: Containerfile['globalArgs'] = [];
  const stages: Stage[] = [];
  for (const raw of lexed.instructions) {
    const instruction = parseInstruction(raw, file);
    if (instruction.kind === 'FROM') {
      if (instruction.alias && stages.some((s) => s.alias === instruction.alias))
        throw new BuildSyntaxError(
          file,
          instruction.line,
          `duplicate name for build stage: "${instruction.alias}"`,
        );
      stages.push({ index: stages.length, alias: instruction.alias, from: instruction, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (instruction.kind === 'ARG') {
        globalArgs.push(instruction as Instruction & { kind: 'ARG'; rest: string });
        continue;
      }
      throw new BuildSyntaxError(
        file,
        instruction.line,
        `no FROM before ${instruction.kind}: a Containerfile must start with FROM (only ARG may come before it)`,
      );
    }
    stage.instructions.push(instruction);
  }
  if (stages.length === 0)
    throw new BuildSyntaxError(
      file,
      Math.max(1, lexed.instructions.at(-1)?.line ?? 1),
      'no FROM instruction: nothing to build',
    );
  return { file, escape: lexed.directives.escape, syntax: lexed.directives.syntax, globalArgs, stages };
}
