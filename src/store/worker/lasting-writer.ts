// A store writer for a long-running service: when its thread has died, the next caller gets a new one.
import { StoreWriter } from './store-writer.js';
import type { StoreWriterWorkerData } from './protocol.js';

/**
 * A writer's thread can die (out of memory, a native fault); its pending writes are then rejected, which loses nothing
 * (a page commits with its checkpoint or not at all, and the collector reads it again). Without a restart, though,
 * every later run of every connector would fail until the service restarted: `current()` starts a new thread instead.
 */
export class LastingStoreWriter {
  private writer: Promise<StoreWriter>;
  private closed = false;

  private constructor(private readonly data: StoreWriterWorkerData) {
    this.writer = StoreWriter.start(data);
  }

  /** Starts the first thread and waits until its store is open; rejects if that fails. */
  static async start(data: StoreWriterWorkerData): Promise<LastingStoreWriter> {
    const lasting = new LastingStoreWriter(data);
    await lasting.writer;
    return lasting;
  }

  /** The running writer, or a new one if the last one's thread stopped (callers at the same moment share it). */
  async current(): Promise<StoreWriter> {
    const pending = this.writer;
    const writer = await pending.catch(() => undefined);
    if (writer?.usable === true || this.closed) return pending;
    if (this.writer === pending) this.writer = StoreWriter.start(this.data);
    return this.writer;
  }

  async close(): Promise<void> {
    this.closed = true;
    const writer = await this.writer.catch(() => undefined);
    await writer?.close();
  }
}
