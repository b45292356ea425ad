/**
 * ELK off the main thread: elkjs's worker script, bundled as text, started from a blob URL (the
 * page's CSP allows `worker-src blob:` and no other worker source), so panning stays smooth while
 * a large graph is laid out. A worker that cannot start (or dies) fails the layout with the
 * reason instead of leaving it pending.
 */
import ELK from 'elkjs/lib/elk-api.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import workerSource from 'elkjs/lib/elk-worker.min.js' with { type: 'text' };
import type { ElkLike } from './layout.ts';

export function startElkWorker(): ElkLike {
  let failure: Error | undefined;
  let layoutInWorker: ((graph: ElkNode) => Promise<ElkNode>) | undefined;
  const failed = new Promise<never>((_, reject) => {
    const fail = (reason: string): void => {
      failure = new Error(`the layout worker failed: ${reason}`);
      reject(failure);
    };
    try {
      const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
      const elk = new ELK({
        algorithms: ['layered'],
        workerFactory: () => {
          const worker = new Worker(url);
          worker.addEventListener('error', (event) => fail(event.message || 'it could not start'));
          return worker;
        },
      });
      layoutInWorker = (graph) => elk.layout(graph);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  });
  failed.catch(() => undefined);
  return {
    layout: (graph) =>
      failure || !layoutInWorker
        ? Promise.reject(failure ?? new Error('the layout worker did not start'))
        : Promise.race([layoutInWorker(graph), failed]),
  };
}
