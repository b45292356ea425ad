/**
 * Python facts posted between the check's threads: ranges as numbers in a transferred buffer.
 * What arrives must equal what was extracted, pooled.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { compactFacts, expandFacts } from '../../server/cli/compact-facts.ts';
import { SharedValues } from '../../server/cli/shared-values.ts';
import { analyseWorkspaceFile } from '../../server/python/analyse-python.ts';
import type { PythonFileFacts } from '../../server/python/facts/file-facts.ts';
import { initPythonParser, PythonParser } from '../../server/python/parser/python-parser.ts';

const TRAIN = `import joblib
import numpy as np
from sklearn.preprocessing import StandardScaler

FEATURES = ["age", "income"]

def add_features(frame):
    frame["income_log"] = np.log1p(frame["income"].fillna(0).clip(0, 1e6))
    return frame

def train(frame):
    scaler = StandardScaler()
    scaler.fit(frame[FEATURES])
    joblib.dump(scaler, "models/scaler.pkl")
`;

const SERVE = `import joblib
from fastapi import FastAPI

app = FastAPI()

@app.post("/predict")
def predict(payload: dict):
    scaler = joblib.load("models/scaler.pkl")
    income = (payload["income"] - 3.2) / 1.7
    return {"income": income}
`;

async function extract(): Promise<PythonFileFacts[]> {
  await initPythonParser();
  const parser = new PythonParser();
  try {
    return [
      analyseWorkspaceFile(parser, 'file:///w/train.py', TRAIN),
      analyseWorkspaceFile(parser, 'file:///w/serve.py', SERVE),
    ];
  } finally {
    parser.delete();
  }
}

/** Posts `value` through a real message port, as the check's threads do. */
async function post<T>(value: T, transfer: ArrayBuffer[]): Promise<T> {
  const { port1, port2 } = new MessageChannel();
  const received = new Promise<T>((resolve) => {
    port2.once('message', (data: T) => resolve(data));
  });
  port1.postMessage(value, transfer);
  try {
    return await received;
  } finally {
    port1.close();
    port2.close();
  }
}

describe('compact facts', () => {
  it('arrive equal to the extracted facts, with no range object posted', async () => {
    const expected = structuredClone(await extract());
    const compact = compactFacts(await extract());
    const posted = JSON.stringify(compact.facts, (_key, value: unknown) =>
      typeof value === 'bigint' ? `#${value}` : value,
    );
    assert.doesNotMatch(posted, /"start"|"end"/);
    const rangeCount = compact.ranges.length / 4;
    assert.ok(rangeCount > 20, `${rangeCount} ranges`);

    const arrived = await post(compact, [compact.ranges.buffer]);
    assert.equal(compact.ranges.length, 0, 'the ranges were transferred, not copied');
    const facts = expandFacts(arrived, new SharedValues());
    assert.deepEqual(facts, expected);
  });

  it('pools equal strings, positions and ranges across batches', async () => {
    const shared = new SharedValues();
    const [first] = expandFacts(await post(compactFacts(await extract()), []), shared);
    const [second] = expandFacts(await post(compactFacts(await extract()), []), shared);
    assert.ok(first && second);
    assert.notEqual(first, second);
    assert.equal(first.functions[0]?.range, second.functions[0]?.range);
    assert.equal(first.functions[0]?.range.start, second.functions[0]?.range.start);
    assert.equal(first.importInsertPosition, second.importInsertPosition);
    const saveOf = (facts: PythonFileFacts) => facts.artifacts.find((a) => a.direction === 'save');
    assert.equal(saveOf(first)?.call.range, saveOf(second)?.call.range);
  });

  it('keeps an object that the facts reach twice whole (encoded once)', () => {
    const range = { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } };
    const call = { callee: 'joblib.dump', range };
    const facts = [{ uri: 'file:///w/a.py', first: call, again: call, also: range }];
    const expected = structuredClone(facts);
    const arrived = expandFacts(compactFacts(facts as never), new SharedValues());
    assert.deepEqual(arrived, expected);
  });

  it('leaves ranges of numbers that do not fit a pool key unpooled but exact', () => {
    const range = { start: { line: 70_000, character: 100_000 }, end: { line: 70_001, character: 0 } };
    const arrived = expandFacts(compactFacts([{ uri: 'u', range }] as never), new SharedValues());
    assert.deepEqual(arrived, [{ uri: 'u', range }]);
  });
});
