import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Ec2Facts } from '../../src/guardrails/ec2-facts.js';
import { familyOf } from '../../src/guardrails/instance-types.js';
import type { AnyManifest, DesiredState, SourceLocation } from '../../src/manifests/types.js';

/** The file name every fixture manifest claims to come from. */
export const FIXTURE_FILE = 'manifests/guardrails.yaml';

/**
 * A desired state from YAML documents, with real source positions, standing in for
 * `loadManifests` (no schema validation: fixtures are written valid).
 */
export function desiredFrom(text: string): DesiredState {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  const objects = documents.map((doc) => manifestOf(doc, lineCounter));
  return {
    capacityProviders: objects.filter((o) => o.kind === 'CapacityProvider'),
    functions: objects.filter((o) => o.kind === 'Function'),
    guardrails: objects.filter((o) => o.kind === 'Guardrail'),
    files: [FIXTURE_FILE],
  };
}

function manifestOf(doc: Document, lineCounter: LineCounter): AnyManifest {
  const value = doc.toJS() as {
    kind: AnyManifest['kind'];
    metadata: { name: string; labels?: Record<string, string> };
    spec: unknown;
  };
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: FIXTURE_FILE, line, column: col };
  };
  const locate = (path: readonly (string | number)[]): SourceLocation => {
    for (let depth = path.length; depth > 0; depth -= 1) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: number[] } | undefined;
      const start = node?.range?.[0];
      if (start !== undefined) return position(start);
    }
    return position(doc.contents?.range?.[0] ?? 0);
  };
  return {
    apiVersion: 'lmi/v1alpha1',
    kind: value.kind,
    metadata: { name: value.metadata.name, labels: value.metadata.labels ?? {}, annotations: {} },
    spec: value.spec,
    behaviour: { deletionPolicy: 'Delete', adopt: false, suspend: false },
    source: { file: FIXTURE_FILE, baseDir: 'manifests', location: locate([]), locate },
  } as AnyManifest;
}

interface SeedRule {
  cidrIpv4: string[];
  cidrIpv6: string[];
  ipProtocol: string;
  fromPort?: number;
}

interface Seed {
  subnets: { subnetId: string; vpcId: string; availabilityZone: string }[];
  securityGroups: { groupId: string; vpcId: string; ingress: SeedRule[] }[];
  instanceTypes: { instanceType: string; architecture: string; vCpus: number }[];
  instanceTypeOfferings: Record<string, string[]>;
}

/** The EC2 facts of the seeded sandbox (data/sandbox-seed.json), as the reader builds them. */
export function seedFacts(): Ec2Facts {
  const seed = JSON.parse(
    readFileSync(new URL('../../data/sandbox-seed.json', import.meta.url), 'utf8'),
  ) as Seed;
  const open = (rule: SeedRule) =>
    [...rule.cidrIpv4, ...rule.cidrIpv6]
      .filter((cidr) => cidr === '0.0.0.0/0' || cidr === '::/0')
      .map((cidr) => `${rule.ipProtocol} ${rule.fromPort} from ${cidr}`);
  return {
    subnets: new Map(seed.subnets.map((s) => [s.subnetId, s])),
    securityGroups: new Map(
      seed.securityGroups.map((g) => {
        const openIngressRules = g.ingress.flatMap(open);
        return [
          g.groupId,
          { vpcId: g.vpcId, openIngress: openIngressRules.length > 0, openIngressRules },
        ];
      }),
    ),
    instanceTypes: new Map(
      seed.instanceTypes.map((t) => [
        t.instanceType,
        { architecture: t.architecture, family: familyOf(t.instanceType), vCpus: t.vCpus },
      ]),
    ),
    offerings: new Map(
      Object.entries(seed.instanceTypeOfferings).map(([zone, types]) => [zone, new Set(types)]),
    ),
  };
}

/** Seed ids, named for what they are. */
export const SEED = {
  subnetA: 'subnet-0c0ffee00000000a1',
  subnetB: 'subnet-0c0ffee00000000b1',
  subnetC: 'subnet-0c0ffee00000000c1',
  closedGroup: 'sg-0c0ffee00000000d1',
  openGroup: 'sg-0c0ffee00000000e1',
  operatorRole: 'arn:aws:iam::123456789012:role/lmi-capacity-provider-operator',
  executionRole: 'arn:aws:iam::123456789012:role/lmi-function-execution',
  kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-4000-8000-00000000a001',
} as const;

/** A capacity provider manifest in the seeded VPC; `spec` lines are indented under `spec:`. */
export function provider(name: string, specExtra = '', labels = '{}'): string {
  return `apiVersion: lmi/v1alpha1
kind: CapacityProvider
metadata:
  name: ${name}
  labels: ${labels}
spec:
  permissionsConfig:
    capacityProviderOperatorRoleArn: ${SEED.operatorRole}
  vpcConfig:
    subnetIds: [${SEED.subnetA}, ${SEED.subnetB}, ${SEED.subnetC}]
    securityGroupIds: [${SEED.closedGroup}]
${indent(specExtra)}`;
}

/** A function manifest on provider `steady`; extra spec lines are indented under `spec:`. */
export function fn(name: string, specExtra = '', labels = '{}'): string {
  return `apiVersion: lmi/v1alpha1
kind: Function
metadata:
  name: ${name}
  labels: ${labels}
spec:
  role: ${SEED.executionRole}
  handler: index.handler
  code: { zipFile: ./code }
${indent(specExtra)}`;
}

/** A guardrail manifest; `spec` lines are indented under `spec:`. */
export function guardrail(name: string, spec: string, enforcement = 'Block'): string {
  return `apiVersion: lmi/v1alpha1
kind: Guardrail
metadata:
  name: ${name}
spec:
  enforcement: ${enforcement}
${indent(spec)}`;
}

/** Joins manifests into one multi-document YAML file. */
export function yamlOf(...documents: string[]): string {
  return documents.join('---\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `  ${line}\n`)
    .join('');
}
