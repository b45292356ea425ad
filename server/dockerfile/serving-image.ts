/**
 * Whether a Dockerfile builds a model-serving image, and which of its stages end up in that
 * image: the final stage, the stages it is built `FROM`, and those it copies files from.
 */
import type { Dockerfile, Instruction, Stage } from './parse-dockerfile.ts';

/** Model servers and web servers that a serving image runs. */
const SERVERS = new Set([
  'uvicorn',
  'gunicorn',
  'hypercorn',
  'waitress-serve',
  'bentoml',
  'torchserve',
  'tritonserver',
  'mlserver',
  'text-generation-launcher',
  'vllm',
  'litserve',
]);
/** `serve run` (Ray Serve), `fastapi run`, `flask run`. */
const RUN_SUBCOMMANDS = new Set(['serve', 'fastapi', 'flask']);

function serverIn(instruction: Instruction): string | undefined {
  const words = instruction.words.map((word) => word.text.replace(/^.*\//, ''));
  for (const [index, word] of words.entries()) {
    if (SERVERS.has(word)) return word;
    if (RUN_SUBCOMMANDS.has(word) && words[index + 1] === 'run') return `${word} run`;
  }
  return undefined;
}

/** A file named for serving: `Dockerfile.serve`, `serving.Dockerfile`, `Dockerfile.inference`... */
const SERVING_NAME_PARTS = new Set([
  'serve',
  'serving',
  'server',
  'inference',
  'infer',
  'predict',
  'predictor',
  'api',
]);

export interface ServingEvidence {
  /** The CMD or ENTRYPOINT that runs a server, when there is one. */
  readonly command: Instruction | undefined;
  /** The server it runs (`uvicorn`), or `serving` when only the file name tells. */
  readonly server: string;
}

export function servingEvidence(file: Dockerfile): ServingEvidence | undefined {
  const final = file.stages[file.stages.length - 1];
  if (!final) return undefined;
  for (const instruction of [...final.instructions].reverse()) {
    if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
    const server = serverIn(instruction);
    if (server) return { command: instruction, server };
  }
  const name = decodeURIComponent(file.uri.slice(file.uri.lastIndexOf('/') + 1));
  const parts = name.toLowerCase().split(/[.\-_]+/);
  return parts.some((part) => SERVING_NAME_PARTS.has(part))
    ? { command: undefined, server: 'serving' }
    : undefined;
}

/** The stages whose files end up in the final image. */
export function stagesInFinalImage(file: Dockerfile): Stage[] {
  const byName = new Map<string, Stage>();
  for (const stage of file.stages) if (stage.name) byName.set(stage.name.toLowerCase(), stage);
  const included = new Set<Stage>();
  const visit = (stage: Stage | undefined): void => {
    if (!stage || included.has(stage)) return;
    included.add(stage);
    visit(byName.get(stage.image.toLowerCase()));
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      const from = instruction.words.find((word) => word.text.startsWith('--from='))?.text.slice(7);
      if (from) visit(byName.get(from.toLowerCase()) ?? file.stages[Number(from)]);
    }
  };
  visit(file.stages[file.stages.length - 1]);
  return file.stages.filter((stage) => included.has(stage));
}
