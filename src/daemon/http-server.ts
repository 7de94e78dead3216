import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenAddress } from './listen-address.js';

/** What the HTTP surfaces read from the daemon. */
export interface SurfaceSources {
  isReady(): boolean;
  status(): unknown;
  metrics(): Promise<{ contentType: string; body: string }>;
}

/** A listening HTTP server. */
export interface SurfaceServer {
  /** `http://host:port` as bound (the real port when 0 was asked). */
  url: string;
  /** Stops accepting, ends idle keep-alive connections, resolves once closed. Never rejects. */
  close(): Promise<void>;
}

/**
 * Serves GET /healthz (200 while the process lives), /readyz (200 after the first completed
 * pass, 503 before), /metrics (Prometheus text) and /status (JSON). Rejects when it cannot bind.
 */
export async function startSurfaceServer(
  address: ListenAddress,
  sources: SurfaceSources,
): Promise<SurfaceServer> {
  const server = createServer((request, response) => {
    route(request, response, sources).catch((error: unknown) => {
      sendText(response, 500, `error: ${error instanceof Error ? error.message : 'unknown'}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  sources: SurfaceSources,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'method not allowed\n');
    return;
  }
  switch (path) {
    case '/healthz':
      sendText(response, 200, 'ok\n');
      return;
    case '/readyz':
      if (sources.isReady()) sendText(response, 200, 'ready\n');
      else sendText(response, 503, 'no pass has completed yet\n');
      return;
    case '/metrics': {
      const { contentType, body } = await sources.metrics();
      response.writeHead(200, { 'content-type': contentType }).end(body);
      return;
    }
    case '/status':
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(`${JSON.stringify(sources.status(), null, 2)}\n`);
      return;
    default:
      sendText(response, 404, 'not found\n');
  }
}

function sendText(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}
