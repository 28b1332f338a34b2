import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SeqpacketServer, type SeqpacketSocket } from 'node-unix-socket';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSeqpacket, inWorkerThread } from './seqpacket-connection.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-seqpacket-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('connectSeqpacket', () => {
  it('exchanges packets with a SEQPACKET server, keeping their boundaries', async () => {
    const socketPath = path.join(dir, 'attach');
    const server = new SeqpacketServer();
    const received: string[] = [];
    server.on('connection', (peer: SeqpacketSocket) => {
      peer.on('data', (data: Buffer) => received.push(data.toString()));
      peer.write(Buffer.from('one'));
      peer.write(Buffer.from('two'));
    });
    server.listen(socketPath);
    try {
      const connection = await connectSeqpacket(socketPath);
      const packets: string[] = [];
      const two = new Promise<void>((resolve) =>
        connection.onPacket((packet) => {
          packets.push(packet.toString());
          if (packets.length === 2) resolve();
        }),
      );
      await connection.write(Buffer.from('hello'));
      await two;
      expect(packets).toEqual(['one', 'two']);
      await settle();
      expect(received).toEqual(['hello']);
      connection.close();
    } finally {
      server.close();
    }
  });

  it('says what is at the path when it cannot connect, and nothing else fails later', async () => {
    const missing = path.join(dir, 'missing');
    await expect(connectSeqpacket(missing)).rejects.toThrow(
      `cannot connect to ${missing}: no such socket: is the container running with its attach socket?`,
    );
    const file = path.join(dir, 'file');
    writeFileSync(file, '');
    await expect(connectSeqpacket(file)).rejects.toThrow(`cannot connect to ${file}: it is not a socket`);
    // A stream socket is a socket of the wrong type: refused by the kernel.
    const stream = path.join(dir, 'stream');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(stream, resolve));
    try {
      await expect(connectSeqpacket(stream)).rejects.toThrow(
        `cannot connect to ${stream}: the socket refused the connection`,
      );
    } finally {
      server.close();
    }
    // Errors the addon reports after the failed connect would be uncaught here (vitest fails on them).
    await settle();
  });
});

describe('inWorkerThread', () => {
  it('answers for the main thread without loading worker_threads', () => {
    const list = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
    const loaded = () => list.includes('NativeModule worker_threads');
    const before = loaded();
    expect(inWorkerThread()).toBe(false);
    expect(loaded()).toBe(before);
  });
});
