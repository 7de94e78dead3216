/** Lambda Managed Instances limits that the AWS model does not state. */

/** Fewest MB of memory an LMI function may ask for. */
export const LMI_MIN_MEMORY_MB = 2048;

/** The memory-to-vCPU ratios (GiB per vCPU) LMI offers. */
export const LMI_MEMORY_RATIOS = [2, 4, 8] as const;

/** The runtimes LMI runs, in words for messages. */
export const LMI_RUNTIMES_TEXT = 'Java 21+, Python 3.13+, Node.js 22+, .NET 8+ or provided.al2023';

const MINIMUM_VERSION: [RegExp, number][] = [
  [/^java(\d+)(?:\..*)?$/, 21],
  [/^python3\.(\d+)$/, 13],
  [/^nodejs(\d+)\.x$/, 22],
  [/^dotnet(\d+)$/, 8],
];

/** Whether a Lambda runtime identifier can run on Lambda Managed Instances. */
export function runsOnLmi(runtime: string): boolean {
  if (runtime === 'provided.al2023') return true;
  return MINIMUM_VERSION.some(([pattern, minimum]) => {
    const version = pattern.exec(runtime)?.[1];
    return version !== undefined && Number(version) >= minimum;
  });
}
