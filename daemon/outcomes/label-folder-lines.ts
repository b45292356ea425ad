/** Delayed labels as the folder importer reads them from `*.jsonl` files in `<data dir>/labels/`. */
import type { FolderLines } from '../drift/sample-folder-importer.ts';
import { parseLabelLines } from './label-lines.ts';

export const LABELS_FOLDER = 'labels';

export function labelFolderLines(now: () => number = Date.now): FolderLines {
  return {
    noun: 'label',
    offset: (store, file) => store.read(() => store.outcomeLabels.fileOffset(file)),
    store: (store, text, file, offset) => {
      const { labels, rejected } = parseLabelLines(text, now());
      store.write(() => {
        store.outcomeLabels.insert(labels);
        store.outcomeLabels.setFileOffset(file, offset);
      });
      return { accepted: labels.length, rejected };
    },
  };
}
