// Renders a post body at write time, resolving @mentions to the users that exist. Links to the
// site's own public address are the site's (a referral link copied from the reps' desk is
// absolute, and must be marked sponsored like the /r/ path).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
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
  private readonly siteHost: string;

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.siteHost = new URL(config.publicUrl).host;
  }

  async render(body: string): Promise<RenderedPost> {
    const handles = findMentions(body).slice(0, 20);
    const mentioned = handles.length > 0 ? await this.users.findByHandles(handles) : [];
    const rendered = renderMarkdown(body, {
      knownHandles: new Set(mentioned.map((u) => u.handleKey)),
      siteHost: this.siteHost,
    });
    return {
      bodyHtml: rendered.html,
      mentionedUserIds: mentioned.map((u) => u._id),
      hasLinks: rendered.hasLinks,
    };
  }
}
