/**
 * gzip decompression with the platform's DecompressionStream (Node 18+ and every current browser), so no library
 * is needed. Errors say which file was truncated or corrupt, in the user's words.
 */

export const GZIP_MAGIC = [0x1f, 0x8b] as const;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Decompresses a whole gzip file, chunk by chunk, and stops as soon as the output passes `maxBytes`: a gzip bomb
 * (1 MB that inflates to gigabytes) is refused after inflating just past the limit, not after inflating it all.
 */
export async function gunzip(bytes: Uint8Array, fileName = 'the file', maxBytes = Infinity): Promise<Uint8Array> {
  const reader = gunzipStream(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new DataFileError(
          `${fileName} decompresses to more than ${formatBytes(maxBytes)}; the limit is ${formatBytes(maxBytes)}`,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw gzipError(error, fileName);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** A stream of decompressed chunks; read errors become DataFileError. */
export function gunzipStream(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return source.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

export function gzipError(error: unknown, fileName: string): DataFileError {
  const raw = error instanceof Error ? error.message : String(error);
  const truncated = /unexpected end|not properly terminated|incomplete|truncated/i.test(raw);
  // Browsers word a bad stream as "Failed to fetch" or a bare TypeError: that says nothing about the file.
  const detail = /fetch|network|^\s*$|^TypeError$/i.test(raw)
    ? ''
    : ` (${raw.length > 100 ? `${raw.slice(0, 97)}...` : raw})`;
  return new DataFileError(
    truncated
      ? `${fileName} is truncated: the gzip data ends early${detail}`
      : `${fileName} is not valid gzip data: it is damaged or not gzip at all${detail}`,
  );
}

/** Returns the bytes as they are, or decompressed when they start with the gzip magic number. */
export async function maybeGunzip(bytes: Uint8Array, fileName?: string): Promise<Uint8Array> {
  return isGzip(bytes) ? gunzip(bytes, fileName) : bytes;
}
