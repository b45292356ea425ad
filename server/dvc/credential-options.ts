/**
 * DVC remote options that hold secrets (from DVC's remote settings for S3, Azure, Google Cloud,
 * Google Drive, Alibaba OSS, SSH, HTTP and WebDAV). Paths to credential files
 * (`credentialpath`, `keyfile`) are not secrets themselves and are not listed.
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

/** A URL with a password in it (`https://user:secret@host/...`). */
export function urlHasPassword(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i.test(url);
}

/** The URL without user information, safe to show in messages. */
export function urlWithoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}
