/* Essaim — for the site that embeds an Essaim page, next to the iframe:
     <iframe src="https://instance/embed/groups?view=cards" data-essaim-embed="ID"
             title="…" style="width:100%;border:0" loading="lazy"></iframe>
     <script src="https://instance/static/embed-host.js" async></script>
   Fits each such iframe to the height its page reports ({type: 'essaim:height'}),
   trusting a message only from that very iframe and from the origin of its src.
   Safe to include several times. */
(function () {
  'use strict';

  if (window.__essaimEmbedHost) return;
  window.__essaimEmbedHost = true;

  const MIN_HEIGHT = 100;
  const MAX_HEIGHT = 20000;

  function frames() {
    return document.querySelectorAll('iframe[data-essaim-embed]');
  }

  function originOf(frame) {
    try {
      const url = new URL(frame.src, window.location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener('message', function (event) {
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'essaim:height') return;
    const height = Number(data.height);
    if (!Number.isFinite(height)) return;

    const list = frames();
    for (let i = 0; i < list.length; i += 1) {
      const frame = list[i];
      if (!event.source || frame.contentWindow !== event.source) continue;
      if (originOf(frame) !== event.origin) return;
      const clamped = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)));
      frame.style.height = clamped + 'px';
      return;
    }
  });

  // The embedded page may have reported its height before this (async) script
  // ran: ask again, now and whenever one of our iframes (re)loads.
  function hello(frame) {
    const origin = originOf(frame);
    if (!origin || !frame.contentWindow) return;
    try {
      frame.contentWindow.postMessage({ type: 'essaim:hello' }, origin);
    } catch (e) { /* not loaded yet: its load event will call us again */ }
  }

  document.addEventListener('load', function (event) {
    const target = event.target;
    if (target && target.tagName === 'IFRAME' && target.hasAttribute('data-essaim-embed')) {
      hello(target);
    }
  }, true);

  function helloAll() { Array.prototype.forEach.call(frames(), hello); }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', helloAll);
  } else {
    helloAll();
  }
})();
