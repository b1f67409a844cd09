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

/** Decompresses a whole gzip file. */
export async function gunzip(bytes: Uint8Array, fileName = 'the file'): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw gzipError(error, fileName);
  }
}

/** A stream of decompressed chunks; read errors become DataFileError. */
export function gunzipStream(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return source.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

export function gzipError(error: unknown, fileName: string): DataFileError {
  const detail = error instanceof Error ? error.message : String(error);
  const truncated = /unexpected end|not properly terminated|incomplete|truncated/i.test(detail);
  return new DataFileError(
    truncated
      ? `${fileName} is truncated: the gzip data ends early (${detail})`
      : `${fileName} is not valid gzip data (${detail})`,
  );
}

/** Returns the bytes as they are, or decompressed when they start with the gzip magic number. */
export async function maybeGunzip(bytes: Uint8Array, fileName?: string): Promise<Uint8Array> {
  return isGzip(bytes) ? gunzip(bytes, fileName) : bytes;
}
