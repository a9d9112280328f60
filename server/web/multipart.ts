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

const MAX_PARTS = 20;
const MAX_HEADER_BYTES = 8 * 1024;

/** The boundary of a `multipart/form-data` content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]) : null;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${name}=([^;\\s]+)`, 'i').exec(disposition);
  if (!match) return null;
  return (match[1] ?? match[2]).replace(/\\(.)/g, '$1');
}

/**
 * Parses a `multipart/form-data` body (RFC 7578) that is already in memory — the upload
 * size is capped before, by the raw body parser. Enough for the import form: text fields
 * and files, no nested multiparts. Written here to avoid a dependency for one form.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const malformed = () => new BadRequestError('Das Formular wurde unvollständig oder fehlerhaft übertragen.');
  const delimiter = Buffer.from(`--${boundary}`);
  const form: MultipartForm = { fields: {}, files: [] };
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformed();
  for (let parts = 0; ; parts += 1) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return form;
    if (parts >= MAX_PARTS) throw malformed();
    if (body.subarray(position, position + 2).toString() !== '\r\n') throw malformed();
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0 || headerEnd - position > MAX_HEADER_BYTES) throw malformed();
    const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw malformed();
    const data = body.subarray(headerEnd + 4, next);
    const disposition = headers.get('content-disposition') ?? '';
    const name = dispositionParam(disposition, 'name');
    if (!/^form-data/i.test(disposition) || name === null) throw malformed();
    const fileName = dispositionParam(disposition, 'filename');
    if (fileName !== null) {
      if (fileName !== '' || data.length > 0) {
        form.files.push({
          field: name,
          fileName: fileName.split(/[\\/]/).pop() ?? '',
          contentType: headers.get('content-type') ?? null,
          data: Buffer.from(data),
        });
      }
    } else {
      form.fields[name] = data.toString('utf8');
    }
    position = next + 2;
  }
}
