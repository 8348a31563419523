/** Streaming history writers: OpenMetrics (promtool backfill) and VictoriaMetrics JSON lines. */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { counterFamily, formatLabels, formatValue, orderedByName, rangeTimes } from './format';
import type { DemoSeries, HistoryRange, WriteResult } from './types';

const FLUSH_BYTES = 64 * 1024;

/** Buffers small strings and writes ~64 KiB chunks, waiting for 'drain' when the stream is full. */
class ChunkWriter {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;
  private error: Error | undefined;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (err) => {
      this.error = err;
    });
  }

  /** Append text; returns a promise to await only when a chunk was flushed (no per-sample await). */
  push(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= FLUSH_BYTES ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.error) throw this.error;
  }

  /** Close the file after a failure, keeping the original error. */
  abort(): void {
    this.stream.destroy();
  }
}

async function withWriter(path: string, write: (w: ChunkWriter) => Promise<WriteResult>): Promise<WriteResult> {
  const writer = new ChunkWriter(path);
  try {
    const result = await write(writer);
    await writer.close();
    return result;
  } catch (err) {
    writer.abort();
    throw err;
  }
}

/**
 * Write the series' samples over `range` as OpenMetrics for `promtool tsdb create-blocks-from openmetrics`:
 * `# TYPE <family> counter` (or gauge) once per family, series by series, timestamps (seconds) ascending, `# EOF`.
 */
export function writeOpenMetrics(series: Iterable<DemoSeries>, range: HistoryRange, path: string): Promise<WriteResult> {
  return withWriter(path, async (w) => {
    let seriesCount = 0;
    let samples = 0;
    let family: string | undefined;
    for (const s of orderedByName(series)) {
      const gauge = s.type === 'gauge';
      const name = gauge ? s.name : counterFamily(s.name);
      if (name !== family) {
        await w.push(`# TYPE ${name} ${gauge ? 'gauge' : 'counter'}\n`);
        family = name;
      }
      const prefix = `${s.name}${formatLabels(s.labels)} `;
      let written = 0;
      for (const t of rangeTimes(range)) {
        if (!s.existsAt(t)) continue;
        const flushing = w.push(`${prefix}${formatValue(s.valueAt(t))} ${t}\n`);
        if (flushing) await flushing;
        written++;
      }
      if (written > 0) seriesCount++;
      samples += written;
    }
    await w.push('# EOF\n');
    return { series: seriesCount, samples };
  });
}

/**
 * Write the series as VictoriaMetrics /api/v1/import JSON lines:
 * `{"metric":{"__name__":...},"values":[...],"timestamps":[ms...]}`, one line per series with samples.
 */
export function writeVmJsonLines(series: Iterable<DemoSeries>, range: HistoryRange, path: string): Promise<WriteResult> {
  return withWriter(path, async (w) => {
    let seriesCount = 0;
    let samples = 0;
    for (const s of series) {
      const values: number[] = [];
      const timestamps: number[] = [];
      for (const t of rangeTimes(range)) {
        if (!s.existsAt(t)) continue;
        values.push(s.valueAt(t));
        timestamps.push(Math.round(t * 1000));
      }
      if (values.length === 0) continue;
      const metric = { __name__: s.name, ...s.labels };
      await w.push(`${JSON.stringify({ metric, values, timestamps })}\n`);
      seriesCount++;
      samples += values.length;
    }
    return { series: seriesCount, samples };
  });
}
