import type { Actor } from '../lib/principal';

/** One file of an import job. */
export interface ImportFile {
  name: string;
  buffer: Buffer;
}

/**
 * The options of an import job; its files are the job's bytes, one after the other, in the
 * order and with the lengths listed here.
 */
export interface ImportJobOptions {
  files: { name: string; bytes: number }[];
  mediaType?: string;
  dryRun: boolean;
  /** Who started the upload, written to the audit log by the importer as then. */
  actor: Actor;
}

/** The bytes and the file list of a job's files. */
export function packFiles(files: ImportFile[]): { payload: Buffer; files: ImportJobOptions['files'] } {
  return {
    payload: Buffer.concat(files.map((f) => f.buffer)),
    files: files.map((f) => ({ name: f.name, bytes: f.buffer.length })),
  };
}

/** The files of a job from its bytes and options. */
export function unpackFiles(options: Pick<ImportJobOptions, 'files'>, payload: Buffer): ImportFile[] {
  let offset = 0;
  return options.files.map((file) => {
    const buffer = payload.subarray(offset, offset + file.bytes);
    offset += file.bytes;
    return { name: file.name, buffer };
  });
}
