// One contract call over web mode's WebSocket (`berth desktop --web`), as the renderer makes it:
// the token comes from the printed URL's fragment.
import WebSocket from 'ws';

export interface ContractReply {
  ok: boolean;
  value?: unknown;
  error?: { message: string; code?: string };
}

export async function callWebMode(url: string, method: string, input: unknown): Promise<ContractReply> {
  const { host, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token')!;
  const ws = new WebSocket(`ws://${host}/rpc?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    ws.send(JSON.stringify({ kind: 'call', id: 1, method, input }));
    const reply = await new Promise<string>((resolve) =>
      ws.once('message', (data: Buffer) => resolve(data.toString())),
    );
    return JSON.parse(reply) as ContractReply;
  } finally {
    ws.close();
  }
}
