// A GraphQL multipart request (github.com/jaydenseric/graphql-multipart-request-spec): the
// operation as JSON with null where each file goes, a map of the files to those places, the files.
import type { UploadableMap, Variables } from 'relay-runtime';

/**
 * The form for `query` with `variables` and `uploadables`, each keyed by where it goes
 * (`variables.input.avatar`).
 */
export function multipartBody(query: string, variables: Variables, uploadables: UploadableMap): FormData {
  const operations = { query, variables: structuredClone(variables) };
  const paths = Object.keys(uploadables);
  for (const path of paths) setNull(operations, path.split('.'));
  const form = new FormData();
  form.append('operations', JSON.stringify(operations));
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((path, index) => [String(index), [path]]))));
  paths.forEach((path, index) => {
    const file = uploadables[path];
    if (file !== undefined) form.append(String(index), file);
  });
  return form;
}

function setNull(target: Record<string, unknown>, path: string[]): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1);
  if (last !== undefined) node[last] = null;
}
