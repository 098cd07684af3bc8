import { type ImportFile, MAX_IMPORT_BYTES, UPLOAD_CHUNK_BYTES } from '../../../common/imports';
import { api } from '../../api/client';
import { CoreCallError } from '../../api/errors';

function base64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes a limited number of arguments.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sends a chosen file to the core over the ordinary connection, in chunks
 * the transport carries (the renderer cannot hand the core a path), and
 * returns what the core read in it.
 */
export async function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<ImportFile> {
  if (file.size > MAX_IMPORT_BYTES) throw new CoreCallError({ code: 'VALIDATION', message: 'imports.errors.tooLarge' });
  if (file.size === 0) throw new CoreCallError({ code: 'VALIDATION', message: 'imports.errors.empty' });
  const { uploadId } = await api.imports.begin.mutate({ fileName: file.name, size: file.size });
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
    await api.imports.chunk.mutate({ uploadId, offset, data: base64(bytes) });
    onProgress(Math.min(1, (offset + bytes.length) / file.size));
  }
  return api.imports.finish.mutate({ uploadId });
}
