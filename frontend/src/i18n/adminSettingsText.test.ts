// Every permission and every action on an account the API names has words people read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminSettingsText, permissions } from './adminSettingsText';
import { settingsText } from './settingsText';

/** The values of `enum name` in the schema, without their descriptions. */
function enumValues(name: string): string[] {
  const schema = readFileSync(path.resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8');
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1] ?? '';
  return body.replace(/"""[\s\S]*?"""/g, '').match(/\b[A-Z][A-Z_]+\b/g) ?? [];
}

describe('permission labels', () => {
  it('has a label for every permission the API names, and none it does not', () => {
    const values = enumValues('Permission');
    expect(values.length).toBeGreaterThan(10);
    expect([...permissions].sort()).toEqual([...values].sort());
    for (const permission of permissions) expect(adminSettingsText.permissions[permission]).not.toBe('');
  });

  it('gives every permission a label of its own', () => {
    const labels = Object.values(adminSettingsText.permissions);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('strike actions', () => {
  it('names and explains every action on an account the API names', () => {
    const values = enumValues('AccountAction');
    expect(values).toContain('SUSPEND');
    const strikes: Record<string, string> = settingsText.strikes;
    expect(values.filter((value) => strikes[value] === undefined || strikes[`${value}_description`] === undefined)).toEqual([]);
  });
});

describe('registration modes', () => {
  it('names every registration mode the API names', () => {
    const modes: Record<string, string> = adminSettingsText.instanceSettings;
    expect(enumValues('RegistrationMode').filter((mode) => modes[mode] === undefined)).toEqual([]);
  });
});
