// Provides the configured FileStore: an S3-compatible bucket when S3_* is set, else the disk
// under DATA_DIR/files. The libs that keep files import this module (Nest makes one store for all).
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { DiskFileStore } from './disk/disk-file-store.js';
import { FILE_STORE, type FileStore } from './file-store.js';
import { S3FileStore } from './s3/s3-file-store.js';
import { UploadLimit } from './upload-limit.js';
import './files.messages.js';

export function fileStoreFor(config: AppConfig): FileStore {
  return config.files.s3 ? new S3FileStore(config.files.s3) : new DiskFileStore(join(config.dataDir, 'files'));
}

@Module({
  providers: [{ provide: FILE_STORE, useFactory: fileStoreFor, inject: [APP_CONFIG] }, UploadLimit],
  exports: [FILE_STORE, UploadLimit],
})
export class FilesModule {}
