import { createPlanJudge } from '../controller/judge.js';
import { preparePlan, type PreparedPlan } from '../controller/prepare-plan.js';
import type { Logger } from '../logging/logger.js';
import { openAwsSession, parseApiBudget, type AwsSession } from './aws-session.js';
import type { GlobalOptions } from './global-options.js';

/**
 * Opens the AWS session the global options ask for, prepares the plan of `paths` (guardrails
 * judged) and hands both to `use`; the session (and an embedded sandbox) is closed afterwards,
 * whatever `use` does. Resolves to what `use` returns.
 */
export async function withPreparedPlan<T>(
  globals: GlobalOptions,
  request: { paths: string[]; apiBudget: string; logger: Logger },
  use: (prepared: PreparedPlan, session: AwsSession) => Promise<T>,
): Promise<T> {
  const { paths, logger } = request;
  const session = await openAwsSession(globals, {
    apiShare: parseApiBudget(request.apiBudget),
    logger,
  });
  try {
    const prepared = await preparePlan({
      paths,
      controllerId: globals.controllerId,
      clients: session.clients,
      logger,
      judge: createPlanJudge(logger, globals.controllerId),
    });
    return await use(prepared, session);
  } finally {
    await session.close();
  }
}
