import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sink received. */
export interface SunkRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** How the sink answers a request: a status and a JSON body. */
export type SinkAnswer = { status: number; body?: unknown };

/** A running local HTTP server that keeps what it receives. */
export interface HttpSink {
  url: string;
  requests: SunkRequest[];
  /** Answers the next requests with these, in order; then 200 `{ id: 'gw-<n>' }`. */
  script: SinkAnswer[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 for the SMS gateway and webhook adapters' tests. */
export async function startHttpSink(): Promise<HttpSink> {
  const requests: SunkRequest[] = [];
  const script: SinkAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = script.shift() ?? { status: 200, body: { id: `gw-${requests.length}` } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
