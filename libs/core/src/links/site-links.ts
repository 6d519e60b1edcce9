// The site's stable link shapes that libs below apps/web put in e-mails and redirects. The site
// answers each: `/t/<id>` redirects (301) to the thread's canonical `/t/<id>/<slug>`, and the
// browser keeps the fragment, which is the id the thread page gives the answer or comment.

/** The thread page, optionally scrolled to one answer or comment. */
export function threadLink(
  publicUrl: string,
  threadId: string,
  target: { answerId?: string | null; commentId?: string | null } = {},
): string {
  const anchor = target.commentId ? `#c-${target.commentId}` : target.answerId ? `#a-${target.answerId}` : '';
  return `${publicUrl}/t/${threadId}${anchor}`;
}
