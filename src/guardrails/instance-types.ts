/**
 * Instance families Lambda Managed Instances launches: the C, M and R classes (`c7g`, `m6i`,
 * `r8g`, and variants such as `c7gn`). Used to keep the EC2 catalogue to what LMI can launch.
 */
// Limitation: also matches C/M/R variants LMI may not launch (m7i-flex) and misses GPU families.
export const LMI_FAMILY_PATTERNS: readonly string[] = ['c*', 'm*', 'r*'];

/** The family of an instance type: `c7g` for `c7g.xlarge`. */
export function familyOf(instanceType: string): string {
  const dot = instanceType.indexOf('.');
  return dot === -1 ? instanceType : instanceType.slice(0, dot);
}

/**
 * The family a pattern is confined to, when its family part is literal (`c7g.*` -> `c7g`);
 * undefined when the family part has a wildcard (`c7*.large`, `*`), so only a catalogue can tell.
 */
export function literalFamilyOf(pattern: string): string | undefined {
  const family = familyOf(pattern);
  return family.includes('*') || !pattern.includes('.') ? undefined : family;
}

/**
 * True when `name` matches `pattern`, where `*` stands for any run of characters (as EC2 instance
 * type patterns and filters use it). Case-sensitive, like instance type names.
 */
export function matchesPattern(pattern: string, name: string): boolean {
  return globToRegExp(pattern).test(name);
}

/** True when a pattern excludes a whole family (`c8g.*` or `c8g*` excludes `c8g`). */
export function excludesFamily(pattern: string, family: string): boolean {
  // No real size contains a NUL, so only a pattern with `*` for the whole size part matches it.
  return matchesPattern(pattern, `${family}.\u0000`);
}

// Own code rather than a glob library: instance-type patterns have only `*`, no paths or classes.
const patternCache = new Map<string, RegExp>();

function globToRegExp(pattern: string): RegExp {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const source = pattern
    .split('*')
    .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const compiled = new RegExp(`^${source}$`);
  patternCache.set(pattern, compiled);
  return compiled;
}

/**
 * The families among `families` that a pattern may reach, judged on the family part alone
 * (`c7*.large` reaches `c7g` and `c7i`; `*` reaches all).
 */
export function familiesReachedBy(pattern: string, families: Iterable<string>): string[] {
  const familyPattern = familyOf(pattern);
  return [...families].filter((family) => matchesPattern(familyPattern, family));
}
