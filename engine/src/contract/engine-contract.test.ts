import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { call, checkDomains, defineDomain, returns, stream } from './contract-spec.js';
import {
  CALL_INPUTS,
  CONTRACT,
  CONTRACT_DOMAINS,
  isCallName,
  isStreamName,
  STREAM_INPUTS,
} from './engine-contract.js';
import { terminalInput } from './terminal-io.js';

const empty = z.object({}).strict();

describe('the merged contract', () => {
  it('holds every domain once, calls and streams apart', () => {
    expect(Object.keys(CALL_INPUTS).sort()).toEqual([
      'connections.add',
      'connections.list',
      'connections.remove',
      'connections.setDefault',
      'connections.use',
      'containers.create',
      'containers.inspect',
      'containers.kill',
      'containers.list',
      'containers.pause',
      'containers.prune',
      'containers.remove',
      'containers.rename',
      'containers.restart',
      'containers.start',
      'containers.stop',
      'containers.top',
      'containers.unpause',
      'images.history',
      'images.inspect',
      'images.layerFiles',
      'images.layers',
      'images.list',
      'images.prune',
      'images.remove',
      'images.tag',
      'kube.down',
      'kube.generate',
      'kube.play',
      'machines.list',
      'machines.remove',
      'machines.stop',
      'networks.connect',
      'networks.create',
      'networks.disconnect',
      'networks.inspect',
      'networks.list',
      'networks.prune',
      'networks.remove',
      'pods.create',
      'pods.inspect',
      'pods.kill',
      'pods.list',
      'pods.pause',
      'pods.remove',
      'pods.restart',
      'pods.start',
      'pods.stop',
      'pods.unpause',
      'registries.login',
      'registries.logins',
      'registries.logout',
      'system.info',
      'system.version',
      'volumes.create',
      'volumes.inspect',
      'volumes.list',
      'volumes.prune',
      'volumes.remove',
    ]);
    expect(Object.keys(STREAM_INPUTS).sort()).toEqual([
      'connections.watch',
      'containers.attach',
      'containers.logs',
      'containers.stats',
      'containers.terminal',
      'events.stream',
      'images.build',
      'images.pull',
      'images.push',
      'machines.init',
      'machines.start',
      'machines.terminal',
      'pods.logs',
    ]);
    expect(isCallName('images.list')).toBe(true);
    expect(isCallName('images.pull')).toBe(false);
    expect(isStreamName('images.pull')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(() => checkDomains(CONTRACT_DOMAINS, CONTRACT)).not.toThrow();
  });

  it('fills defaults and refuses what the engine must not get', () => {
    expect(CALL_INPUTS['images.remove'].parse({ images: ['busybox'] })).toEqual({
      images: ['busybox'],
      force: false,
    });
    expect(CALL_INPUTS['images.remove'].safeParse({ images: [] }).success).toBe(false);
    expect(CALL_INPUTS['images.tag'].safeParse({ image: 'a', tags: ['b'], extra: 1 }).success).toBe(false);
    expect(STREAM_INPUTS['images.pull'].safeParse({ reference: '' }).success).toBe(false);
    expect(STREAM_INPUTS['images.pull'].safeParse({ reference: 'x'.repeat(513) }).success).toBe(false);
    expect(CONTRACT.streams['images.pull'].send.safeParse('input').success).toBe(false);
    expect(CALL_INPUTS['images.layerFiles'].safeParse({ image: 'a', layer: -1 }).success).toBe(false);
    expect(CALL_INPUTS['images.layerFiles'].safeParse({ image: 'a', layer: 1.5 }).success).toBe(false);
    expect(STREAM_INPUTS['images.push'].safeParse({ image: 'a', destination: '' }).success).toBe(false);
    expect(STREAM_INPUTS['images.push'].safeParse({ image: 'a', creds: 'u:p' }).success).toBe(false);
    expect(STREAM_INPUTS['images.build'].parse({ contextDir: '/src' })).toEqual({
      contextDir: '/src',
      tags: [],
      buildArgs: {},
      noCache: false,
      pull: 'missing',
    });
    // The context is a folder on the engine's host: a relative path would depend on its cwd.
    expect(STREAM_INPUTS['images.build'].safeParse({ contextDir: 'src' }).success).toBe(false);
    expect(
      STREAM_INPUTS['images.build'].safeParse({ contextDir: '/src', buildArgs: { 'A=B': 'c' } }).success,
    ).toBe(false);
    expect(CALL_INPUTS['kube.play'].parse({ yaml: 'kind: Pod' })).toEqual({
      yaml: 'kind: Pod',
      fileName: '(yaml)',
      replace: false,
      start: true,
    });
    expect(CALL_INPUTS['kube.generate'].safeParse({ names: [] }).success).toBe(false);
    expect(CALL_INPUTS['registries.login'].safeParse({ registry: 'quay.io', username: 'u' }).success).toBe(
      false,
    );
  });

  it('validates terminal input for duplex streams', () => {
    expect(terminalInput.safeParse({ type: 'data', data: 'ls\n' }).success).toBe(true);
    expect(terminalInput.safeParse({ type: 'resize', cols: 80, rows: 24 }).success).toBe(true);
    expect(terminalInput.safeParse({ type: 'resize', cols: 80.5, rows: 24 }).success).toBe(false);
    expect(terminalInput.safeParse({ type: 'data', data: 'x'.repeat(70_000) }).success).toBe(false);
  });
});

describe('checkDomains', () => {
  const a = defineDomain('alpha', { calls: { 'alpha.get': call(empty, returns<number>()) }, streams: {} });
  it('refuses names outside the domain and names declared twice', () => {
    const stray = defineDomain('beta', {
      calls: { 'alpha.put': call(empty, returns<number>()) },
      streams: {},
    });
    expect(() => checkDomains([stray], { calls: stray.calls, streams: {} })).toThrow(/name it "beta.<verb>"/);
    const twice = defineDomain('alpha', {
      calls: {},
      streams: { 'alpha.get': stream(empty, returns<number>()) },
    });
    expect(() => checkDomains([a, twice], { calls: a.calls, streams: twice.streams })).toThrow(
      /declared twice/,
    );
  });

  it('refuses a merge that lost or invented a name', () => {
    expect(() => checkDomains([a], { calls: {}, streams: {} })).toThrow(/missing from the merged/);
    expect(() =>
      checkDomains([a], { calls: { ...a.calls, 'alpha.more': a.calls['alpha.get'] }, streams: {} }),
    ).toThrow(/no domain declares/);
  });
});
