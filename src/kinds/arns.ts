/** The last segment of an ARN (the resource name); the input itself when it is not an ARN. */
export function nameFromArn(arnOrName: string): string {
  return arnOrName.startsWith('arn:') ? arnOrName.slice(arnOrName.lastIndexOf(':') + 1) : arnOrName;
}

/** The ARN a capacity provider named `name` has in `region` of `account`. */
export function capacityProviderArn(region: string, account: string, name: string): string {
  return `arn:aws:lambda:${region}:${account}:capacity-provider:${name}`;
}

/** The account id inside an ARN, or undefined when the input is not an ARN. */
export function accountOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts.length > 5 ? parts[4] : undefined;
}
