import ms from 'ms';

/**
 * Parses a duration such as `30s`, `5m`, `1h` or `1.5h` into milliseconds. A bare number is
 * refused (it would silently mean milliseconds), as is anything not positive.
 * Throws an Error naming the option when the text is not a duration.
 */
export function parseDuration(text: string, option: string): number {
  const millis = toMillis(text.trim());
  if (millis === undefined || !Number.isFinite(millis) || millis <= 0) {
    throw new Error(`${option} must be a positive duration such as 30s, 5m or 1h, got "${text}"`);
  }
  return millis;
}

function toMillis(text: string): number | undefined {
  if (text === '' || /^[\d.]+$/.test(text)) return undefined;
  // ms answers undefined (despite its types) for text it cannot read.
  const millis: number | undefined = ms(text as ms.StringValue);
  return millis;
}
