import type { Account, ApiObject } from '../account.js';

/** One decoded Lambda call: the account it acts on and the input as the SDK sent it. */
export interface LambdaCall {
  account: Account;
  input: ApiObject;
  /** Top-level JSON members of the body as sent, to spot members the operation does not take. */
  bodyMembers: string[];
}

/** What a handler answers: the status (the model's responseCode when absent) and the JSON body. */
export interface LambdaReply {
  status?: number;
  body?: unknown;
}

/** Serves one Lambda operation; throws SandboxError to answer with an AWS error. */
export type LambdaHandler = (call: LambdaCall) => LambdaReply;
