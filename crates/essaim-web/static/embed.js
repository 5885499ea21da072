/* Essaim — runs inside embed pages (/embed/…), shown in an iframe on other sites.
   Tells the parent page how tall the content is, so the iframe can fit it:
     parent.postMessage({type: 'essaim:height', height: N, id: ID}, '*')
   ID is the `data-embed-id` attribute of <html> or <body> (null when absent).
   Sent on load, on resize, whenever the content's size changes, and again when
   the host script (embed-host.js) says hello after it loads late.
   The height is not a secret: '*' is fine. The host checks origin and source. */
(function () {
  'use strict';

  if (window.parent === window) return;   // opened directly, not framed

  const root = document.documentElement;
  let lastHeight = -1;
  let scheduled = false;

  function embedId() {
    const value = root.getAttribute('data-embed-id') ||
      (document.body && document.body.getAttribute('data-embed-id'));
    return value || null;
  }

  function px(style, prop) {
    const value = parseFloat(style.getPropertyValue(prop));
    return Number.isFinite(value) ? value : 0;
  }

  // Height of the content itself, not of the viewport: measuring the document
  // (or a body with min-height: 100vh) would never let the iframe shrink.
  function measure() {
    const body = document.body;
    if (!body) return 0;
    const bodyStyle = window.getComputedStyle(body);
    let bottom = 0;
    Array.prototype.forEach.call(body.children, function (child) {
      if (child.tagName === 'SCRIPT' || child.tagName === 'TEMPLATE') return;
      const style = window.getComputedStyle(child);
      if (style.display === 'none' || style.position === 'fixed') return;
      const rect = child.getBoundingClientRect();
      if (!rect.width && !rect.height) return;
      bottom = Math.max(bottom, rect.bottom + window.scrollY + px(style, 'margin-bottom'));
    });
    if (!bottom) return Math.ceil(body.scrollHeight);
    bottom += px(bodyStyle, 'padding-bottom') + px(bodyStyle, 'border-bottom-width') +
      px(bodyStyle, 'margin-bottom');
    return Math.ceil(bottom);
  }

  function post(force) {
    scheduled = false;
    const height = measure();
    if (!height || (!force && height === lastHeight)) return;
    lastHeight = height;
    try {
      window.parent.postMessage({ type: 'essaim:height', height: height, id: embedId() }, '*');
    } catch (e) { /* parent gone */ }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    (window.requestAnimationFrame || window.setTimeout)(function () { post(false); });
  }

  function watch() {
    post(true);
    window.addEventListener('load', function () { post(true); });
    window.addEventListener('resize', schedule);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);

    if (typeof window.ResizeObserver === 'function') {
      const observer = new ResizeObserver(schedule);
      const observe = function (el) { if (el.nodeType === 1) observer.observe(el); };
      observe(document.body);
      Array.prototype.forEach.call(document.body.children, observe);
      if (typeof window.MutationObserver === 'function') {
        new MutationObserver(function (records) {
          records.forEach(function (r) { Array.prototype.forEach.call(r.addedNodes, observe); });
          schedule();
        }).observe(document.body, { childList: true });
      }
    } else {
      window.setInterval(schedule, 500);
    }
  }

  // embed-host.js may load after our first message (it is `async`): it says hello.
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent) return;
    const data = event.data;
    if (data && typeof data === 'object' && data.type === 'essaim:hello') post(true);
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', watch);
  } else {
    watch();
  }
})();
