import { createHash } from 'node:crypto';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionUrlConfigCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetFunctionUrlConfigCommand,
  InvalidParameterValueException,
  ListAliasesCommand,
  ListTagsCommand,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  UpdateFunctionUrlConfigCommand,
  paginateListFunctions,
  paginateListVersionsByFunction,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TARGETS, zipBytes, type ContractTarget } from './contract-target.js';

async function createClassic(target: ContractTarget, name: string, code = 'v1') {
  return target.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: target.fixtures.executionRoleArn,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: zipBytes(code) },
      Environment: { Variables: { STAGE: 'test' } },
      Tags: { team: 'payments' },
    }),
  );
}

async function waitActive(target: ContractTarget, name: string) {
  await waitUntilFunctionActiveV2(
    { client: target.lambda, ...target.wait },
    { FunctionName: name },
  );
}

async function waitUpdated(target: ContractTarget, name: string) {
  await waitUntilFunctionUpdatedV2(
    { client: target.lambda, ...target.wait },
    { FunctionName: name },
  );
}

async function listAllFunctionNames(lambda: LambdaClient, pageSize: number) {
  const names: string[] = [];
  for await (const page of paginateListFunctions({ client: lambda, pageSize }, {})) {
    names.push(...(page.Functions ?? []).map((fn) => fn.FunctionName ?? ''));
  }
  return names;
}

describe.each(CONTRACT_TARGETS)('Lambda functions contract against $name', ({ enabled, open }) => {
  let target: ContractTarget;
  beforeAll(async () => {
    if (enabled) target = await open();
  });
  afterAll(async () => {
    if (enabled) await target.close();
  });

  it.skipIf(!enabled)(
    'creates a function Pending, then Active, with the code hash and tags',
    async () => {
      const name = target.unique('classic');
      const created = await createClassic(target, name, 'hello');

      expect(created.State).toBe('Pending');
      expect(created.CodeSha256).toBe(createHash('sha256').update('hello').digest('base64'));
      expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      await waitActive(target, name);
      const fetched = await target.lambda.send(new GetFunctionCommand({ FunctionName: name }));
      expect(fetched.Configuration?.State).toBe('Active');
      expect(fetched.Configuration?.Environment?.Variables).toEqual({ STAGE: 'test' });
      expect(fetched.Tags).toEqual({ team: 'payments' });
    },
  );

  it.skipIf(!enabled)(
    'refuses a second function of the same name with ResourceConflictException',
    async () => {
      const name = target.unique('twice');
      await createClassic(target, name);
      await expect(createClassic(target, name)).rejects.toBeInstanceOf(ResourceConflictException);
    },
  );

  it.skipIf(!enabled)('answers ResourceNotFoundException for an unknown function', async () => {
    const missing = target.lambda.send(
      new GetFunctionCommand({ FunctionName: target.unique('missing') }),
    );
    await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it.skipIf(!enabled)(
    'refuses a second update while the first is InProgress, then accepts it',
    async () => {
      const name = target.unique('updates');
      await createClassic(target, name);
      await waitActive(target, name);

      const first = await target.lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: 256 }),
      );
      expect(first.LastUpdateStatus).toBe('InProgress');
      const second = target.lambda.send(
        new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipBytes('v2') }),
      );
      await expect(second).rejects.toBeInstanceOf(ResourceConflictException);

      await waitUpdated(target, name);
      const code = await target.lambda.send(
        new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipBytes('v2') }),
      );
      expect(code.RevisionId).not.toBe(first.RevisionId);
      expect(code.MemorySize).toBe(256);
    },
  );

  it.skipIf(!enabled)('rejects an update whose RevisionId is stale', async () => {
    const name = target.unique('revision');
    await createClassic(target, name);
    await waitActive(target, name);
    const stale = target.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: name,
        Timeout: 9,
        RevisionId: 'stale',
      }),
    );
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedException);
  });

  it.skipIf(!enabled)('hashes S3 code from the object and refuses an unknown object', async () => {
    const { S3Bucket, S3Key, sha256 } = target.fixtures.s3Code;
    const name = target.unique('s3code');
    const created = await target.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: target.fixtures.executionRoleArn,
        Runtime: 'python3.13',
        Handler: 'app.handler',
        Code: { S3Bucket, S3Key },
      }),
    );
    expect(created.CodeSha256).toBe(sha256);
    const unknown = target.lambda.send(
      new CreateFunctionCommand({
        FunctionName: target.unique('s3missing'),
        Role: target.fixtures.executionRoleArn,
        Runtime: 'python3.13',
        Handler: 'app.handler',
        Code: { S3Bucket, S3Key: 'no/such/key.zip' },
      }),
    );
    await expect(unknown).rejects.toBeInstanceOf(InvalidParameterValueException);
  });

  it.skipIf(!enabled)(
    'publishes numbered versions and pages them with the SDK paginator',
    async () => {
      const name = target.unique('versions');
      await createClassic(target, name);
      await waitActive(target, name);
      const v1 = await target.lambda.send(new PublishVersionCommand({ FunctionName: name }));
      const again = await target.lambda.send(new PublishVersionCommand({ FunctionName: name }));
      expect(again.Version).toBe(v1.Version);

      await target.lambda.send(
        new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipBytes('v2') }),
      );
      await waitUpdated(target, name);
      const v2 = await target.lambda.send(new PublishVersionCommand({ FunctionName: name }));
      expect(Number(v2.Version)).toBe(Number(v1.Version) + 1);

      const versions: string[] = [];
      const pages = paginateListVersionsByFunction(
        { client: target.lambda, pageSize: 1 },
        { FunctionName: name },
      );
      for await (const page of pages)
        versions.push(...(page.Versions ?? []).map((v) => v.Version ?? ''));
      expect(versions).toEqual(['$LATEST', v1.Version, v2.Version]);
      const qualified = await target.lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: v1.Version }),
      );
      expect(qualified.FunctionArn).toMatch(new RegExp(`:${name}:${v1.Version}$`));
    },
  );

  it.skipIf(!enabled)('lists every function across pages of ListFunctions', async () => {
    const names = [target.unique('page'), target.unique('page'), target.unique('page')];
    for (const name of names) await createClassic(target, name);
    const listed = await listAllFunctionNames(target.lambda, 2);
    for (const name of names) expect(listed.filter((item) => item === name)).toHaveLength(1);
  });

  it.skipIf(!enabled)('creates, reads, updates, lists and deletes aliases', async () => {
    const name = target.unique('aliases');
    await createClassic(target, name);
    await waitActive(target, name);
    const v1 = await target.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    const created = await target.lambda.send(
      new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: v1.Version }),
    );
    expect(created.AliasArn).toMatch(new RegExp(`:${name}:live$`));
    const updated = await target.lambda.send(
      new UpdateAliasCommand({ FunctionName: name, Name: 'live', Description: 'prod traffic' }),
    );
    expect(updated.RevisionId).not.toBe(created.RevisionId);
    const listed = await target.lambda.send(new ListAliasesCommand({ FunctionName: name }));
    expect(listed.Aliases?.map((alias) => alias.Name)).toEqual(['live']);
    await target.lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: 'live' }));
    const gone = target.lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }));
    await expect(gone).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it.skipIf(!enabled)('tags and untags a function by ARN', async () => {
    const name = target.unique('tags');
    const created = await createClassic(target, name);
    const arn = created.FunctionArn ?? '';
    await target.lambda.send(
      new TagResourceCommand({ Resource: arn, Tags: { owner: 'lmi', tier: '1' } }),
    );
    await target.lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['tier'] }));
    const tags = await target.lambda.send(new ListTagsCommand({ Resource: arn }));
    expect(tags.Tags).toEqual({ team: 'payments', owner: 'lmi' });
  });

  it.skipIf(!enabled)('manages a function URL config through its whole life', async () => {
    const name = target.unique('url');
    await createClassic(target, name);
    const created = await target.lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: 'AWS_IAM' }),
    );
    expect(created.FunctionUrl).toMatch(/^https:\/\/.+\.lambda-url\./);
    const duplicate = target.lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: 'AWS_IAM' }),
    );
    await expect(duplicate).rejects.toBeInstanceOf(ResourceConflictException);
    await target.lambda.send(
      new UpdateFunctionUrlConfigCommand({ FunctionName: name, AuthType: 'NONE' }),
    );
    const read = await target.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }));
    expect(read.AuthType).toBe('NONE');
    await target.lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: name }));
    const gone = target.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }));
    await expect(gone).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it.skipIf(!enabled)('deletes a classic function at once', async () => {
    const name = target.unique('delete');
    await createClassic(target, name);
    await waitActive(target, name);
    await target.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    const gone = target.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    await expect(gone).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it.skipIf(!enabled)('rejects an invalid function name with a ValidationException', async () => {
    const bad = target.lambda.send(new GetFunctionCommand({ FunctionName: 'not a name!' }));
    await expect(bad).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
