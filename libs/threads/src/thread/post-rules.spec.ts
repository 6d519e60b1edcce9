import { describe, expect, it } from '@jest/globals';
import { displayLength, titleProblems, validTags } from './post-rules.js';

describe('post rules', () => {
  it('counts CJK characters twice, so short Chinese titles are judged fairly', () => {
    expect(displayLength('流量')).toBe(4);
    expect(titleProblems('如何查询本月剩余流量？')).toEqual([]);
    expect(titleProblems('查流量')).toHaveLength(1);
    expect(titleProblems('Too short')).toHaveLength(1);
  });

  it('normalises tags and accepts Chinese ones', () => {
    expect(validTags([' 5G ', 'Data Plan', '流量'])).toEqual({ tags: ['5g', 'data-plan', '流量'], problems: [] });
    expect(validTags([]).problems).toHaveLength(1);
    expect(validTags(['a', 'b', 'c', 'd', 'e', 'f']).problems).toHaveLength(1);
    expect(validTags(['no<script>']).problems).toEqual([{ field: 'tags', message: 'TAG_INVALID' }]);
  });
});
