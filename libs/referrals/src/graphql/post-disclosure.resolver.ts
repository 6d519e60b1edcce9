// The disclosure label on posts with a referral link: a field this lib adds to threads' Post
// type, batched per request (one query for every post on a thread page).
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Types } from 'mongoose';
import { type LoaderHolder, type Locale, requestLoader, translate } from '@helpboard/core';
import { Post } from '@helpboard/threads';
import { LinkRepository } from '../link/link.repository.js';

@Resolver(() => Post)
export class PostDisclosureResolver {
  constructor(private readonly links: LinkRepository) {}

  @ResolveField(() => String, {
    nullable: true,
    description: 'Set when the post contains a referral link: the author may earn a commission from it.',
  })
  async referralDisclosure(
    @Parent() post: Post,
    @Context() context: LoaderHolder & { locale?: Locale },
  ): Promise<string | null> {
    const loader = requestLoader<string, boolean>(context, 'referrals.postHasLink', async (postIds) => {
      const withLinks = await this.links.postsWithLinks(postIds.map((id) => new Types.ObjectId(id)));
      return postIds.map((id) => withLinks.has(id));
    });
    return (await loader.load(post.id)) ? translate('REFERRAL_DISCLOSURE', context.locale ?? 'en') : null;
  }
}
