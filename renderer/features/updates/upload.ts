import type { AppErrorShape } from '../../../common/errors';

/**
 * Web host only: posts an update package to the host as a plain HTTP body (a package is far larger than
 * a socket message may be), with the page's token; answers the upload id the core verifies by.
 */
export async function uploadPackage(file: File): Promise<string> {
  const token = document.querySelector<HTMLMetaElement>('meta[name="outpost-token"]')?.content ?? '';
  const response = await fetch('/uploads/update-package', {
    method: 'POST',
    headers: { 'X-Outpost-Token': token, 'Content-Type': 'application/zip' },
    body: file,
  });
  if (!response.ok) {
    const refusal: AppErrorShape = {
      code: 'VALIDATION',
      message: response.status === 413 ? 'updates.errors.tooLarge' : 'updates.errors.uploadFailed',
    };
    throw refusal;
  }
  return ((await response.json()) as { id: string }).id;
}
