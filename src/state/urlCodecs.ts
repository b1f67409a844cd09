/**
 * The codecs of the URL table (urlState.ts): each a zod codec from the URL's text to a state value and back.
 * Decoding never throws; a value the state schema rejects is reported, not used.
 */
import { z } from 'zod';
import { ABLATION_KINDS, ablationToken, sameAblation, type AblationItem } from './ablations';
import { PANELS } from './slices/viewSlice';

/** A zod codec between the URL's text and a state value, with safe decoding. */
export interface Codec<T> {
  decode: (text: string) => { success: true; data: T } | { success: false };
  encode: (value: T) => string;
}

export function text<T>(out: z.ZodType<T>, decode: (s: string) => unknown, encode: (v: T) => string): Codec<T> {
  const codec = z.codec(z.string(), out, { decode: (s) => decode(s) as T, encode: (v) => encode(v as T) });
  return {
    decode: (s) => {
      const result = codec.safeDecode(s);
      return result.success ? { success: true, data: result.data as T } : { success: false };
    },
    encode: (v) => codec.encode(v),
  };
}

export const count = (max: number) =>
  text(
    z.number().int().min(0).max(max),
    (s) => (/^\d+$/.test(s) ? Number(s) : NaN),
    (n) => String(n),
  );
export const choice = <const T extends string>(values: readonly [T, ...T[]]) =>
  text(
    z.enum(values),
    (s) => s,
    (v) => v,
  );
/** Like choice, with short names in the URL. */
export const renamed = <T extends string>(names: Record<T, string>) => {
  const byName = new Map(Object.entries(names).map(([value, name]) => [name as string, value]));
  return text(
    z.enum(Object.keys(names) as [T, ...T[]]),
    (s) => byName.get(s),
    (v) => names[v],
  );
};
export const nullable = <T>(codec: Codec<T>): Codec<T | null> => ({
  decode: (s) => (s === '' ? { success: true, data: null } : codec.decode(s)),
  encode: (v) => (v === null ? '' : codec.encode(v)),
});

const ablationItem: z.ZodType<AblationItem> = z.union([
  z.object({ kind: z.enum(['remove-bond', 'ma-bond']), bond: z.number().int().min(0).max(100_000) }).strict(),
  z.object({ kind: z.enum(['ma-all', 'randomize', 'global-node']) }).strict(),
]);

function parseAblationToken(token: string): unknown {
  const [kind, bond, ...rest] = token.split(':');
  if (rest.length || !ABLATION_KINDS.includes(kind as AblationItem['kind'])) return null;
  return bond === undefined ? { kind } : { kind, bond: /^\d+$/.test(bond) ? Number(bond) : NaN };
}

export const ablationList = text(
  z
    .array(ablationItem)
    .max(64)
    .refine((items) => items.every((a, i) => items.findIndex((b) => sameAblation(a, b)) === i), 'listed twice'),
  (s) => (s === '' ? [] : s.split(',').map(parseAblationToken)),
  (items) => items.map(ablationToken).join(','),
);

const SMILES_CHARS = /^[A-Za-z0-9@+\-[\]()=#$%:/\\.*~]{1,400}$/;
export const smiles = nullable(
  text(
    z.string().regex(SMILES_CHARS),
    (s) => s,
    (s) => s,
  ),
);

export const layerNumber = text(
  z.union([z.literal('max'), z.number().int().min(0).max(999)]),
  (s) => (s === 'max' ? 'max' : /^[1-9]\d*$/.test(s) ? Number(s) - 1 : NaN),
  (l) => (l === 'max' ? 'max' : String(l + 1)),
);

export const threshold = text(
  z.number().min(1).max(1e12),
  (s) => (/^\d+(\.\d+)?(e\d+)?$/i.test(s) ? Number(s) : NaN),
  (n) => String(n),
);

export const panelList = text(
  z.array(z.enum(PANELS)).refine((list) => new Set(list).size === list.length, 'listed twice'),
  (s) => (s === '' ? [] : s.split(',')),
  (list) => list.join(','),
);

export const modelId = nullable(
  text(
    z.string().regex(/^(base|ckpt|session|file):[A-Za-z0-9._-]{1,80}$/),
    (s) => s,
    (s) => s,
  ),
);

/** A dropped file's name: carried only so that opening the link can say the file did not travel with it. */
export const fileName = nullable(
  text(
    z.string().min(1).max(200),
    (s) => s,
    (s) => s,
  ),
);

/** A tail probability for base-tail: 0 < alpha < 1, written as JavaScript writes numbers (1e-4, 0.001). */
export const probability = text(
  z.number().gt(0).lt(1),
  (s) => (/^\d*\.?\d+(e-?\d+)?$/i.test(s) ? Number(s) : NaN),
  (n) => String(n),
);

/** "1" or "0". */
export const flag = text(
  z.boolean(),
  (s) => (s === '1' ? true : s === '0' ? false : null),
  (b) => (b ? '1' : '0'),
);

/** The attention-top percentile: one of the recorded ones. */
export const percentileChoice = text(
  z.number().refine((n) => [90, 95, 99, 99.9].includes(n)),
  (s) => Number(s),
  (n) => String(n),
);

/** Two or three model ids for the compare panes, comma-separated. */
export const modelIdList = text(
  z
    .array(z.string().regex(/^(base|ckpt|session|file):[A-Za-z0-9._-]{1,80}$/))
    .min(1)
    .max(3),
  (s) => s.split(','),
  (ids) => ids.join(','),
);
