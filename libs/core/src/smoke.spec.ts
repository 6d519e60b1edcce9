import { describe, expect, it } from '@jest/globals';
import { hello } from '@helpboard/core';
describe('toolchain', () => { it('resolves aliases', () => { expect(hello()).toBe('core'); }); });
