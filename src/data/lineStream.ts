/**
 * Streams a (possibly gzip-compressed) text file line by line without holding it whole: big OGB files are
 * hundreds of MB. Works on any Blob (a browser File, or `fs.openAsBlob` in Node).
 */
import { DataFileError, gunzipStream, gzipError, isGzip } from './gzip';

export interface NamedBlob {
  /** File name as the user gave it (used in messages, and .gz tells compression). */
  name: string;
  blob: Blob;
}

/** Longest line read (the OGB files' lines are under 1 KB): a file without line breaks is refused, not held. */
export const MAX_LINE_CHARS = 64 * 1024;

/** Calls `onLine(text, lineNumber)` for every line (1-based); empty lines included. */
export async function forEachLine(
  file: NamedBlob,
  onLine: (line: string, lineNumber: number) => void,
  maxLineChars = MAX_LINE_CHARS,
): Promise<void> {
  const head = new Uint8Array(await file.blob.slice(0, 2).arrayBuffer());
  const compressed = isGzip(head) || /\.gz$/i.test(file.name);
  let bytes: ReadableStream<Uint8Array> = file.blob.stream();
  if (compressed) bytes = gunzipStream(bytes);
  const reader = bytes
    .pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>)
    .getReader();
  let rest = '';
  let lineNumber = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const lines = (rest + value).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.length > maxLineChars) throw longLine(file.name, lineNumber + 1, maxLineChars);
        onLine(line.replace(/\r$/, ''), ++lineNumber);
      }
      if (rest.length > maxLineChars) {
        await reader.cancel().catch(() => {});
        throw longLine(file.name, lineNumber + 1, maxLineChars);
      }
    }
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw compressed
      ? gzipError(error, file.name)
      : new DataFileError(`${file.name} could not be read (${String(error)})`);
  }
  if (rest !== '') onLine(rest.replace(/\r$/, ''), ++lineNumber);
}

function longLine(name: string, line: number, max: number): DataFileError {
  return new DataFileError(
    `${name} line ${line} runs past ${Math.round(max / 1024)} KB without a line break; this is not a CSV of numbers`,
  );
}
