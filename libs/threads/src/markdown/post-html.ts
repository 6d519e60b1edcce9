// A post's HTML as its board shows it: where the board shows remote images as links (private
// boards by default), they are turned into links when the post is read (see imagesAsLinks).
import { Types } from 'mongoose';
import { type LoaderHolder, requestLoader } from '@helpboard/core';
import { type BoardService, showsRemoteImages } from '@helpboard/boards';
import { imagesAsLinks } from './render-markdown.js';

/** Per request, whether each board shows remote images (one board query for all posts). */
export async function postHtmlOnBoard(
  context: LoaderHolder,
  boards: BoardService,
  boardId: string,
  html: string,
): Promise<string> {
  if (!html.includes('<img')) return html;
  const loader = requestLoader<string, boolean>(context, 'boards.showsRemoteImages', async (ids) => {
    const found = await boards.findByIds(ids.map((id) => new Types.ObjectId(id)));
    const shows = new Map(found.map((board) => [board._id.toHexString(), showsRemoteImages(board)]));
    return ids.map((id) => shows.get(id) ?? false);
  });
  return (await loader.load(boardId)) ? html : imagesAsLinks(html);
}
