import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatProblem, loadManifests, type LoadOptions } from '../../src/manifests/index.js';

/** A throw-away repository folder for loader tests. */
export interface Workspace {
  root: string;
  write(path: string, content: string | Buffer): string;
  /** Loads `paths` (default: the whole root) and returns problems with the root prefix removed. */
  problems(paths?: string[], options?: LoadOptions): Promise<string[]>;
  remove(): void;
}

/** Creates an empty workspace folder under the system temp folder. */
export function createWorkspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'lmi-manifests-'));
  return {
    root,
    write(path, content) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      return full;
    },
    async problems(paths = [root], options = {}) {
      const { problems } = await loadManifests(paths, options);
      return problems.map((problem) =>
        formatProblem(problem).replaceAll(`${root}/`, '').replaceAll(root, '<root>'),
      );
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A valid capacity provider (arm64, Auto scaling) named steady. */
export const PROVIDER = `apiVersion: lmi/v1alpha1
kind: CapacityProvider
metadata:
  name: steady
spec:
  vpcConfig:
    subnetIds: [subnet-0c0ffee00000000a1]
    securityGroupIds: [sg-0c0ffee00000000d1]
  permissionsConfig:
    capacityProviderOperatorRoleArn: arn:aws:iam::123456789012:role/lmi-capacity-provider-operator
  instanceRequirements:
    architectures: [arm64]
  capacityProviderScalingConfig:
    maxVCpuCount: 16
    scalingMode: Auto
`;

/** A valid function named api on the steady provider, with its code in ./src. */
export const FUNCTION = `apiVersion: lmi/v1alpha1
kind: Function
metadata:
  name: api
spec:
  runtime: python3.13
  handler: app.handler
  role: arn:aws:iam::123456789012:role/lmi-function-execution
  architectures: [arm64]
  memorySize: 4096
  code:
    zipFile: ./src
  capacityProviderConfig:
    lambdaManagedInstancesCapacityProviderConfig:
      capacityProviderRef: steady
      perExecutionEnvironmentMaxConcurrency: 10
      executionEnvironmentMemoryGiBPerVCpu: 2
`;

/** A valid guardrail named baseline. */
export const GUARDRAIL = `apiVersion: lmi/v1alpha1
kind: Guardrail
metadata:
  name: baseline
spec:
  enforcement: Warn
  capacityProviders:
    maxVCpuCount: 64
`;
