import {
  GetFunctionCommand,
  paginateListAliases,
  paginateListVersionsByFunction,
} from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import type { AwsClients } from '../../src/aws/clients.js';

/**
 * The refresh peers do (Terraform's GetFunction + ListVersionsByFunction +
 * GetFunctionCodeSigningConfig, ACK's three or four Gets): per function, GetFunction,
 * ListVersionsByFunction and ListAliases, whatever changed. `clients` pace the calls exactly as the
 * controller's are paced, so the wall time is what the quotas allow for this pattern. It knows
 * the names from its own state (no list call). Resolves when every function was read; rejects on
 * the first failed call. Used only by the benchmark, as the yardstick.
 */
export async function referenceRefresh(
  clients: AwsClients,
  functionNames: readonly string[],
  concurrency = 32,
): Promise<void> {
  const limit = pLimit(concurrency);
  await Promise.all(
    functionNames.map((name) =>
      limit(async () => {
        await clients.lambda.send(new GetFunctionCommand({ FunctionName: name }));
        const versions = paginateListVersionsByFunction(
          { client: clients.lambda },
          { FunctionName: name },
        );
        for await (const _page of versions);
        const aliases = paginateListAliases({ client: clients.lambda }, { FunctionName: name });
        for await (const _page of aliases);
      }),
    ),
  );
}
