import * as aliases from './aliases.js';
import * as providers from './capacity-providers.js';
import * as urls from './function-urls.js';
import * as functions from './functions.js';
import type { LambdaHandler } from './handler.js';
import * as publishing from './publishing.js';
import * as scaling from './scaling.js';
import * as tags from './tags.js';

/** The Lambda operations the sandbox serves, by model operation name. */
export const LAMBDA_HANDLERS: Record<string, LambdaHandler> = {
  CreateFunction: functions.createFunction,
  GetFunction: functions.getFunction,
  GetFunctionConfiguration: functions.getFunctionConfiguration,
  ListFunctions: functions.listFunctions,
  UpdateFunctionConfiguration: functions.updateFunctionConfiguration,
  UpdateFunctionCode: functions.updateFunctionCode,
  DeleteFunction: functions.deleteFunction,
  PublishVersion: publishing.publishVersion,
  ListVersionsByFunction: publishing.listVersionsByFunction,
  CreateAlias: aliases.createAlias,
  GetAlias: aliases.getAlias,
  UpdateAlias: aliases.updateAlias,
  DeleteAlias: aliases.deleteAlias,
  ListAliases: aliases.listAliases,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  ListTags: tags.listTags,
  CreateFunctionUrlConfig: urls.createFunctionUrlConfig,
  GetFunctionUrlConfig: urls.getFunctionUrlConfig,
  UpdateFunctionUrlConfig: urls.updateFunctionUrlConfig,
  DeleteFunctionUrlConfig: urls.deleteFunctionUrlConfig,
  CreateCapacityProvider: providers.createCapacityProvider,
  GetCapacityProvider: providers.getCapacityProvider,
  UpdateCapacityProvider: providers.updateCapacityProvider,
  DeleteCapacityProvider: providers.deleteCapacityProvider,
  ListCapacityProviders: providers.listCapacityProviders,
  ListFunctionVersionsByCapacityProvider: providers.listFunctionVersionsByCapacityProvider,
  PutFunctionScalingConfig: scaling.putFunctionScalingConfig,
  GetFunctionScalingConfig: scaling.getFunctionScalingConfig,
};
