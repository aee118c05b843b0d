// Reads a container log written by the shim (CRI format, one entry a line:
// `2026-11-23T17:24:01.123456Z stdout F text`, `P` for a piece of a longer line) as the text
// the container wrote, optionally with RFC 3339 timestamps, only the last N lines, and
// following the file while the container runs.
import { open } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface ReadLogOptions {
  follow: boolean;
  tailLines?: number;
  timestamps?: boolean;
  /** While following: whether the writer may still append (polled; the stream ends once it says no and the file is drained). */
  stillWriting: () => boolean;
  pollMs?: number;
}

/** Formats one CRI entry; undefined for a malformed line. */
export function formatEntry(line: string, timestamps: boolean): string | undefined {
  const m = /^(\S+) (stdout|stderr) ([FP]) (.*)$/s.exec(line);
  if (!m) return undefined;
  const text = m[3] === 'F' ? `${m[4]}\n` : m[4];
  return timestamps ? `${m[1]} ${text}` : text;
}

const COMPLETE = /^\S+ \S+ F /;

/** Byte offset where the last `n` lines of the log start (a line is any `P` pieces and the `F` entry ending it). */
async function tailOffset(path: string, n: number): Promise<number> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    return 0;
  }
  try {
    const size = (await fh.stat()).size;
    if (n <= 0) return size;
    let pos = size;
    let acc = Buffer.alloc(0);
    while (pos > 0) {
      const len = Math.min(64 * 1024, pos);
      pos -= len;
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, pos);
      acc = Buffer.concat([buf, acc]);
      // Entries wholly inside acc (before the start of the file, the first one may be cut).
      const first = pos === 0 ? 0 : acc.indexOf(10) + 1;
      if (pos > 0 && first === 0) continue;
      const entries = acc.subarray(first).toString('latin1').split('\n'); // latin1: one char per byte
      const starts = [0];
      for (const e of entries) starts.push(starts[starts.length - 1] + e.length + 1);
      let complete = 0;
      for (let k = entries.length - 1; k >= 0; k--) {
        if (COMPLETE.test(entries[k]) && ++complete === n + 1) return pos + first + starts[k + 1];
      }
    }
    return 0;
  } finally {
    await fh.close();
  }
}

export function readLog(path: string, opts: ReadLogOptions): NodeJS.ReadableStream {
  const out = new PassThrough();
  let closed = false;
  out.on('close', () => {
    closed = true;
  });
  void (async () => {
    let offset = opts.tailLines === undefined ? 0 : await tailOffset(path, opts.tailLines);
    let rest = '';
    const decoder = new StringDecoder('utf8');
    const pump = async (): Promise<void> => {
      let fh;
      try {
        fh = await open(path, 'r');
      } catch {
        return;
      }
      try {
        for (;;) {
          const buf = Buffer.alloc(256 * 1024);
          const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
          if (bytesRead === 0) return;
          offset += bytesRead;
          const text = rest + decoder.write(buf.subarray(0, bytesRead));
          const cut = text.lastIndexOf('\n');
          rest = cut < 0 ? text : text.slice(cut + 1);
          if (cut < 0) continue;
          let chunk = '';
          for (const line of text.slice(0, cut).split('\n')) chunk += formatEntry(line, !!opts.timestamps) ?? '';
          if (chunk && !out.write(chunk)) await new Promise((r) => out.once('drain', r));
          if (closed) return;
        }
      } finally {
        await fh.close();
      }
    };
    try {
      await pump();
      while (opts.follow && !closed) {
        const writing = opts.stillWriting();
        await new Promise((r) => setTimeout(r, opts.pollMs ?? 100));
        await pump();
        if (!writing) break;
      }
      if (rest) out.write(formatEntry(rest, !!opts.timestamps) ?? '');
      out.end();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}
