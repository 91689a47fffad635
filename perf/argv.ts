/**
 * The perf scripts' flags, `--name value`, read from this process's arguments. They are
 * developer tools run by hand or by bench:perf, so a flag missing its value or a number
 * that is not one stops the script rather than measuring something else.
 */

/** The value after `--name`, or undefined when the flag is absent. */
export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** `--name N` as a number, or undefined when the flag is absent. */
export function numberArg(name: string): number | undefined {
  const value = argValue(name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new Error(`--${name} takes a number, got "${value}"`);
  return number;
}
