/* Essaim — the page editor's small toolbar: wraps the selection in the
   formatting a person would otherwise type (no framework; the textarea
   works the same without it). */
(function () {
  'use strict';
  document.querySelectorAll('.editor-toolbar').forEach(function (bar) {
    var area = document.getElementById(bar.getAttribute('aria-controls'));
    if (!area) { return; }
    bar.hidden = false;

    function replace(before, inside, after) {
      var start = area.selectionStart;
      var end = area.selectionEnd;
      var text = area.value;
      var chosen = text.slice(start, end) || inside;
      area.value = text.slice(0, start) + before + chosen + after + text.slice(end);
      area.focus();
      area.setSelectionRange(start + before.length, start + before.length + chosen.length);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }

    function lineStart(prefix) {
      var start = area.selectionStart;
      var end = area.selectionEnd;
      var text = area.value;
      var from = text.lastIndexOf('\n', start - 1) + 1;
      var block = text.slice(from, end);
      var changed = block.split('\n').map(function (line) { return prefix + line; }).join('\n');
      area.value = text.slice(0, from) + changed + text.slice(end);
      area.focus();
      area.setSelectionRange(from, from + changed.length);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }

    bar.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-md]');
      if (!button) { return; }
      var kind = button.dataset.md;
      if (kind === 'bold') { replace('**', 'texte', '**'); }
      else if (kind === 'heading') { lineStart('## '); }
      else if (kind === 'list') { lineStart('- '); }
      else if (kind === 'link' || kind === 'image') {
        var address = window.prompt(button.dataset.prompt || '', 'https://');
        if (!address) { return; }
        replace(kind === 'image' ? '![' : '[', kind === 'image' ? 'image' : 'lien', '](' + address + ')');
      } else if (kind === 'wikilink') {
        var name = window.prompt(button.dataset.prompt || '', '');
        if (!name) { return; }
        replace('[[', name, ']]');
      }
    });
  });
})();
