import type { IncomingMessage } from 'node:http';
import type { Account } from '../account.js';
import { SandboxError } from '../errors.js';
import { EC2_MODEL } from '../service-model.js';
import { firstViolation } from '../validate.js';
import { EC2_HANDLERS } from './describe.js';
import { decodeEc2Input } from './query.js';
import { ec2ErrorXml, ec2ResponseXml } from './xml.js';

/** The EC2 Action of a form-encoded Query request, or undefined when it is not one. */
export function ec2Operation(request: IncomingMessage, body: string): string | undefined {
  const type = request.headers['content-type'] ?? '';
  if (request.method !== 'POST' || !type.includes('x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(body).get('Action') ?? undefined;
}

/**
 * Serves one EC2 call; throws SandboxError (InvalidAction, InvalidParameterValue, NotFound ...).
 */
export function serveEc2(account: Account, action: string, body: string, requestId: string) {
  const handler = EC2_HANDLERS[action];
  const operation = EC2_MODEL.operations[action];
  if (!handler || !operation?.input || !operation.output) {
    throw new SandboxError(
      'InvalidAction',
      400,
      `The action ${action} is not valid for this web service.`,
    );
  }
  const input = decodeEc2Input(new URLSearchParams(body), operation.input.shape);
  const problem = firstViolation(EC2_MODEL, operation.input.shape, input, '');
  if (problem) throw new SandboxError('InvalidParameterValue', 400, problem);
  const output = handler(account, input);
  return {
    status: 200,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: ec2ResponseXml(action, operation.output.shape, output, requestId),
  };
}

/** The wire form of an EC2 error. */
export function ec2ErrorResponse(error: SandboxError, requestId: string) {
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: ec2ErrorXml(error, requestId),
  };
}
