// Images in posts: uploaded by someone who may post on the board, checked and re-encoded
// (prepareImage), stored under the board (`posts/<boardId>/…`), and served only to those who may
// read that board: the same access decision as the board's threads. An image keeps the board it
// was uploaded to; pasted into another board's post, it still shows only to the first board's readers.
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { type Actor, NotFoundError } from '@helpboard/core';
import { BoardAccessService, BoardAction, type BoardRecord, BoardService, BoardVisibility } from '@helpboard/boards';
import {
  FILE_STORE,
  type FileStore,
  fileUrl,
  type ImageRules,
  prepareImage,
  type StoredFile,
  UploadLimit,
} from '@helpboard/files';

export const POST_IMAGE_RULES: ImageRules = {
  maxBytes: 5 * 1024 * 1024,
  resize: { mode: 'fit', side: 2048 },
  keepsAnimation: true,
};

const POST_IMAGE_KEY = /^posts\/([0-9a-f]{24})\/[a-z0-9]+\.[a-z]+$/;

export interface UploadedPostImage {
  url: string;
  /** Markdown that shows the image, ready to insert in a post. */
  markdown: string;
}

export interface PostImageFile extends StoredFile {
  /** Whether anyone may see it (a public board's): shared caches may keep it. */
  isPublic: boolean;
}

@Injectable()
export class PostImageService {
  constructor(
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    @Inject(FILE_STORE) private readonly files: FileStore,
    private readonly limit: UploadLimit,
  ) {}

  /** Stores an image for a post on this board (refusals: InvalidInputError on `image`). */
  async upload(actor: Actor, boardSlug: string, upload: Buffer | null, altText = ''): Promise<UploadedPostImage> {
    const board = await this.boardToPostOn(actor, boardSlug);
    await this.limit.consume(actor.userId, 'postImage');
    const image = await prepareImage(upload, 'image', POST_IMAGE_RULES);
    const key = `posts/${board._id.toHexString()}/${randomBytes(12).toString('hex')}.${image.extension}`;
    await this.files.put(key, image.bytes, image.contentType);
    const url = fileUrl(key);
    const alt = altText
      .replace(/[[\]\\\n\r]/g, ' ')
      .trim()
      .slice(0, 200);
    return { url, markdown: `![${alt}](${url})` };
  }

  /**
   * The board, if the actor may post on it. Reading is checked first so that an outsider learns
   * nothing of a private board (NOT_FOUND, where Participate alone would answer FORBIDDEN).
   */
  async boardToPostOn(actor: Actor, boardSlug: string): Promise<BoardRecord> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.View, board);
    await this.access.assert(actor, BoardAction.Participate, board);
    return board;
  }

  /** A post image for this reader: NOT_FOUND unless it exists and the reader may read its board. */
  async open(actor: Actor | null, key: string): Promise<PostImageFile> {
    const boardId = POST_IMAGE_KEY.exec(key)?.[1];
    if (!boardId) throw new NotFoundError('File', 'FILE_NOT_FOUND');
    const [board] = await this.boards.findByIds([new Types.ObjectId(boardId)]);
    if (!board) throw new NotFoundError('File', 'FILE_NOT_FOUND');
    // A private board's images are as hidden as its threads: NOT_FOUND, never FORBIDDEN.
    if (!(await this.access.can(actor, BoardAction.View, board))) throw new NotFoundError('File', 'FILE_NOT_FOUND');
    const file = await this.files.get(key);
    if (!file) throw new NotFoundError('File', 'FILE_NOT_FOUND');
    return { ...file, isPublic: board.visibility === BoardVisibility.PUBLIC };
  }
}
