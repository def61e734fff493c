/**
 * The bench's side of the clients worker (request-flow-clients.ts): starts the worker thread and
 * drives it by request/response messages. Shared by the request-flow and bot-process benches.
 */
import { Worker } from 'node:worker_threads';
import { birthDateForAge } from '../test/helpers/app';
import type { LoadArgs, LoadResult } from './request-flow-clients';

/** The worker thread that holds the advisors' HTTP clients and the Bot Connector stand-in. */
export class Clients {
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private constructor(
    private readonly worker: Worker,
    readonly serviceUrl: string,
  ) {
    worker.on('message', (m: { id?: number; result?: unknown; error?: string }) => {
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(`clients worker: ${m.error}`));
      else p.resolve(m.result);
    });
  }

  static async start(): Promise<Clients> {
    // tsx's --import hooks do not reach worker threads: register its CommonJS hook in the worker.
    const file = require.resolve('./request-flow-clients');
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, {
      eval: true,
      workerData: { birthDate: birthDateForAge(22) },
    });
    const serviceUrl = await new Promise<string>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: { serviceUrl: string }) => resolve(m.serviceUrl));
    });
    return new Clients(worker, serviceUrl);
  }

  call<T>(cmd: string, args: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, cmd, args });
    });
  }

  load(args: LoadArgs): Promise<LoadResult> {
    return this.call('load', args);
  }

  async stop(): Promise<void> {
    await this.call('stop', {}).catch(() => undefined);
    await this.worker.terminate();
  }
}
