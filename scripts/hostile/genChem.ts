/** Hostile SMILES, CSV/TSV and SDF inputs. */
import { FOREIGN_CHARS, GOOD_SMILES, INJECTIONS, type Rng } from './random';
import type { HostileCase } from './types';

export function smilesCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, smiles: string, expect?: HostileCase['expect']) =>
    cases.push({ kind: 'smiles', name, data: { smiles, dataset: r.pick(['zinc', 'tox21']) }, expect });
  for (const s of GOOD_SMILES) add(`valid ${s}`, s, 'accept');
  for (const n of [150, 151, 200, 500, 800, 999, 1000, 1500, 3000, 20000])
    add(`chain of ${n} carbons`, 'C'.repeat(n), n <= 150 ? 'accept' : 'reject');
  add('100,000-character SMILES', 'C'.repeat(100_000), 'reject');
  for (const n of [160, 400, 1200]) add(`${n} branches`, 'C' + '(C)'.repeat(n), 'reject');
  for (const n of [100, 300]) add(`${n} ring closures`, 'C1CC1'.repeat(n), 'reject');
  add('600 aromatic rings', 'c1ccccc1'.repeat(100), 'reject');
  add('bracket atoms x 1000', '[CH4]'.repeat(1000), 'reject');
  for (let i = 0; i < 120; i++) {
    const base = r.pick(GOOD_SMILES);
    const ch = r.pick(FOREIGN_CHARS);
    const at = r.int(0, base.length);
    // Leading or trailing white space (a pasted SMILES) is trimmed, as it should be; anywhere else it is refused.
    const trimmed = (at === 0 || at === base.length) && ch.trim() === '';
    add(
      `${JSON.stringify(ch)} at ${at} of ${base}`,
      base.slice(0, at) + ch + base.slice(at),
      trimmed ? 'accept' : 'reject',
    );
  }
  for (const bad of ['C1CC', 'C(C', 'CC)', 'C==C', '[C', 'C]', 'X', 'c1cccc1', 'C%', '[Cx]'])
    add(`malformed ${bad}`, bad, 'reject');
  for (const odd of ['[C+99]', '[999C]', '[C@@@@H]', 'C:C', '[CH5]']) add(`odd but readable? ${odd}`, odd);
  add('pentavalent carbon', 'C(C)(C)(C)(C)C', { check: 'message-includes', value: 'valence' });
  add('hypervalent nitrogen', 'CN(C)(C)(C)C', { check: 'message-includes', value: 'valence' });
  for (const s of ['', '   ', '\n', '.', '..', 'C.', '*', '[*]', 'C.C', '[Na+].[Cl-]', 'O', '[U]', '[HH]'])
    add(`edge case ${JSON.stringify(s)}`, s);
  for (const inj of INJECTIONS) add(`injection ${inj.slice(0, 20)}`, inj, 'reject');
  for (let i = 0; i < 40; i++) {
    // Random walks over the SMILES alphabet: anything may happen, but nothing may crash or be misread.
    const alphabet = 'CNOSPFIcnos()=#123456789[]@+-/\\.%Hl';
    const length = r.int(1, 40);
    add(`random alphabet #${i}`, Array.from({ length }, () => r.pick([...alphabet])).join(''));
  }
  return cases;
}

export interface TableFile {
  name: string;
  text?: string;
  /** Raw bytes (latin-1 etc.), as numbers. */
  bytes?: number[];
}

function csv(rows: string[][], sep = ','): string {
  return rows.map((row) => row.join(sep)).join('\n') + '\n';
}

export function csvCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, file: TableFile, expect?: HostileCase['expect']) =>
    cases.push({ kind: 'csv', name, data: { files: [file], family: r.pick(['zinc', 'tox21']) }, expect });
  const goodRows = (n: number) => Array.from({ length: n }, (_, i) => [GOOD_SMILES[i % GOOD_SMILES.length], `${i}.5`]);
  add('valid', { name: 'a.csv', text: csv([['smiles', 'y'], ...goodRows(6)]) }, { check: 'loaded', value: 6 });
  add(
    'y column is a target',
    { name: 'a.csv', text: csv([['smiles', 'y'], ...goodRows(5)]) },
    { check: 'target', value: 'y' },
  );
  add(
    'name column lists names',
    {
      name: 'a.csv',
      text: csv([
        ['name', 'smiles'],
        ['ethanol', 'CCO'],
        ['phenol', 'c1ccccc1O'],
      ]),
    },
    { check: 'names', value: 'ethanol' },
  );
  for (let i = 0; i < 30; i++) {
    const n = r.int(3, 12);
    const rows = goodRows(n).map(([s, y]) => [s, y]);
    const bad = r.int(0, n - 1);
    rows[bad] = [`"${rows[bad][0]}`, rows[bad][1]];
    add(
      `one bad quote at row ${bad + 1} of ${n}`,
      { name: 'q.csv', text: csv([['smiles', 'y'], ...rows]) },
      { check: 'loaded-at-least', value: n - 2 },
    );
  }
  for (let i = 0; i < 15; i++) {
    const n = r.int(3, 10);
    const rows = goodRows(n);
    rows.splice(r.int(0, n), 0, ['$$$$', '']);
    add(
      `$$$$ row in a CSV (${n} rows)`,
      { name: 'd.csv', text: csv([['smiles', 'y'], ...rows]) },
      { check: 'loaded', value: n },
    );
  }
  for (const bad of ['inf', 'Infinity', '-Infinity', '1e309', '-1e400']) {
    const rows = goodRows(6);
    rows[2][1] = bad;
    add(
      `target ${bad} in one row`,
      { name: 't.csv', text: csv([['smiles', 'y'], ...rows]) },
      { check: 'target-row-reported', value: 'y' },
    );
  }
  for (const bad of ['not-a-number', 'abc', '1,2', '--1', '0x1g']) {
    const rows = goodRows(5);
    rows[1][1] = bad.includes(',') ? `"${bad}"` : bad;
    add(
      `target ${bad}`,
      { name: 't.csv', text: csv([['smiles', 'activity'], ...rows]) },
      { check: 'target-row-reported', value: 'activity' },
    );
  }
  const latin = [...'smiles,name\nCCO,'].map((c) => c.charCodeAt(0));
  add(
    'Latin-1 name (é as 0xE9)',
    { name: 'l.csv', bytes: [...latin, 0x63, 0x61, 0x66, 0xe9, 10, ...[...'CCC,b\n'].map((c) => c.charCodeAt(0))] },
    { check: 'loaded-or-encoding' },
  );
  add(
    'cp1252 quote (0x93)',
    { name: 'w.csv', bytes: [...latin, 0x93, 0x78, 0x94, 10] },
    { check: 'loaded-or-encoding' },
  );
  add(
    'pentavalent carbon row',
    { name: 'v.csv', text: csv([['smiles'], ['C(C)(C)(C)(C)C'], ['CCO']]) },
    { check: 'skip-includes', value: 'valence' },
  );
  for (let i = 0; i < 80; i++) {
    const rows = goodRows(4);
    const hostile = r.pick([
      ...INJECTIONS,
      'C'.repeat(r.pick([151, 1000, 5000])),
      `CC${r.pick(FOREIGN_CHARS)}O`,
      '',
      '"',
      '""""',
      'C,C,C,C',
    ]);
    rows[r.int(0, 3)][0] =
      hostile.includes(',') || hostile.includes('"') ? `"${hostile.replace(/"/g, '""')}"` : hostile;
    add(
      `hostile cell #${i}`,
      { name: 'h.csv', text: csv([['smiles', 'y'], ...rows]) },
      { check: 'loaded-at-least', value: 3 },
    );
  }
  const edge: [string, string][] = [
    ['empty', ''],
    ['header only', 'smiles\n'],
    ['only newlines', '\n\n\n'],
    ['BOM', '\ufeffsmiles\nCCO\n'],
    ['CRLF', 'smiles,y\r\nCCO,1\r\nCCN,2\r\n'],
    ['lone CR', 'smiles,y\rCCO,1\rCCN,2\r'],
    ['semicolons', 'smiles;y\nCCO;1\n'],
    ['ragged rows', 'smiles,y,z\nCCO,1\nCCN\nCCC,1,2,3\n'],
    ['no SMILES column', 'a,b\n1,2\n3,4\n'],
    ['8000 columns', Array.from({ length: 8000 }, (_, i) => `c${i}`).join(',') + '\nCCO\n'],
    ['long header cell', `${'x'.repeat(100000)}\nCCO\n`],
    ['__proto__ header', '__proto__,smiles\n1,CCO\n'],
    ['constructor header', 'constructor,smiles,toString\n1,CCO,2\n'],
    ['duplicate headers', 'smiles,smiles,y,y\nCCO,CCN,1,2\n'],
    ['quoted newline', 'smiles,name\n"CCO","a\nb"\nCCN,c\n'],
    ['10,000 rows', 'smiles\n' + 'CCO\n'.repeat(10000)],
  ];
  for (const [name, text] of edge) add(name, { name: 'e.csv', text });
  for (const [name, text] of edge.slice(3, 8)) add(`${name} (tsv)`, { name: 'e.tsv', text: text.replace(/,/g, '\t') });
  for (let i = 0; i < 25; i++) {
    const rows = goodRows(r.int(2, 6)).map((row) => row.join('\t'));
    if (r.next() < 0.5) rows.splice(1, 0, `${r.pick(INJECTIONS)}\t1`);
    else rows.splice(1, 0, `CC\tO\t1`);
    add(`tsv #${i}`, { name: 't.tsv', text: ['smiles\ty', ...rows].join('\n') });
  }
  return cases;
}

/** A V2000 molblock of a carbon chain (or `atoms` claimed with `real` atom lines). */
export function chainMolblock(title: string, atoms: number, real = atoms): string {
  const pad = (v: number | string, w: number) => String(v).padStart(w);
  const lines = [
    title,
    '  hostile',
    '',
    `${pad(atoms, 3)}${pad(Math.max(0, real - 1), 3)}  0  0  0  0  0  0  0  0999 V2000`,
  ];
  for (let i = 0; i < real; i++)
    lines.push(`${pad((i * 1.5).toFixed(4), 10)}    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0`);
  for (let i = 1; i < real; i++) lines.push(`${pad(i, 3)}${pad(i + 1, 3)}  1  0`);
  lines.push('M  END');
  return lines.join('\n');
}

export function sdfCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, text: string, expect?: HostileCase['expect']) =>
    cases.push({
      kind: 'sdf',
      name,
      data: { files: [{ name: 'm.sdf', text }], family: r.pick(['zinc', 'tox21']) },
      expect,
    });
  const record = (mol: string, data: Record<string, string> = {}) =>
    mol +
    '\n' +
    Object.entries(data)
      .map(([k, v]) => `> <${k}>\n${v}\n`)
      .join('\n') +
    '\n$$$$\n';
  add('valid', record(chainMolblock('ethane', 2), { y: '1' }) + record(chainMolblock('propane', 3), { y: '2' }), {
    check: 'loaded',
    value: 2,
  });
  for (const n of [150, 151, 300, 999]) {
    const text = record(chainMolblock(`chain ${n}`, n)) + record(chainMolblock('ok', 4));
    add(`${n}-atom record then a good one`, text, { check: 'loaded-at-least', value: n <= 150 ? 2 : 1 });
  }
  for (let i = 0; i < 140; i++) {
    const good = r.int(1, 4);
    let text = '';
    for (let k = 0; k < good; k++) text += record(chainMolblock(`m${k}`, r.int(2, 8)), { y: String(r.int(0, 9)) });
    const bad = r.pick([
      () => record(chainMolblock('claims 999', 999, 3)),
      () => record(chainMolblock('claims 9', 9, 30)),
      () => record(chainMolblock('x', 3).replace('M  END', '')),
      () => record(chainMolblock('x', 3).replace(' C ', ' Xx ')),
      () => record(chainMolblock('x', 3).replace('  1  0', ' 99  0')),
      () => record(chainMolblock('x', 3).replace('V2000', 'V3000')),
      () => record(chainMolblock(r.pick(INJECTIONS), 3)),
      () => record(chainMolblock('x', 3), { y: r.pick(['inf', '1e309', 'abc', '-', '']) }),
      () => record(chainMolblock('x', 3), { [r.pick(['__proto__', 'constructor', 'toString'])]: '1' }),
      () => '$$$$\n$$$$\n',
      () => 'garbage line\nmore garbage\n$$$$\n',
      () => record(chainMolblock('x', 3).replace(/0\.0000/g, 'nan')),
      () => record(chainMolblock('x', 1)),
      () => record(`${'\x07'.repeat(4)}\n`),
    ])();
    const at = r.int(0, 1);
    add(`${good} good records and a bad one #${i}`, at ? bad + text : text + bad, {
      check: 'loaded-at-least',
      value: good - 1,
    });
  }
  for (const [name, text] of [
    ['empty', ''],
    ['only $$$$', '$$$$\n'],
    ['NUL bytes (binary)', 'x\x00\x00\n$$$$\n'],
    ['no M  END anywhere', 'a\nb\nc\n'],
    ['counts line huge', `x\n\n\n99999999  0  0  0  0  0  0  0  0999 V2000\nM  END\n$$$$\n`],
    [
      'V3000 counts huge',
      `x\n\n\n  0  0  0  0  0  0  0  0  0  0999 V3000\nM  V30 BEGIN CTAB\nM  V30 COUNTS 5000000 0 0 0 0\nM  V30 END CTAB\nM  END\n$$$$\n`,
    ],
  ] as const)
    add(name, text);
  return cases;
}
