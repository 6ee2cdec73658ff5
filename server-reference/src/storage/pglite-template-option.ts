/**
 * PGlite's option for starting from a copy of a data directory (`loadDataDir`, an uncompressed tar), or
 * nothing. Shared by the in-process database and the worker thread, which receives the bytes (a Blob does
 * not cross `workerData`).
 */
export const templateOption = (template: Uint8Array<ArrayBuffer> | undefined): { loadDataDir?: Blob } =>
  template ? { loadDataDir: new Blob([template]) } : {};
