// Requests carrying files, as the GraphQL multipart request spec has them, sent with progress.

/** Each file in `variables`, with the paths (`variables.input.file`) where it stood. */
function collectFiles(value: unknown, path: string, files: Map<Blob, string[]>): unknown {
  if (value instanceof Blob) {
    files.set(value, [...(files.get(value) ?? []), path]);
    return null;
  }
  if (Array.isArray(value)) return value.map((item, index) => collectFiles(item, `${path}.${index}`, files));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, collectFiles(item, `${path}.${key}`, files)]),
    );
  }
  return value;
}

/**
 * The multipart body for `query` with `variables` when they hold files (each file null in
 * `operations`, named in `map`, sent as part "0", "1", …), or null when they hold none.
 */
export function multipartBody(query: string, variables: Record<string, unknown>): FormData | null {
  const files = new Map<Blob, string[]>();
  const plain = collectFiles(variables, 'variables', files);
  if (files.size === 0) return null;
  const body = new FormData();
  body.append('operations', JSON.stringify({ query, variables: plain }));
  const entries = [...files.entries()];
  body.append('map', JSON.stringify(Object.fromEntries(entries.map(([, paths], index) => [String(index), paths]))));
  entries.forEach(([file], index) => {
    body.append(String(index), file, file instanceof File ? file.name : `upload-${index}`);
  });
  return body;
}

/** Told how many of the upload's bytes have gone, out of how many. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * POSTs `body` to `url` with `headers` and the session cookie, telling `onProgress` as it
 * goes; resolves with the status and the text of the answer.
 */
export function postWithProgress(
  url: string,
  body: FormData,
  headers: Record<string, string>,
  onProgress: UploadProgress | undefined,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    // Same-origin: the session cookie goes as with `credentials: 'same-origin'`.
    request.withCredentials = false;
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    if (onProgress !== undefined) {
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      });
    }
    request.addEventListener('load', () => resolve({ status: request.status, text: request.responseText }));
    request.addEventListener('error', () => reject(new TypeError('network error')));
    request.addEventListener('abort', () => reject(new TypeError('upload aborted')));
    request.send(body);
  });
}
