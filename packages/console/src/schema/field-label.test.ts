import { describe, expect, it } from 'vitest';
import { entityLabel, fieldLabel, pathLabel } from './field-label.js';

describe('field and entity labels', () => {
  it('names fields and entities in Simplified Chinese, and in words from their names in English', () => {
    expect(fieldLabel({ name: 'lifecycleStage', schema: {} }, 'zh-Hans')).toBe('生命周期阶段');
    expect(fieldLabel({ name: 'lifecycleStage', schema: {} }, 'en')).toBe('Lifecycle stage');
    expect(fieldLabel({ name: 'x', schema: { title: 'Custom title' } }, 'zh-Hans')).toBe('Custom title');
    expect(pathLabel('objective.city', 'zh-Hans')).toBe('城市');
    expect(pathLabel('objective.city', 'en')).toBe('City');
    expect(pathLabel('somethingNew', 'zh-Hans')).toBe('Something new');
    expect(entityLabel('deals', 'zh-Hans')).toBe('商机');
    expect(entityLabel('deals', 'en')).toBe('Deals');
  });
});
