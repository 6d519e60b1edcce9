// Which posts carry a referral link (and so a disclosure label), for pages that show many posts
// at once: one query per page.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { LinkRepository } from './link.repository.js';

@Injectable()
export class ReferralDisclosures {
  constructor(private readonly links: LinkRepository) {}

  postsWithLinks(postIds: readonly string[]): Promise<Set<string>> {
    return this.links.postsWithLinks(postIds.map((id) => new Types.ObjectId(id)));
  }
}
