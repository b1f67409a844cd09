/**
 * One validated option schema per command: node's parseArgs reads the flags (unknown ones refused), then zod
 * checks every value against its stated range, so `--steps 1e9`, `--epochs NaN` or `--split __proto__` are
 * refused in one line before any work starts. Each option's message says what it accepts.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from './usage';

type Flag = { type: 'string' | 'boolean'; multiple?: boolean; default?: string | boolean };

const shown = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
};

/** A whole number in [min, max], written as digits (no 1e3, 0x10 or 1.0). */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\s*[+-]?\d+\s*$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be a whole number from ${min} to ${max}`)
        .max(max, `must be a whole number from ${min} to ${max}`),
    );
}

/** A finite decimal number in (or at) the bounds. */
export function decimal(min: number, max: number, { exclusiveMin = false } = {}) {
  const range = `${exclusiveMin ? 'greater than' : 'at least'} ${min} and at most ${max}`;
  return z
    .string()
    .regex(/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/, `must be a number ${range}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .refine(
          (v) => Number.isFinite(v) && (exclusiveMin ? v > min : v >= min) && v <= max,
          `must be a number ${range}`,
        ),
    );
}

export function oneOf<const T extends string>(values: readonly [T, ...T[]]) {
  const listed =
    values.length > 8 ? `${values.slice(0, 6).join(', ')}, ... (${values.length} in all)` : values.join(', ');
  return z.string().refine((v): v is T => (values as readonly string[]).includes(v), {
    message: `must be one of ${listed}`,
  }) as unknown as z.ZodType<T, string>;
}

/**
 * Reads `argv` for `command` with the flags `flags` and checks the values with `schema` (keys are the flag names).
 * Every problem becomes one UsageError line: `inspect: --steps must be a whole number from 1 to 1024 (got "1e9")`.
 */
export function readOptions<S extends z.ZodType>(
  command: string,
  argv: readonly string[],
  flags: Record<string, Flag>,
  schema: S,
): z.infer<S> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }));
  } catch (error) {
    const message = (error as Error).message;
    const ambiguous = /Option '(--[\w-]+)' argument is ambiguous/.exec(message);
    if (ambiguous)
      throw new UsageError(`${command}: ${ambiguous[1]}: write a value that starts with "-" as ${ambiguous[1]}=VALUE`);
    throw new UsageError(`${command}: ${message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse({ ...values });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = String(issue.path[0] ?? '');
  const got = flag ? values[flag] : undefined;
  throw new UsageError(
    `${command}: ${flag ? `--${flag} ` : ''}${issue.message}${got !== undefined ? ` (got ${shown(got)})` : ''}`,
  );
}
