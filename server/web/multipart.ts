import busboy from 'busboy';
import { BadRequestError } from '../../lib/errors';

/** One uploaded file of a multipart form. */
export interface UploadedFile {
  field: string;
  fileName: string;
  contentType: string | null;
  data: Buffer;
}

/** A parsed `multipart/form-data` body. */
export interface MultipartForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** Parts (fields and files together) one form may have: the import forms have three. */
const MAX_PARTS = 20;
/** Header lines per part; a browser sends two or three. */
const MAX_HEADER_PAIRS = 20;

/** The boundary of a `multipart/form-data` content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]) : null;
}

/**
 * Parses a `multipart/form-data` body (RFC 7578) with busboy. The body is already in memory:
 * its size is capped before, by the raw body parser of the upload route, and the job keeps the
 * bytes anyway. busboy (the parser behind multer) is maintained and handles the corner cases
 * of the format (quoted and escaped parameters, CRLF inside files, truncated bodies) that a
 * hand-written parser has to find one by one. Every refusal is the same German 400.
 */
export function parseMultipart(body: Buffer, boundary: string): Promise<MultipartForm> {
  const malformed = () => new BadRequestError('Das Formular wurde unvollständig oder fehlerhaft übertragen.');
  return new Promise((resolve, reject) => {
    const form: MultipartForm = { fields: {}, files: [] };
    let failed = false;
    const fail = () => {
      if (failed) return;
      failed = true;
      reject(malformed());
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        defParamCharset: 'utf8',
        limits: { parts: MAX_PARTS, headerPairs: MAX_HEADER_PAIRS },
      });
    } catch {
      fail();
      return;
    }
    const pending: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      form.fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      pending.push(
        new Promise<void>((done) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const data = Buffer.concat(chunks);
            // An empty file input is sent as a part without name and content: no file.
            if (info.filename !== undefined && (info.filename !== '' || data.length > 0)) {
              form.files.push({
                field,
                fileName: info.filename.split(/[\\/]/).pop() ?? '',
                contentType: info.mimeType || null,
                data,
              });
            }
            done();
          });
        }),
      );
    });
    parser.on('partsLimit', fail);
    parser.on('error', fail);
    parser.on('close', () => {
      void Promise.all(pending).then(() => {
        if (!failed) resolve(form);
      });
    });
    parser.end(body);
  });
}
