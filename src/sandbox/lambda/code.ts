import { createHash } from 'node:crypto';
import type { ApiObject } from '../account.js';
import { invalidParameter } from '../errors.js';
import type { Seed } from '../seed.js';

/**
 * What Lambda derives from a code source: hash, size, package type and the GetFunction location.
 */
export interface CodeFacts {
  sha256: string;
  size: number;
  packageType: 'Zip' | 'Image';
  location: ApiObject;
}

/**
 * Derives the code facts from a FunctionCode-like input (ZipFile base64, S3 object, or ImageUri).
 * S3 objects must be in the seed (InvalidParameterValueException otherwise, as AWS's NoSuchKey).
 */
export function codeFacts(seed: Seed, code: ApiObject): CodeFacts {
  if (typeof code.ZipFile === 'string') return zipFacts(code.ZipFile);
  if (typeof code.S3Bucket === 'string' && typeof code.S3Key === 'string') {
    return s3Facts(seed, code.S3Bucket, code.S3Key, code.S3ObjectVersion as string | undefined);
  }
  if (typeof code.ImageUri === 'string') return imageFacts(code.ImageUri);
  throw invalidParameter(
    'Please provide a source for function code: ZipFile, S3 object or ImageUri',
  );
}

function zipFacts(base64: string): CodeFacts {
  const bytes = Buffer.from(base64, 'base64');
  return {
    sha256: createHash('sha256').update(bytes).digest('base64'),
    size: bytes.length,
    packageType: 'Zip',
    location: { RepositoryType: 'S3', Location: 'https://awslambda-sandbox.s3.amazonaws.com/code' },
  };
}

function s3Facts(seed: Seed, bucket: string, key: string, version: string | undefined): CodeFacts {
  const object = seed.s3Objects.find(
    (candidate) =>
      candidate.bucket === bucket &&
      candidate.key === key &&
      (version === undefined || candidate.versionId === version),
  );
  if (!object) {
    throw invalidParameter(
      `Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The ` +
        `specified key does not exist. (s3://${bucket}/${key})`,
    );
  }
  return {
    sha256: object.sha256,
    size: object.size ?? 1024,
    packageType: 'Zip',
    location: { RepositoryType: 'S3', Location: `https://${bucket}.s3.amazonaws.com/${key}` },
  };
}

function imageFacts(imageUri: string): CodeFacts {
  const digest = /@sha256:([0-9a-f]{64})$/.exec(imageUri)?.[1];
  return {
    sha256: digest ?? createHash('sha256').update(imageUri).digest('hex'),
    size: 0,
    packageType: 'Image',
    location: { RepositoryType: 'ECR', ImageUri: imageUri, ResolvedImageUri: imageUri },
  };
}
