/** The hostile corpus's shared vocabulary: input kinds, outcomes, and how a case is judged. */
export const KINDS = ['smiles', 'csv', 'sdf', 'tu', 'ogb', 'gzip', 'checkpoint', 'cli', 'url'] as const;
export type Kind = (typeof KINDS)[number];

export const OUTCOMES = ['clean', 'unclear', 'crash', 'hang', 'wrong'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * One hostile input. `data` is plain JSON (the runner's child process rebuilds the corpus from the seed and runs
 * case i by index). `expect` is the oracle: 'reject' (a clear refusal), 'accept' (must load or run), or a named
 * check that the kind's runner applies to what came back.
 */
export interface HostileCase {
  kind: Kind;
  name: string;
  data: unknown;
  expect?: 'reject' | 'accept' | { check: string; value?: number | string };
  /** Past this the case counts as a hang even if it finished (a bomb must stop at the limit, not after). */
  deadlineMs?: number;
  /** Runs only in the full corpus (slow: big molecules through a model, subprocess CLI runs). */
  slow?: boolean;
}

export interface CaseResult {
  outcome: Outcome;
  detail: string;
  ms: number;
}

/** What a kind's runner reports before the common judgement. */
/** `ms`, when given, is the time the code under test took (the deadline applies to it, not to building the input). */
export type RunReport = (
  | { accepted: true; value: unknown; wrong?: string; unclear?: string; messages?: string[] }
  | { accepted: false; error: unknown; unclear?: string }
) & { ms?: number };

/** Words that give away an internal failure rather than a message written for a person. */
const INTERNAL =
  /is not a function|Cannot read prop|Cannot set prop|undefined is not|Invalid array length|Maximum call stack|memory access out of bounds|out of memory|XNN|Array buffer allocation failed|Invalid typed array length|Invalid string length|unreachable|null function|RuntimeError|is not iterable|Failed to fetch|Cannot convert undefined|Cannot access/i;
/** Wording that leaks an internal value where a person expected a number or a name. */
const VAGUE = /\bundefined\b|\[object |\b(got|target|bond|index|steps?|limit|graph|node|is) NaN\b/;
export const MAX_MESSAGE = 400;

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** crash / unclear / clean for a message a person would read. */
export function judgeMessage(message: string, error?: unknown): 'clean' | 'unclear' | 'crash' {
  const name = error instanceof Error ? error.constructor.name : '';
  if (INTERNAL.test(message) || /^(TypeError|ReferenceError|RuntimeError)$/.test(name)) return 'crash';
  if (message.length > MAX_MESSAGE || VAGUE.test(message) || message.trim() === '') return 'unclear';
  return 'clean';
}

export function judge(kase: HostileCase, report: RunReport): { outcome: Outcome; detail: string } {
  if (report.unclear && !(report.accepted && report.wrong)) return { outcome: 'unclear', detail: report.unclear };
  if (report.accepted) {
    if (report.wrong) return { outcome: 'wrong', detail: report.wrong };
    if (kase.expect === 'reject') return { outcome: 'wrong', detail: 'accepted although it should be refused' };
    for (const message of report.messages ?? []) {
      const verdict = judgeMessage(message);
      if (verdict !== 'clean') return { outcome: verdict, detail: message.slice(0, 300) };
    }
    return { outcome: 'clean', detail: 'accepted' };
  }
  const message = messageOf(report.error);
  const verdict = judgeMessage(message, report.error);
  if (verdict !== 'clean') return { outcome: verdict, detail: message.slice(0, 300) };
  if (kase.expect === 'accept') return { outcome: 'wrong', detail: `refused although it is valid: ${message}` };
  return { outcome: 'clean', detail: message.slice(0, 200) };
}
