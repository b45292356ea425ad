import path from 'node:path';

/**
 * DVC remote options that hold secrets (from DVC's remote settings for S3, Azure, Google Cloud,
 * Google Drive, Alibaba OSS, SSH, HTTP and WebDAV). Paths to credential files
 * (`credentialpath`, `keyfile`) are not secrets themselves and are not listed here.
 */
const CREDENTIAL_OPTIONS = new Set([
  'access_key_id',
  'secret_access_key',
  'session_token',
  'account_key',
  'sas_token',
  'connection_string',
  'client_secret',
  'password',
  'token',
  'custom_auth_header_value',
  'gdrive_client_secret',
  'gdrive_service_account_json_file_path_value',
  'oss_key_id',
  'oss_key_secret',
  'key_passphrase',
]);

export function isCredentialOption(key: string): boolean {
  return CREDENTIAL_OPTIONS.has(key.toLowerCase());
}

/** DVC remote options that name a file holding a key (Google Cloud, Google Drive, SSH). */
const CREDENTIAL_FILE_OPTIONS = new Set([
  'credentialpath',
  'keyfile',
  'gdrive_service_account_json_file_path',
  'gdrive_user_credentials_file',
]);

export function isCredentialFileOption(key: string): boolean {
  return CREDENTIAL_FILE_OPTIONS.has(key.toLowerCase());
}

/**
 * The repository-relative path of a credential file named by a relative path that stays inside
 * the repository (DVC reads relative paths in `.dvc/config` from the `.dvc` folder), or
 * undefined: absolute, home (`~`) and environment (`$VAR`) paths are taken as outside it.
 */
export function credentialFileInRepository(value: string): string | undefined {
  const file = value.trim().replace(/\\/g, '/');
  if (file === '' || /^([/~$%]|[a-z]:)/i.test(file)) return undefined;
  const inRepository = path.posix.normalize(`.dvc/${file}`);
  return inRepository.startsWith('../') || inRepository === '..' || inRepository === '.'
    ? undefined
    : inRepository;
}

/** A URL with a password in it (`https://user:secret@host/...`). */
export function urlHasPassword(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i.test(url);
}

/** The URL without user information, safe to show in messages. */
export function urlWithoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}
