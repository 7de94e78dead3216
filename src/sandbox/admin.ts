import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultSpecObject } from './fault-object.js';
import type { FaultSpec } from './faults.js';
import type { SandboxStats } from './stats.js';

/** What the admin routes act on. */
export interface AdminTarget {
  stats(): SandboxStats;
  resetStats(): void;
  reset(): void;
  setFaults(faults: FaultSpec): void;
  inventory(): unknown;
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

/**
 * Serves /_sandbox/* (never rate-limited nor counted): GET stats, POST stats/reset, POST reset,
 * PUT faults (JSON FaultSpec), GET state. Answers 404 for anything else under /_sandbox/.
 */
export function serveAdmin(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  body: string,
  target: AdminTarget,
): void {
  const route = `${request.method ?? 'GET'} ${pathname.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_sandbox/stats':
      return sendJson(response, 200, target.stats());
    case 'POST /_sandbox/stats/reset':
      target.resetStats();
      return sendJson(response, 200, target.stats());
    case 'POST /_sandbox/reset':
      target.reset();
      return sendJson(response, 200, { reset: true });
    case 'GET /_sandbox/state':
      return sendJson(response, 200, target.inventory());
    case 'PUT /_sandbox/faults':
      return putFaults(response, body, target);
    default:
      return sendJson(response, 404, { message: `no admin route ${route}` });
  }
}

function putFaults(response: ServerResponse, body: string, target: AdminTarget): void {
  try {
    const faults = parseFaultSpecObject(JSON.parse(body || '{}'));
    target.setFaults(faults);
    sendJson(response, 200, faults);
  } catch (error) {
    sendJson(response, 400, { message: `invalid fault spec: ${String(error)}` });
  }
}
