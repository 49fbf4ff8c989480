// Files in a request's variables go as parts of a multipart request, named in its map.
import { describe, expect, it } from 'vitest';
import { multipartBody } from './upload';

describe('multipartBody', () => {
  it('sends no multipart body without files', () => {
    expect(multipartBody('query { a }', { input: { text: 'x' } })).toBeNull();
  });

  it('puts each file in a part of its own and null in its place', async () => {
    const picture = new File([new Uint8Array([137, 80, 78, 71])], 'rook.png', { type: 'image/png' });
    const body = multipartBody('mutation M($input: UploadMediaInput!) { x }', {
      input: { file: picture, description: 'A rook', focus: { x: 0, y: 0.5 } },
    });
    if (body === null) throw new Error('no multipart body');
    expect([...body.keys()]).toEqual(['operations', 'map', '0']);
    expect(JSON.parse(body.get('operations') as string)).toEqual({
      query: 'mutation M($input: UploadMediaInput!) { x }',
      variables: { input: { file: null, description: 'A rook', focus: { x: 0, y: 0.5 } } },
    });
    expect(JSON.parse(body.get('map') as string)).toEqual({ 0: ['variables.input.file'] });
    const part = body.get('0') as File;
    expect(part.name).toBe('rook.png');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
  });

  it('names files inside lists by their index', () => {
    const a = new Blob(['a']);
    const b = new Blob(['b']);
    const body = multipartBody('q', { files: [a, b] });
    expect(JSON.parse(body?.get('map') as string)).toEqual({ 0: ['variables.files.0'], 1: ['variables.files.1'] });
  });
});
