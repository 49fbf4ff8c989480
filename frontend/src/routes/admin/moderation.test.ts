// Which actions an account's state allows, the reasons offered and the text sent.
import { describe, expect, it } from 'vitest';
import { adminText } from '../../i18n/adminText';
import {
  availableActions,
  excerpt,
  liftableActions,
  presetForCategory,
  reasonPresets,
  reasonText,
  reportActions,
  type AccountState,
} from './moderation';

const clean: AccountState = { local: true, sensitive: false, disabled: false, limited: false, suspended: false };

describe('availableActions', () => {
  it('offers every action on a local account in good standing', () => {
    expect(availableActions(clean)).toEqual(['WARN', 'SENSITIVE', 'DISABLE', 'LIMIT', 'SUSPEND']);
  });

  it('does not disable a remote account, which signs in elsewhere', () => {
    expect(availableActions({ ...clean, local: false })).toEqual(['WARN', 'SENSITIVE', 'LIMIT', 'SUSPEND']);
  });

  it('leaves out restrictions already in force, and always warns', () => {
    expect(availableActions({ ...clean, suspended: true, limited: true })).toEqual(['WARN', 'SENSITIVE', 'DISABLE']);
    expect(availableActions({ ...clean, suspended: true }, reportActions)).toEqual(['WARN', 'LIMIT']);
  });
});

describe('liftableActions', () => {
  it('lifts what is in force, strongest first', () => {
    expect(liftableActions(clean)).toEqual([]);
    expect(liftableActions({ ...clean, sensitive: true, suspended: true, disabled: true, limited: true })).toEqual([
      'SUSPEND',
      'DISABLE',
      'LIMIT',
      'SENSITIVE',
    ]);
  });
});

describe('reason presets', () => {
  it('start from the report’s category', () => {
    expect(presetForCategory('SPAM')).toBe('spam');
    expect(presetForCategory('VIOLATION')).toBe('rules');
    expect(presetForCategory('LEGAL')).toBe('illegal');
    expect(presetForCategory('OTHER')).toBe('other');
    expect(presetForCategory(null)).toBe('other');
  });

  it('each have words to send, but “other”, which sends the moderator’s own', () => {
    for (const preset of reasonPresets) {
      expect(adminText.reasons[preset].label).not.toBe('');
      expect(adminText.reasons[preset].text === '').toBe(preset === 'other');
    }
    expect(adminText.reasons.spam.text).toBe('Spam');
    expect(adminText.reasons.harassment.text).toBe('Harassment');
    expect(adminText.reasons.rules.text).toBe('Breaks the rules');
  });

  it('join the preset and the moderator’s words', () => {
    expect(reasonText('Spam', '')).toBe('Spam');
    expect(reasonText('Spam', '  links to a shop ')).toBe('Spam: links to a shop');
    expect(reasonText('', 'Threats in replies')).toBe('Threats in replies');
    expect(reasonText('', '  ')).toBe('');
  });
});

describe('excerpt', () => {
  it('keeps short text whole, on one line', () => {
    expect(excerpt('Spam\n\nagain')).toBe('Spam again');
  });

  it('cuts long text on a word', () => {
    expect(excerpt('one two three four five six', 12)).toBe('one two…');
    expect(excerpt('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghi…');
  });
});
