import type { Report } from '../../engine/types.ts';
import {
  credentialFileInRepository,
  isCredentialFileOption,
  isCredentialOption,
  urlHasPassword,
} from '../../dvc/credential-options.ts';
import type { DvcRule } from '../rule.ts';
import { moveCredentialsFix } from './move-credentials-fix.ts';

/**
 * `.dvc/config` is committed: a key in it is a key for everyone who can read the repository,
 * its forks and its history. Credentials belong in `.dvc/config.local` (ignored by git) or in
 * the environment. Messages name the option, never its value.
 */
export const dvcRemoteCredentialsInRepo: DvcRule = {
  meta: {
    id: 'dvc/remote-credentials-in-repo',
    defaultSeverity: 'error',
    title: 'DVC remote credentials committed in .dvc/config',
  },
  target: 'dvc',
  check(file, context) {
    if (file.kind !== 'dvc-config') return [];
    const reports: Report[] = [];
    for (const section of file.config.sections) {
      if (section.kind !== 'remote') continue;
      const name = section.name ?? '';
      const secrets = section.options.filter(
        (option) => isCredentialOption(option.key) && option.value !== '',
      );
      const fix =
        secrets.length > 0 && context.workspace
          ? moveCredentialsFix(file.config, section, secrets, context.workspace)
          : undefined;
      for (const option of secrets)
        reports.push({
          range: file.lines.range(option.keyStart, option.keyEnd),
          message: `Remote "${name}" has its ${option.key} in .dvc/config, which is committed: anyone who can read the repository or its history has it. Move it to .dvc/config.local or the environment, and rotate it.`,
          ...(fix ? { fixes: [fix] } : {}),
        });
      for (const option of section.options) {
        const keyFile = isCredentialFileOption(option.key)
          ? credentialFileInRepository(option.value)
          : undefined;
        if (keyFile)
          reports.push({
            range: file.lines.range(option.keyStart, option.keyEnd),
            message: `Remote "${name}" has its ${option.key} pointing at ${keyFile}, inside the repository: the key file is committed with it. Keep the key file outside the repository (or use the environment's credentials), remove it from the history and rotate it.`,
          });
      }
      const url = section.options.find((option) => option.key === 'url');
      if (url && urlHasPassword(url.value))
        reports.push({
          range: file.lines.range(url.keyStart, url.keyEnd),
          message: `Remote "${name}" has a password in its url in .dvc/config, which is committed. Put the password in .dvc/config.local (dvc remote modify --local ${name} password ...) and rotate it.`,
        });
    }
    return reports;
  },
};
