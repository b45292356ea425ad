/**
 * The README "Data" section that the fix of `dvc/remote-undocumented` writes: where the data
 * lives, how to pull it, and where credentials go.
 */
import { urlWithoutUserinfo } from '../../dvc/credential-options.ts';
import type { DvcSection } from '../../dvc/parse-dvc-config.ts';

/** The `dvc[...]` extra that a remote's URL scheme needs. */
function dvcExtra(url: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  const extras: Record<string, string> = {
    s3: 's3',
    gs: 'gs',
    azure: 'azure',
    gdrive: 'gdrive',
    ssh: 'ssh',
    hdfs: 'hdfs',
    webhdfs: 'webhdfs',
    oss: 'oss',
    webdav: 'webdav',
    webdavs: 'webdav',
  };
  return scheme ? extras[scheme] : undefined;
}

export function remoteUrl(remote: DvcSection): string | undefined {
  const url = remote.options.find((option) => option.key === 'url')?.value;
  return url ? urlWithoutUserinfo(url) : undefined;
}

export function dataSection(remote: DvcSection, eol: string): string {
  const name = remote.name ?? '';
  const url = remoteUrl(remote);
  const extra = url ? dvcExtra(url) : undefined;
  const where = url ? ` at \`${url}\`` : '';
  return [
    '## Data',
    '',
    `The data is versioned with [DVC](https://dvc.org) and stored in the DVC remote \`${name}\`${where}.`,
    'To get it:',
    '',
    '```sh',
    `pip install ${extra ? `"dvc[${extra}]"` : 'dvc'}`,
    'dvc pull',
    '```',
    '',
    'Reading the remote needs credentials: use your usual cloud credentials (environment or',
    `profile), or \`dvc remote modify --local ${name} <option> <value>\`, which writes them to`,
    '`.dvc/config.local` and never to the repository.',
    '',
  ].join(eol);
}
