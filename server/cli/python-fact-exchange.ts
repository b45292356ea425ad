/**
 * Python fact extraction shared between the check's threads. Pairing needs every Python file's
 * facts in one place, but parsing and extracting them is most of a check's work: each thread
 * extracts its share and posts the facts (plain data) to the thread that pairs and reports,
 * in small batches so that no thread holds more than a batch of facts it does not keep.
 */
import { readFileSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { analyseWorkspaceFile } from '../python/analyse-python.ts';
import type { PythonFileFacts } from '../python/facts/file-facts.ts';
import { initPythonParser, PythonParser } from '../python/parser/python-parser.ts';
import { SharedValues } from './shared-values.ts';

/** Files per posted batch: small enough that a batch's copy is a few megabytes. */
const BATCH_FILES = 50;

/** One batch of a configuration group's facts, from the thread that extracted them. */
export interface FactBatch {
  readonly group: number;
  readonly facts: PythonFileFacts[];
}

/** A file's URI and text, or undefined when it cannot be read (reported when it is analysed). */
export function readPythonFile(file: string): { uri: string; text: string | undefined } {
  const uri = pathToFileURL(file).href;
  try {
    return { uri, text: readFileSync(file, 'utf8') };
  } catch {
    return { uri, text: undefined };
  }
}

/** Extracts the facts of `files`, handing them to `emit` a batch at a time. */
export async function extractFacts(
  files: readonly string[],
  emit: (facts: PythonFileFacts[]) => void,
): Promise<void> {
  if (files.length === 0) return;
  await initPythonParser();
  const parser = new PythonParser();
  try {
    let batch: PythonFileFacts[] = [];
    for (const file of files) {
      const { uri, text } = readPythonFile(file);
      if (text === undefined) continue;
      batch.push(analyseWorkspaceFile(parser, uri, text));
      if (batch.length >= BATCH_FILES) {
        emit(batch);
        batch = [];
      }
    }
    if (batch.length > 0) emit(batch);
  } finally {
    parser.delete();
  }
}

/** Posts each group's share of facts to the collecting thread, then says it is done. */
export async function sendFacts(port: MessagePort, shares: readonly (readonly string[])[]): Promise<void> {
  for (const [group, files] of shares.entries()) {
    await extractFacts(files, (facts) => port.postMessage({ group, facts } satisfies FactBatch));
  }
  port.postMessage({ done: true });
  port.close();
}

/** The collecting side: every batch the other threads post, by group, until each is done. */
export class FactInbox {
  private readonly byGroup = new Map<number, PythonFileFacts[]>();
  private readonly shared = new SharedValues();
  private readonly finished: Promise<void>;

  constructor(ports: readonly MessagePort[]) {
    this.finished = Promise.all(
      ports.map(
        (port) =>
          new Promise<void>((resolve) => {
            port.on('message', (message: FactBatch | { done: true }) => {
              if ('done' in message) {
                port.close();
                resolve();
                return;
              }
              const facts = message.facts.map((fact) => this.shared.share(fact));
              const list = this.byGroup.get(message.group);
              if (list) list.push(...facts);
              else this.byGroup.set(message.group, facts);
            });
            // A thread that died sends nothing more; its own error fails the check.
            port.once('close', resolve);
          }),
      ),
    ).then(() => undefined);
  }

  /** Every fact the other threads extracted for `group`, once all of them are done. */
  async takeGroup(group: number): Promise<PythonFileFacts[]> {
    await this.finished;
    const facts = this.byGroup.get(group) ?? [];
    this.byGroup.delete(group);
    return facts;
  }
}
