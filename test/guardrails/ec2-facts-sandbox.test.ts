import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEc2Facts } from '../../src/guardrails/ec2-facts.js';
import { evaluateGuardrails } from '../../src/guardrails/evaluate.js';
import { loadManifests } from '../../src/manifests/index.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { clientsFor, fastSandbox } from '../helpers/sandbox.js';

// The rules' own tests build facts from the seed file; this one reads them through the real EC2
// client from the sandbox, so the reader and the seeded account are held to each other.
describe('EC2 facts read from the sandbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await fastSandbox();
  });
  afterAll(() => sandbox.close());

  it('finds the seeded subnets in three zones, both security groups and the catalogue', async () => {
    const { desired } = await loadManifests(['manifests/examples']);
    const facts = await readEc2Facts(clientsFor(sandbox), desired);

    expect(new Set([...facts.subnets.values()].map((s) => s.availabilityZone))).toEqual(
      new Set(['us-east-1a', 'us-east-1b', 'us-east-1c']),
    );
    expect(facts.securityGroups.get('sg-0c0ffee00000000d1')?.openIngress).toBe(false);
    expect(facts.instanceTypes.get('c7g.xlarge')).toMatchObject({ architecture: 'arm64' });
    expect(facts.offerings.get('us-east-1a')?.has('m7g.large')).toBe(true);
  });

  it('reports the open security group and a missing zone against a Block guardrail', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'lmi-facts-'));
    await cp('manifests/examples/providers', folder, { recursive: true });
    await writeFile(
      join(folder, 'open.yaml'),
      [
        'apiVersion: lmi/v1alpha1',
        'kind: CapacityProvider',
        'metadata: { name: open-door }',
        'spec:',
        '  vpcConfig:',
        '    subnetIds: [subnet-0c0ffee00000000c1]',
        '    securityGroupIds: [sg-0c0ffee00000000e1]',
        '  permissionsConfig:',
        '    capacityProviderOperatorRoleArn: arn:aws:iam::123456789012:role/lmi-capacity-provider-operator',
        '  instanceRequirements: { architectures: [arm64], allowedInstanceTypes: [c7g.*] }',
        '---',
        'apiVersion: lmi/v1alpha1',
        'kind: Guardrail',
        'metadata: { name: network }',
        'spec:',
        '  enforcement: Block',
        '  capacityProviders: { forbidOpenIngress: true, minAvailabilityZones: 2 }',
      ].join('\n'),
    );
    const { desired, problems } = await loadManifests([folder]);
    expect(problems).toEqual([]);
    const facts = await readEc2Facts(clientsFor(sandbox), desired);
    const violations = evaluateGuardrails({ desired, plan: { changes: [] }, facts });
    const mine = violations.filter((v) => v.name === 'open-door' && v.guardrail === 'network');
    expect(mine.map((v) => v.rule).sort()).toEqual([
      'capacityProviders.forbidOpenIngress',
      'capacityProviders.minAvailabilityZones',
    ]);
    expect(
      mine.every((v) => v.enforcement === 'Block' && v.location?.file.endsWith('open.yaml')),
    ).toBe(true);
  });
});
