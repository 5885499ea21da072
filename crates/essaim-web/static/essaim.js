/* Essaim — small progressive enhancements. The site works fully without this file. */
(function () {
  'use strict';

  // Polite live region (created up front) so screen readers hear "Copié" too.
  let live = null;
  function announce(text) {
    if (!live) return;
    live.textContent = '';
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.className = 'visually-hidden';
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok ? Promise.resolve() : Promise.reject(new Error('copy failed'));
  }

  function init() {
    // (a) Copy buttons: rendered with `hidden` in HTML, shown only when JS runs.
    const copyButtons = document.querySelectorAll('button[data-copy-target]');
    if (copyButtons.length) {
      live = document.createElement('span');
      live.className = 'visually-hidden';
      live.setAttribute('role', 'status');
      document.body.appendChild(live);
    }
    copyButtons.forEach(function (btn) {
      btn.hidden = false;
      const original = btn.textContent;
      let timer = null;
      btn.addEventListener('click', function (event) {
        event.preventDefault();
        const target = document.getElementById(btn.dataset.copyTarget);
        if (!target) return;
        const isField = 'value' in target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
        const text = isField ? target.value : target.textContent.trim();
        copyText(text).then(function () {
          const label = btn.dataset.copiedLabel || original;
          btn.textContent = label;
          announce(label);
          window.clearTimeout(timer);
          timer = window.setTimeout(function () { btn.textContent = original; }, 2000);
        }, function () {
          // Fallback: select the text so the person can copy it by hand.
          if (isField && target.select) { target.focus(); target.select(); return; }
          const range = document.createRange();
          range.selectNodeContents(target);
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
        });
      });
    });

    // (c) Show/hide password: the checkbox (or its .checkbox wrapper) starts `hidden`.
    document.querySelectorAll('input.js-show-password[data-target]').forEach(function (box) {
      const input = document.getElementById(box.dataset.target);
      if (!input) return;
      (box.closest('.checkbox') || box).hidden = false;
      box.hidden = false;
      const sync = function () { input.type = box.checked ? 'text' : 'password'; };
      box.addEventListener('change', sync);
      sync(); // the browser may have restored the checkbox state
      if (input.form) {
        input.form.addEventListener('submit', function () { input.type = 'password'; });
      }
    });
  }

  // (b) Confirmation before submitting sensitive forms.
  document.addEventListener('submit', function (event) {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm !== undefined) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    }
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
