// The site's strings. Keys start with `web.` so they never collide with the libs' error keys,
// which the site shows too (translated from DomainErrors' message keys).
import { registerMessages } from '@helpboard/core';
import { en } from './en.js';
import { zhCN } from './zh-cn.js';
import { staffEn } from './staff.en.js';
import { staffZhCN } from './staff.zh-cn.js';
import { accountEn } from './account.en.js';
import { accountZhCN } from './account.zh-cn.js';
import { mediaEn } from './media.en.js';
import { mediaZhCN } from './media.zh-cn.js';
import { peopleEn } from './people.en.js';
import { peopleZhCN } from './people.zh-cn.js';

registerMessages({ en, 'zh-CN': zhCN });
registerMessages({ en: staffEn, 'zh-CN': staffZhCN });
registerMessages({ en: accountEn, 'zh-CN': accountZhCN });
registerMessages({ en: mediaEn, 'zh-CN': mediaZhCN });
registerMessages({ en: peopleEn, 'zh-CN': peopleZhCN });
