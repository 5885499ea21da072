/* Essaim — pick a group's place on a map: clicking the map fills the
   latitude and longitude fields of the card form (typing them still works). */
(function () {
  'use strict';
  if (typeof window.L === 'undefined') { return; }

  function parse(text) {
    var value = parseFloat(String(text || '').trim().replace(',', '.'));
    return isFinite(value) ? value : null;
  }

  document.querySelectorAll('div.coord-picker').forEach(function (el) {
    var latInput = document.getElementById(el.dataset.lat);
    var lonInput = document.getElementById(el.dataset.lon);
    if (!latInput || !lonInput) { return; }
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false }).setView([46.6, 2.4], 5);
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
    var marker = null;

    function place(lat, lon, move) {
      if (marker) { marker.setLatLng([lat, lon]); } else { marker = L.marker([lat, lon]).addTo(map); }
      if (move) { map.setView([lat, lon], 12); }
    }

    function fromInputs() {
      var lat = parse(latInput.value);
      var lon = parse(lonInput.value);
      if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) { place(lat, lon, true); }
    }

    map.on('click', function (event) {
      var lat = Math.round(event.latlng.lat * 100000) / 100000;
      var lon = Math.round(L.Util.wrapNum(event.latlng.lng, [-180, 180], true) * 100000) / 100000;
      latInput.value = String(lat);
      lonInput.value = String(lon);
      place(lat, lon, false);
    });
    latInput.addEventListener('change', fromInputs);
    lonInput.addEventListener('change', fromInputs);
    fromInputs();
  });
})();
