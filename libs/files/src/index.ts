export * from './file-store.js';
export * from './files.module.js';
export * from './images/image-type.js';
export * from './images/prepare-image.js';
export { DiskFileStore } from './disk/disk-file-store.js';
export { S3FileStore, S3RequestError } from './s3/s3-file-store.js';
export * from './upload-limit.js';
