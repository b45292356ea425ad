/**
 * Entry of a drift worker thread: compares the numerical features it is sent, in order, and
 * answers each batch with their results or the first error.
 */
import { parentPort } from 'node:worker_threads';
import { TrackingError } from '../../store/tracking-error.ts';
import { runNumericFeatureTask, type WorkerReply, type WorkerRequest } from './numeric-feature-task.ts';

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, results: request.tasks.map(runNumericFeatureTask) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = {
      id: request.id,
      error: error instanceof TrackingError ? { message, code: error.code } : { message },
    };
  }
  parentPort?.postMessage(reply);
});
