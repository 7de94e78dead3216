#!/usr/bin/env node
// Regenerates src/aws-model/generated/*.json from the botocore models kept outside this repository:
//   node scripts/extract-aws-models.mjs <folder holding lambda-2015-03-31.json and ec2-2016-11-15-subset.json>
// It keeps only the operations the controller and the sandbox use and every shape they reach, so the
// project carries the real constraints (required, min, max, pattern, enum) without the whole model.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [modelsDir] = process.argv.slice(2);
if (!modelsDir) {
  console.error('usage: extract-aws-models.mjs <models folder>');
  process.exit(1);
}

const LAMBDA_OPERATIONS = [
  'CreateFunction',
  'GetFunction',
  'GetFunctionConfiguration',
  'ListFunctions',
  'UpdateFunctionConfiguration',
  'UpdateFunctionCode',
  'DeleteFunction',
  'PublishVersion',
  'ListVersionsByFunction',
  'CreateAlias',
  'GetAlias',
  'UpdateAlias',
  'DeleteAlias',
  'ListAliases',
  'TagResource',
  'UntagResource',
  'ListTags',
  'CreateFunctionUrlConfig',
  'GetFunctionUrlConfig',
  'UpdateFunctionUrlConfig',
  'DeleteFunctionUrlConfig',
  'CreateCapacityProvider',
  'GetCapacityProvider',
  'UpdateCapacityProvider',
  'DeleteCapacityProvider',
  'ListCapacityProviders',
  'ListFunctionVersionsByCapacityProvider',
  'PutFunctionScalingConfig',
  'GetFunctionScalingConfig',
];
const EC2_OPERATIONS = [
  'DescribeVpcs',
  'DescribeSubnets',
  'DescribeSecurityGroups',
  'DescribeInstanceTypes',
  'DescribeInstanceTypeOfferings',
  'DescribeInstances',
];

function subset(model, operations) {
  const shapes = {};
  const visit = (name) => {
    if (!name || shapes[name]) return;
    const shape = model.shapes[name];
    if (!shape) throw new Error(`missing shape ${name}`);
    shapes[name] = shape;
    for (const member of Object.values(shape.members ?? {})) visit(member.shape);
    visit(shape.member?.shape);
    visit(shape.key?.shape);
    visit(shape.value?.shape);
  };
  const ops = {};
  for (const op of operations) {
    const operation = model.operations[op];
    if (!operation) throw new Error(`missing operation ${op}`);
    ops[op] = operation;
    visit(operation.input?.shape);
    visit(operation.output?.shape);
    for (const error of operation.errors ?? []) visit(error.shape);
  }
  const sorted = Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
  return { metadata: model.metadata, operations: ops, shapes: sorted };
}

const read = (file) => JSON.parse(readFileSync(join(modelsDir, file), 'utf8'));
const out = (file, data) =>
  writeFileSync(join('src/aws-model/generated', file), JSON.stringify(data, null, 1) + '\n');

out('lambda.json', subset(read('lambda-2015-03-31.json'), LAMBDA_OPERATIONS));
out('lambda-waiters.json', read('lambda-2015-03-31-waiters.json'));
out('ec2.json', subset(read('ec2-2016-11-15-subset.json'), EC2_OPERATIONS));
