/**
 * The description of a model-derived schema node. The extracted model has its documentation
 * stripped, so each node names the AWS shape or member it maps to one to one.
 */
export function describeAwsMember(shapeName: string, memberName?: string): string {
  const shape = shapeName.replace(/Request$/, '');
  if (memberName === undefined) return `AWS Lambda ${shape}, with members in lowerCamelCase.`;
  return `AWS Lambda ${shape}.${memberName}.`;
}
