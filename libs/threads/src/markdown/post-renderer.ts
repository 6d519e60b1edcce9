// Renders a post body at write time, resolving @mentions to the users that exist.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { UsersService } from '@helpboard/identity';
import { findMentions, renderMarkdown } from './render-markdown.js';

export interface RenderedPost {
  bodyHtml: string;
  mentionedUserIds: Types.ObjectId[];
  hasLinks: boolean;
}

@Injectable()
export class PostRenderer {
  constructor(private readonly users: UsersService) {}

  async render(body: string): Promise<RenderedPost> {
    const handles = findMentions(body).slice(0, 20);
    const mentioned = handles.length > 0 ? await this.users.findByHandles(handles) : [];
    const rendered = renderMarkdown(body, { knownHandles: new Set(mentioned.map((u) => u.handleKey)) });
    return {
      bodyHtml: rendered.html,
      mentionedUserIds: mentioned.map((u) => u._id),
      hasLinks: rendered.hasLinks,
    };
  }
}
