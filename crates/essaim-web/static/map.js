/* Essaim — map of groups (progressive enhancement over a link to the list).
   Needs /static/leaflet/leaflet.js loaded before this file (both with `defer`).
   Contract, on each <div class="group-map" data-geojson="/annuaire.geojson?…">:
     data-geojson       same-origin URL of a FeatureCollection of Point features
                        (properties: name, summary, url, kind, kind_label, member_count)
     data-tiles         tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
     data-attribution   attribution HTML (instance configuration, trusted)
     data-center        optional "lat,lng" (default 46.6,2.4: France)
     data-zoom          optional initial zoom (default 5)
     data-target-top    optional, present in embeds: popup links open in the top window
     data-empty-label   text shown over the map when there is no group to place
     data-error-label   optional text shown when the groups cannot be loaded
     data-members-one / data-members-other
                        optional member-count templates with {n} (default "{n} membre(s)")
   Its children (the text fallback) are removed once the map exists. */
(function () {
  'use strict';

  const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
  const DEFAULT_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
  const DEFAULT_CENTER = [46.6, 2.4];
  const DEFAULT_ZOOM = 5;

  const reduceMotion = !!(window.matchMedia &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches);

  function parseCenter(text) {
    if (!text) return DEFAULT_CENTER;
    const parts = text.split(',').map(function (p) { return Number(p.trim()); });
    if (parts.length !== 2 || !parts.every(Number.isFinite)) return DEFAULT_CENTER;
    if (Math.abs(parts[0]) > 90 || Math.abs(parts[1]) > 180) return DEFAULT_CENTER;
    return parts;
  }

  function parseZoom(text) {
    const z = Number(text);
    return text && Number.isFinite(z) && z >= 0 && z <= 19 ? z : DEFAULT_ZOOM;
  }

  // Only http(s) links, resolved against the page: never `javascript:` and the like.
  function safeHref(url) {
    if (typeof url !== 'string' || !url) return null;
    try {
      const u = new URL(url, window.location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function memberText(el, n) {
    let category = n === 1 ? 'one' : 'other';
    if (window.Intl && Intl.PluralRules) {
      const lang = document.documentElement.lang || 'fr';
      try { category = new Intl.PluralRules(lang).select(n) === 'one' ? 'one' : 'other'; } catch (e) { /* keep */ }
    }
    const template = category === 'one'
      ? (el.getAttribute('data-members-one') || '{n} membre')
      : (el.getAttribute('data-members-other') || '{n} membres');
    return template.replace('{n}', n.toLocaleString(document.documentElement.lang || 'fr'));
  }

  function popupContent(el, props, targetTop) {
    const box = document.createElement('div');
    box.className = 'map-popup';

    const title = document.createElement('p');
    title.className = 'map-popup-title';
    const name = typeof props.name === 'string' && props.name ? props.name : '—';
    const href = safeHref(props.url);
    if (href) {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = name;
      if (targetTop) a.target = '_top';
      title.appendChild(a);
    } else {
      title.textContent = name;
    }
    box.appendChild(title);

    if (typeof props.kind_label === 'string' && props.kind_label) {
      const kind = document.createElement('p');
      kind.className = 'map-popup-kind';
      const badge = document.createElement('span');
      badge.className = 'badge';
      if (typeof props.kind === 'string' && /^[a-z0-9_-]+$/i.test(props.kind)) {
        badge.className += ' badge-kind-' + props.kind;
      }
      badge.textContent = props.kind_label;
      kind.appendChild(badge);
      box.appendChild(kind);
    }

    if (typeof props.summary === 'string' && props.summary) {
      const summary = document.createElement('p');
      summary.className = 'map-popup-summary';
      summary.textContent = props.summary;
      box.appendChild(summary);
    }

    const count = Number(props.member_count);
    if (props.member_count !== null && props.member_count !== undefined &&
        Number.isFinite(count) && count >= 0) {
      const members = document.createElement('p');
      members.className = 'map-popup-members';
      members.textContent = memberText(el, Math.round(count));
      box.appendChild(members);
    }
    return box;
  }

  // A small overlay (Leaflet control) with a message and optional extra nodes.
  function showMessage(map, text, extraNodes) {
    if (!text && !(extraNodes && extraNodes.length)) return;
    const Message = L.Control.extend({
      options: { position: 'topright' },
      onAdd: function () {
        const box = L.DomUtil.create('div', 'map-message');
        box.setAttribute('role', 'status');
        if (text) {
          const p = document.createElement('p');
          p.textContent = text;
          box.appendChild(p);
        }
        (extraNodes || []).forEach(function (node) { box.appendChild(node); });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    new Message().addTo(map);
  }

  function isPoint(feature) {
    const g = feature && feature.geometry;
    return !!(g && g.type === 'Point' && Array.isArray(g.coordinates) &&
      g.coordinates.length >= 2 &&
      Number.isFinite(g.coordinates[0]) && Number.isFinite(g.coordinates[1]) &&
      Math.abs(g.coordinates[1]) <= 90 && Math.abs(g.coordinates[0]) <= 180);
  }

  function setUp(el) {
    if (el.getAttribute('data-map-ready')) return;
    const source = safeHref(el.getAttribute('data-geojson'));
    if (!source || new URL(source).origin !== window.location.origin) return;
    const targetTop = el.hasAttribute('data-target-top');
    const fallback = Array.prototype.slice.call(el.childNodes);

    let map;
    try {
      map = L.map(el, {
        center: parseCenter(el.getAttribute('data-center')),
        zoom: parseZoom(el.getAttribute('data-zoom')),
        scrollWheelZoom: false,          // the page scrolls; the wheel zooms once the map is in use
        zoomAnimation: !reduceMotion,
        fadeAnimation: !reduceMotion,
        markerZoomAnimation: !reduceMotion,
        inertia: !reduceMotion
      });
    } catch (e) {
      return;                            // keep the text fallback
    }
    el.setAttribute('data-map-ready', 'true');
    fallback.forEach(function (node) { if (node.parentNode === el) el.removeChild(node); });

    if (reduceMotion) {
      // Keyboard panning and popup auto-pan go through panBy: make them jump, not glide.
      const panBy = map.panBy;
      map.panBy = function (offset, options) {
        return panBy.call(this, offset, Object.assign({}, options, { animate: false }));
      };
    }
    map.on('focus click', function () { map.scrollWheelZoom.enable(); });
    map.on('blur', function () { map.scrollWheelZoom.disable(); });

    L.tileLayer(el.getAttribute('data-tiles') || DEFAULT_TILES, {
      attribution: el.hasAttribute('data-attribution')
        ? el.getAttribute('data-attribution') : DEFAULT_ATTRIBUTION,
      maxZoom: 19
    }).addTo(map);

    fetch(source, {
      credentials: 'same-origin',
      headers: { Accept: 'application/geo+json, application/json' }
    }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    }).then(function (data) {
      const features = (data && Array.isArray(data.features) ? data.features : []).filter(isPoint);
      if (!features.length) {
        showMessage(map, el.getAttribute('data-empty-label') || '');
        return;
      }
      const layer = L.geoJSON({ type: 'FeatureCollection', features: features }, {
        pointToLayer: function (feature, latlng) {
          const name = (feature.properties && feature.properties.name) || '';
          return L.marker(latlng, { title: name, alt: name, keyboard: true, riseOnHover: true });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popupContent(el, feature.properties || {}, targetTop), {
            // Narrow maps (a phone, an embed) keep the whole popup visible.
            maxWidth: Math.max(160, Math.min(280, el.clientWidth - 90)),
            minWidth: Math.min(180, Math.max(120, el.clientWidth - 120)),
            autoPanPaddingTopLeft: [60, 10]
          });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [32, 32], maxZoom: 12, animate: false });
    }).catch(function () {
      // Bring the fallback (a link to the list) back, over the map.
      showMessage(map, el.getAttribute('data-error-label') ||
        'Les groupes n’ont pas pu être chargés sur la carte.', fallback);
    });
  }

  function init() {
    if (typeof window.L === 'undefined' || typeof window.fetch !== 'function') return;
    document.querySelectorAll('div.group-map[data-geojson]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
