import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { quotaPoolOf, type QuotaPool } from '../aws-model/quota-pools.js';
import type { Account } from './account.js';
import { serveAdmin } from './admin.js';
import { ec2ErrorResponse, ec2Operation, serveEc2 } from './ec2/serve.js';
import { conflict, SandboxError, serviceError, tooManyRequests } from './errors.js';
import { drawFault, drawLatency, type FaultSpec } from './faults.js';
import { lambdaErrorResponse, serveLambda } from './lambda/serve.js';
import { decodeLambdaInput, matchLambdaRoute } from './lambda/router.js';
import type { RateLimiter } from './rate-limiter.js';
import { isWriteOperation } from './service-model.js';
import { bump, emptyStats, type SandboxStats } from './stats.js';

/** A wire response: status, headers, body text. */
interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One call identified: which service and operation, its pool, and how to run it. */
interface IdentifiedCall {
  service: 'lambda' | 'ec2';
  operation: string;
  write: boolean;
  run(): WireResponse;
  fail(error: SandboxError): WireResponse;
}

/**
 * The request pipeline behind the HTTP server: admin routes, then for AWS calls: advance the state
 * machines, count, add latency, rate-limit per quota pool, inject faults, serve, persist.
 */
export class SandboxCore {
  private counters: SandboxStats = emptyStats();

  constructor(
    readonly account: Account,
    private readonly limiter: RateLimiter,
    public faults: FaultSpec,
    private readonly random: () => number,
    private readonly logger?: Logger,
  ) {}

  /** A copy of the counters. */
  stats(): SandboxStats {
    return structuredClone(this.counters);
  }

  /** Zeroes the counters only. */
  resetStats(): void {
    this.counters = emptyStats();
  }

  /** Back to the seed: empty inventory, zero counters, full buckets. */
  reset(): void {
    this.account.reset();
    this.resetStats();
    this.limiter.refill();
  }

  /** Serves one HTTP request; never rejects (errors become 500 answers). */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://sandbox');
      if (url.pathname.startsWith('/_sandbox/')) {
        this.account.advance();
        serveAdmin(request, response, url.pathname, body, this.adminTarget());
        return;
      }
      const wire = await this.serveAws(request, url, body);
      response.writeHead(wire.status, wire.headers);
      response.end(wire.body);
    } catch (error) {
      this.logger?.error({ err: error }, 'sandbox request failed');
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'sandbox internal error' }));
    }
  }

  private adminTarget() {
    return {
      stats: () => this.stats(),
      resetStats: () => this.resetStats(),
      reset: () => this.reset(),
      setFaults: (faults: FaultSpec) => {
        this.faults = faults;
      },
      inventory: () => this.account.state,
    };
  }

  private async serveAws(request: IncomingMessage, url: URL, body: string): Promise<WireResponse> {
    this.account.advance();
    const requestId = randomUUID();
    const call = this.identify(request, url, body, requestId);
    if (!call) return unknownOperation(request, url, requestId);
    const pool = quotaPoolOf(call.service, call.operation);
    bump(this.counters.calls, call.operation);
    bump(this.counters.pools, pool);
    this.logger?.debug({ operation: call.operation, pool }, 'sandbox call');

    const latency = drawLatency(this.faults, this.random);
    if (latency > 0) await sleep(latency);

    const refusal = this.refusalOf(call, pool);
    if (refusal) return this.answerError(call, refusal);
    try {
      const wire = call.run();
      if (call.write) this.recordWrite();
      return wire;
    } catch (error) {
      if (error instanceof SandboxError) return this.answerError(call, error);
      throw error;
    }
  }

  private identify(
    request: IncomingMessage,
    url: URL,
    body: string,
    requestId: string,
  ): IdentifiedCall | undefined {
    const action = ec2Operation(request, body);
    if (action) {
      return {
        service: 'ec2',
        operation: action,
        write: false,
        run: () => serveEc2(this.account, action, body, requestId),
        fail: (error) => ec2ErrorResponse(error, requestId),
      };
    }
    const matched = matchLambdaRoute(request.method ?? 'GET', url.pathname);
    if (!matched) return undefined;
    return {
      service: 'lambda',
      operation: matched.operation.name,
      write: isWriteOperation(matched.operation),
      run: () => {
        const decoded = decodeLambdaInput(matched, url.searchParams, request.headers, body);
        const reply = serveLambda(matched, { account: this.account, ...decoded });
        return lambdaReply(reply.status ?? 200, reply.body, requestId);
      },
      fail: (error) => lambdaErrorResponse(error, requestId),
    };
  }

  /** The rate-limit or injected-fault refusal for this call, if any. */
  private refusalOf(call: IdentifiedCall, pool: QuotaPool): SandboxError | undefined {
    const retryAfter = this.limiter.take(pool);
    if (retryAfter > 0) return this.throttle(call, pool, retryAfter);
    const fault = drawFault(this.faults, call.write, this.random);
    if (fault === undefined) return undefined;
    this.counters.faultsInjected += 1;
    switch (fault) {
      case 'throttle':
        return this.throttle(call, pool, 1);
      case 'serverError':
        return serviceError(false);
      case 'unavailable':
        return serviceError(true);
      case 'conflict':
        return conflict('The operation cannot be performed at this time (injected fault).');
    }
  }

  private throttle(call: IdentifiedCall, pool: QuotaPool, retryAfter: number): SandboxError {
    this.counters.throttled += 1;
    bump(this.counters.throttledByPool, pool);
    if (call.service === 'ec2') {
      return new SandboxError('RequestLimitExceeded', 503, 'Request limit exceeded.');
    }
    return tooManyRequests(retryAfter);
  }

  private answerError(call: IdentifiedCall, error: SandboxError): WireResponse {
    if (error.status === 409) this.counters.conflicts += 1;
    if (error.duringUpdate) this.counters.writesDuringUpdate += 1;
    return call.fail(error);
  }

  private recordWrite(): void {
    this.counters.writes += 1;
    this.account.persist();
  }
}

function lambdaReply(status: number, body: unknown, requestId: string): WireResponse {
  const headers = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
  if (status === 204 || body === undefined) return { status, headers, body: '' };
  return { status, headers, body: JSON.stringify(body) };
}

function unknownOperation(request: IncomingMessage, url: URL, requestId: string): WireResponse {
  const error = new SandboxError(
    'UnknownOperationException',
    404,
    `no operation for ${request.method ?? 'GET'} ${url.pathname}`,
  );
  return lambdaErrorResponse(error, requestId);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
