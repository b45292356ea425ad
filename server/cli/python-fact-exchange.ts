/**
 * Python fact extraction shared between the check's threads. Pairing needs every Python file's
 * facts in one place, but parsing and extracting them is most of a check's work: every thread,
 * the one that pairs and reports included, takes files from a shared queue; the others post the
 * facts (plain data) to that one, in small batches so that no thread holds more than a batch of
 * facts it does not keep.
 */
import { readFileSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { analyseWorkspaceFile } from '../python/analyse-python.ts';
import type { PythonFileFacts } from '../python/facts/file-facts.ts';
import { initPythonParser, PythonParser } from '../python/parser/python-parser.ts';
import type { SharedFileQueue } from './shared-file-queue.ts';
import { SharedValues } from './shared-values.ts';
import { type CompactFacts, compactFacts, expandFacts } from './compact-facts.ts';

/** Files per posted batch: small enough that a batch's copy is a few megabytes. */
const BATCH_FILES = 50;

/** One batch of a configuration group's facts, from the thread that extracted them. */
export interface FactBatch {
  readonly group: number;
  readonly facts: CompactFacts;
}

/** The thread has sent all it extracted of `group`, or of every group when `group` is absent. */
interface FactsDone {
  readonly done: true;
  readonly group?: number;
}

/** A file's URI and text, or no text when it cannot be read. */
export type ReadPythonFile = (file: string) => { uri: string; text: string | undefined };

/** A file's URI and text, or undefined when it cannot be read (reported when it is analysed). */
export function readPythonFile(file: string): { uri: string; text: string | undefined } {
  const uri = pathToFileURL(file).href;
  try {
    return { uri, text: readFileSync(file, 'utf8') };
  } catch {
    return { uri, text: undefined };
  }
}

/**
 * Extracts the facts of `files`, handing them to `emit` a batch at a time. Between batches it
 * lets the thread's other events run (facts arriving from other threads).
 */
export async function extractFacts(
  files: Iterable<string>,
  emit: (facts: PythonFileFacts[]) => void,
  read: ReadPythonFile = readPythonFile,
): Promise<void> {
  let parser: PythonParser | undefined;
  try {
    let batch: PythonFileFacts[] = [];
    for (const file of files) {
      const { uri, text } = read(file);
      if (text === undefined) continue;
      if (!parser) {
        await initPythonParser();
        parser = new PythonParser();
      }
      batch.push(analyseWorkspaceFile(parser, uri, text));
      if (batch.length >= BATCH_FILES) {
        emit(batch);
        batch = [];
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (batch.length > 0) emit(batch);
  } finally {
    parser?.delete();
  }
}

/**
 * Takes files of each group from the queue and posts their facts to the collecting thread,
 * saying when it is done with each group and with all of them.
 */
export async function sendFacts(
  port: MessagePort,
  queue: SharedFileQueue,
  groups: readonly (readonly string[])[],
): Promise<void> {
  for (const [group, files] of groups.entries()) {
    await extractFacts(queue.take(group, files), (facts) => {
      const compact = compactFacts(facts);
      port.postMessage({ group, facts: compact } satisfies FactBatch, [compact.ranges.buffer]);
    });
    port.postMessage({ done: true, group } satisfies FactsDone);
  }
  port.postMessage({ done: true } satisfies FactsDone);
  port.close();
}

/** The collecting side: every batch the other threads post, by group, until each is done with it. */
export class FactInbox {
  private readonly byGroup = new Map<number, PythonFileFacts[]>();
  private readonly shared = new SharedValues();
  /** Per port: the last group it is done with (groups are sent in order); Infinity once it ended. */
  private readonly doneThrough: number[];
  private waiting: { group: number; resolve: () => void }[] = [];

  constructor(ports: readonly MessagePort[]) {
    this.doneThrough = ports.map(() => -1);
    for (const [index, port] of ports.entries()) {
      const ended = (): void => this.markDone(index, Number.POSITIVE_INFINITY);
      port.on('message', (message: FactBatch | FactsDone) => {
        if ('done' in message) {
          if (message.group === undefined) {
            port.close();
            ended();
          } else this.markDone(index, message.group);
          return;
        }
        this.add(message.group, expandFacts(message.facts, this.shared));
      });
      // A thread that died sends nothing more; its own error fails the check.
      port.once('close', ended);
    }
  }

  /** Keeps facts of `group` (with one copy of each equal string, position and range across all of them). */
  private add(group: number, facts: PythonFileFacts[]): void {
    const list = this.byGroup.get(group);
    if (list) list.push(...facts);
    else this.byGroup.set(group, facts);
  }

  /** Every fact of `group` kept here, once all the other threads are done with it. */
  async takeGroup(group: number): Promise<PythonFileFacts[]> {
    if (!this.isDone(group)) await new Promise<void>((resolve) => this.waiting.push({ group, resolve }));
    const facts = this.byGroup.get(group) ?? [];
    this.byGroup.delete(group);
    return facts;
  }

  private isDone(group: number): boolean {
    return this.doneThrough.every((through) => through >= group);
  }

  private markDone(port: number, group: number): void {
    this.doneThrough[port] = Math.max(this.doneThrough[port] ?? -1, group);
    const ready = this.waiting.filter((waiter) => this.isDone(waiter.group));
    this.waiting = this.waiting.filter((waiter) => !this.isDone(waiter.group));
    for (const waiter of ready) waiter.resolve();
  }
}
