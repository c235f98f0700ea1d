import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent. */
  body: string;
}

/** A local HTTP receiver for deliveries: records each request and answers from a script. */
export interface Receiver {
  url: string;
  received: Received[];
  /** Answers the next requests with these statuses (then 200). */
  answerWith(...statuses: number[]): void;
  /** Drops what is left of the script: 200 from now on. */
  answerOk(): void;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 at a free port. */
export async function startReceiver(path = '/hooks'): Promise<Receiver> {
  const received: Received[] = [];
  const script: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = script.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: status < 300, n: received.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    answerWith: (...statuses) => script.push(...statuses),
    answerOk: () => script.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
