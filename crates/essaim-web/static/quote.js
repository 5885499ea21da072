// "Citer" quotes the passage selected in a post, when there is one: the
// link then carries the passage, and the server checks it is in the post.
// Without JavaScript (or without a selection) the whole post is quoted.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-quote]');
  if (!link) return;
  const post = document.getElementById(`post-${link.dataset.quote}`);
  const selection = window.getSelection();
  if (!post || !selection || selection.isCollapsed) return;
  const prose = post.querySelector('.prose');
  if (!prose || !prose.contains(selection.anchorNode) || !prose.contains(selection.focusNode)) return;
  const passage = selection.toString().trim();
  if (!passage) return;
  event.preventDefault();
  const url = new URL(link.href, window.location.href);
  url.searchParams.set('passage', passage.slice(0, 2000));
  window.location.assign(url.toString());
});
