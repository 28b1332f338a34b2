// The building blocks of the contract: a call (input schema + result type) and a stream (input
// schema + item type, and for bidirectional streams the schema of what the client sends in).
// A domain (system, images, events...) declares its calls and streams once, with these helpers;
// engine-contract.ts merges the domains. Isomorphic: zod only.
import { z } from 'zod';

declare const resultType: unique symbol;

/** A compile-time marker carrying the type of a result or stream item; empty at run time. */
export interface Returns<T> {
  readonly [resultType]?: () => T;
}

export function returns<T>(): Returns<T> {
  return {};
}

export interface CallSpec<Input extends z.ZodType = z.ZodType, Result = unknown> {
  readonly input: Input;
  readonly result: Returns<Result>;
}

export interface StreamSpec<
  Input extends z.ZodType = z.ZodType,
  Item = unknown,
  Send extends z.ZodType = z.ZodType,
> {
  readonly input: Input;
  readonly item: Returns<Item>;
  /**
   * What the client may send into the open stream (terminal input, resize). One-way streams
   * have z.never(): the serving side refuses anything sent to them.
   */
  readonly send: Send;
}

/** A request/response call. */
export function call<Input extends z.ZodType, Result>(
  input: Input,
  result: Returns<Result>,
): CallSpec<Input, Result> {
  return { input, result };
}

/** A one-way stream: the engine yields items until the end or until the client cancels. */
export function stream<Input extends z.ZodType, Item>(
  input: Input,
  item: Returns<Item>,
): StreamSpec<Input, Item, z.ZodNever> {
  return { input, item, send: z.never() };
}

/** A bidirectional stream (terminals): items flow out, `send` messages flow in. */
export function duplexStream<Input extends z.ZodType, Item, Send extends z.ZodType>(
  input: Input,
  item: Returns<Item>,
  send: Send,
): StreamSpec<Input, Item, Send> {
  return { input, item, send };
}

export interface ContractDomain<
  Calls extends Record<string, CallSpec> = Record<string, CallSpec>,
  Streams extends Record<string, StreamSpec> = Record<string, StreamSpec>,
> {
  /** Every call and stream of the domain is named `<name>.<verb>`, so domains cannot collide. */
  readonly name: string;
  readonly calls: Calls;
  readonly streams: Streams;
}

export function defineDomain<
  const Calls extends Record<string, CallSpec>,
  const Streams extends Record<string, StreamSpec>,
>(name: string, spec: { calls: Calls; streams: Streams }): ContractDomain<Calls, Streams> {
  return { name, calls: spec.calls, streams: spec.streams };
}

/** A whole contract: the merged calls and streams that one dispatcher serves. */
export interface ContractTables {
  readonly calls: Readonly<Record<string, CallSpec>>;
  readonly streams: Readonly<Record<string, StreamSpec>>;
}

/**
 * Checks that every name is `<domain>.<verb>`, declared once across calls and streams of all
 * domains, and present in the merged tables; throws naming the offender otherwise.
 */
export function checkDomains(domains: readonly ContractDomain[], merged: ContractTables): void {
  const owner = new Map<string, string>();
  for (const domain of domains) {
    if (!/^[a-z][a-zA-Z]*$/.test(domain.name))
      throw new Error(`contract domain "${domain.name}": use a lower camel case word`);
    for (const [kind, table] of [
      ['call', domain.calls],
      ['stream', domain.streams],
    ] as const) {
      for (const name of Object.keys(table)) {
        if (!name.startsWith(`${domain.name}.`) || !/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/.test(name))
          throw new Error(
            `contract ${kind} "${name}" of domain "${domain.name}": name it "${domain.name}.<verb>"`,
          );
        const previous = owner.get(name);
        if (previous) throw new Error(`contract name "${name}" is declared twice (${previous} and ${kind})`);
        owner.set(name, kind);
        const mergedTable = kind === 'call' ? merged.calls : merged.streams;
        if (mergedTable[name] !== table[name as keyof typeof table])
          throw new Error(`contract ${kind} "${name}" is missing from the merged contract`);
      }
    }
  }
  const total = Object.keys(merged.calls).length + Object.keys(merged.streams).length;
  if (total !== owner.size) throw new Error('the merged contract has names that no domain declares');
}
