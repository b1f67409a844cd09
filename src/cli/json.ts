/** JSON has no NaN or Infinity: the CLI writes such numbers as null (each command's help says what null means). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function numbersToJson(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, finiteOrNull);
}
