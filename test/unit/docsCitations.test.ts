/**
 * The repo stands alone: every `docs/METHOD.md §n` and `docs/DESIGN.md` cited in the code names a file in docs/,
 * and every cited section number has a heading there. Nothing cites notes outside the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|py|mjs)$/.test(name) ? [path] : [];
  });
}

const files = ['src', 'scripts', 'test'].flatMap((d) => sourceFiles(join(root, d)));
const method = readFileSync(join(root, 'docs/METHOD.md'), 'utf8');
const headings = new Set([...method.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));

describe('documentation the code cites', () => {
  it('has a heading for every cited docs/METHOD.md section', () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/docs\/METHOD\.md (§[\d.,§\s-]+)/g)) {
        for (const section of m[1].matchAll(/(\d+(?:\.\d+)?)/g)) {
          if (!headings.has(section[1])) missing.push(`${file.slice(root.length + 1)}: §${section[1]}`);
        }
      }
    }
    expect(headings.size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('cites no notes outside the repository', () => {
    const outside = files
      .filter((f) => !f.endsWith('docsCitations.test.ts'))
      .filter((f) =>
        /(?<!docs\/)\b(METHOD|DESIGN)\.md|METHOD §|\.\.\/shared\/(METHOD|DESIGN)/.test(readFileSync(f, 'utf8')),
      )
      .map((f) => f.slice(root.length + 1));
    expect(outside).toEqual([]);
  });

  it('the README links both notes', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('docs/METHOD.md');
    expect(readme).toContain('docs/DESIGN.md');
  });
});
