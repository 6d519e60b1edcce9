// robots.txt and sitemap.xml. The sitemap lists only threads an anonymous reader can open:
// visible threads on public boards (the same permission check as the pages).
import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig, Public } from '@helpboard/core';
import { SearchableThreadReader, ThreadQueryService } from '@helpboard/threads';
import { escapeHtml } from '../render/html.js';
import { threadPath } from '../render/urls.js';

/** The sitemap protocol's limit per file. */
const MAX_URLS = 50_000;

@Controller()
export class SeoController {
  constructor(
    private readonly reader: SearchableThreadReader,
    private readonly queries: ThreadQueryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('robots.txt')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  robots(): string {
    return [
      'User-agent: *',
      'Disallow: /login',
      'Disallow: /signup',
      'Disallow: /ask',
      'Disallow: /search',
      'Disallow: /graphql',
      `Sitemap: ${this.config.publicUrl}/sitemap.xml`,
      '',
    ].join('\n');
  }

  @Public()
  @Get('sitemap.xml')
  async sitemap(@Res() response: Response): Promise<void> {
    const entries: string[] = [];
    for await (const ids of this.reader.allThreadIds(500)) {
      for (const thread of await this.queries.visibleThreads(null, ids)) {
        const url = `${this.config.publicUrl}${threadPath({ id: thread._id.toHexString(), title: thread.title })}`;
        entries.push(
          `<url><loc>${escapeHtml(url)}</loc><lastmod>${thread.lastActivityAt.toISOString()}</lastmod></url>`,
        );
        if (entries.length >= MAX_URLS) break;
      }
      if (entries.length >= MAX_URLS) break;
    }
    response.setHeader('Content-Type', 'application/xml; charset=utf-8');
    response.setHeader('Cache-Control', 'public, max-age=600');
    response.send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`,
    );
  }
}
