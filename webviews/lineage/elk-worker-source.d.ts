/** elkjs's worker script, bundled as text (`with { type: 'text' }`) to start it from a blob URL. */
declare module 'elkjs/lib/elk-worker.min.js' {
  const source: string;
  export default source;
}
