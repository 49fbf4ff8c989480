// Files go to the server as the GraphQL multipart request spec says.
import { describe, expect, it } from 'vitest';
import { multipartBody } from './multipart';

describe('multipartBody', () => {
  it('sends the operation with null where each file goes, the map, then the files', async () => {
    const avatar = new File(['avatar bytes'], 'me.png', { type: 'image/png' });
    const header = new File(['header bytes'], 'sky.jpg', { type: 'image/jpeg' });
    const form = multipartBody(
      'mutation M($input: UpdateProfileInput!) { updateProfile(input: $input) { account { id } } }',
      { input: { displayName: 'Carol' } },
      { 'variables.input.avatar': avatar, 'variables.input.header': header },
    );
    expect([...form.keys()]).toEqual(['operations', 'map', '0', '1']);
    expect(JSON.parse(form.get('operations') as string)).toEqual({
      query: 'mutation M($input: UpdateProfileInput!) { updateProfile(input: $input) { account { id } } }',
      variables: { input: { displayName: 'Carol', avatar: null, header: null } },
    });
    expect(JSON.parse(form.get('map') as string)).toEqual({
      '0': ['variables.input.avatar'],
      '1': ['variables.input.header'],
    });
    const sent = form.get('0') as File;
    expect(sent.name).toBe('me.png');
    expect(await sent.text()).toBe('avatar bytes');
    expect((form.get('1') as File).name).toBe('sky.jpg');
  });

  it('leaves the variables it was given alone', () => {
    const variables = { input: { note: 'hi' } };
    multipartBody('mutation M { x }', variables, { 'variables.input.avatar': new File([''], 'a.png') });
    expect(variables).toEqual({ input: { note: 'hi' } });
  });
});
