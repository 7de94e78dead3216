import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A security-group rule as the seed writes it. */
export interface SeedRule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4: string[];
  cidrIpv6: string[];
}

/**
 * The seeded account: the fixed world (network, roles, catalogue, S3 objects) the sandbox serves.
 */
export interface Seed {
  accountId: string;
  region: string;
  vpcs: { vpcId: string; cidrBlock: string; isDefault: boolean; tags: Record<string, string> }[];
  subnets: {
    subnetId: string;
    vpcId: string;
    availabilityZone: string;
    availabilityZoneId: string;
    cidrBlock: string;
    availableIpAddressCount: number;
    tags: Record<string, string>;
  }[];
  securityGroups: {
    groupId: string;
    groupName: string;
    description: string;
    vpcId: string;
    ingress: SeedRule[];
    egress: SeedRule[];
    tags?: Record<string, string>;
  }[];
  roles: string[];
  kmsKeys: string[];
  instanceTypes: { instanceType: string; architecture: string; vCpus: number; memoryMiB: number }[];
  instanceTypeOfferings: Record<string, string[]>;
  s3Objects: { bucket: string; key: string; versionId?: string; sha256: string; size?: number }[];
}

/** The seed shipped with the package (data/sandbox-seed.json), two levels above this module. */
export const DEFAULT_SEED_FILE = fileURLToPath(
  new URL('../../data/sandbox-seed.json', import.meta.url),
);

/** Reads and parses a seed file; throws (with the cause) when it is missing or not JSON. */
export function loadSeed(file: string = DEFAULT_SEED_FILE): Seed {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Seed;
  } catch (error) {
    throw new Error(`cannot read sandbox seed ${file}`, { cause: error });
  }
}
