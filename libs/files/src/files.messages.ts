import { registerMessages } from '@helpboard/core';

registerMessages({
  en: {
    FILE_MISSING: 'Choose a file to upload.',
    FILE_NOT_FOUND: 'File not found.',
    UPLOADS_THROTTLED:
      'You have uploaded many files in the last hour. Try again in {seconds, plural, one {# second} other {# seconds}}.',
    FILE_TOO_LARGE: 'The file is too large: at most {max}.',
    IMAGE_TYPE_NOT_ACCEPTED: 'This kind of image is not accepted. Upload a PNG, JPEG, WebP or GIF image.',
    FILE_NOT_AN_IMAGE: 'This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF image.',
  },
  'zh-CN': {
    FILE_MISSING: '请选择要上传的文件。',
    FILE_NOT_FOUND: '未找到该文件。',
    UPLOADS_THROTTLED: '你在过去一小时内上传了很多文件，请在 {seconds} 秒后重试。',
    FILE_TOO_LARGE: '文件太大：最大 {max}。',
    IMAGE_TYPE_NOT_ACCEPTED: '不接受此类图片。请上传 PNG、JPEG、WebP 或 GIF 图片。',
    FILE_NOT_AN_IMAGE: '此文件不是可读取的图片。请上传 PNG、JPEG、WebP 或 GIF 图片。',
  },
});
