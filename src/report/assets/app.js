// Essay Coach, the practice page: exam timer (with extra time), live word count, autosave of the
// draft to the server every few seconds and to this browser's storage whenever the server cannot be
// reached, and the self-assessment step before the answer is submitted. No feedback before submitting.
(function () {
  'use strict';
  var form = document.getElementById('practice');
  if (!form) return;
  var student = form.dataset.student, prompt = form.dataset.prompt;
  var minutes = parseInt(form.dataset.minutes || '15', 10);
  var answer = document.getElementById('answer');
  var words = document.getElementById('words');
  var saved = document.getElementById('saved');
  var timer = document.getElementById('timer');
  var extra = document.getElementById('extra');
  var seconds = document.getElementById('seconds');
  var draftUrl = '/api/students/' + encodeURIComponent(student) + '/drafts/' + encodeURIComponent(prompt);
  var localKey = 'essaycoach:draft:' + student + ':' + prompt;
  var startKey = 'essaycoach:start:' + student + ':' + prompt;
  var extraKey = 'essaycoach:extra:' + student;

  function storage() { try { return window.localStorage; } catch (e) { return null; } }
  var store = storage();

  // ---- this browser: a random id it keeps, so the server can keep its saves in typing order ----
  function newId() {
    var b = new Uint8Array(12), out = '';
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(b);
    else for (var i = 0; i < b.length; i++) b[i] = Math.floor(Math.random() * 256);
    for (var k = 0; k < b.length; k++) out += (b[k] < 16 ? '0' : '') + b[k].toString(16);
    return out;
  }
  var browserKey = 'essaycoach:browser';
  var browser = (store && store.getItem(browserKey)) || newId();
  if (store) { try { store.setItem(browserKey, browser); } catch (e) {} }

  // ---- the draft: restore the newest of the server's and this browser's copies ----
  // Every save says when its text was typed, by this browser's clock; the server refuses a save typed
  // before the one it holds from this browser (an autosave still in flight when the page was left).
  // So a copy here is compared with the server's by this browser's clock when this browser typed the
  // server's copy; otherwise (another device, or a draft saved before saves said when) by the server's
  // stamp, or as newer when it goes on from the server's text.
  var serverTime = form.dataset.draftUpdated || '';
  var serverTyped = form.dataset.draftBrowser === browser ? parseInt(form.dataset.draftTypedAt || '0', 10) : 0;
  function typedAt(local) { return typeof local.at === 'number' ? local.at : Date.parse(local.at) || 0; }
  var lastSent = answer.value;  // the server's copy: a restored copy is saved at the next autosave
  var lastTyped = Date.now();
  if (store && !form.dataset.redraft) {
    try {
      var local = JSON.parse(store.getItem(localKey) || 'null');
      if (local && typeof local.text === 'string' && local.text !== answer.value && !local.synced &&
          (!serverTime || (serverTyped ? typedAt(local) > serverTyped
                                       : typedAt(local) > (Date.parse(serverTime) || 0) || local.text.indexOf(answer.value) === 0))) {
        answer.value = local.text;
        lastTyped = typedAt(local);
        saved.textContent = 'Restored your unsaved draft from this browser.';
      }
    } catch (e) { /* a damaged local copy is ignored */ }
  }

  function countWords() {
    var n = (answer.value.match(/[^\s]+/g) || []).length;
    words.textContent = n + (n === 1 ? ' word' : ' words');
  }

  function keepLocal(synced) {
    if (!store) return;
    try { store.setItem(localKey, JSON.stringify({ text: answer.value, at: lastTyped, synced: synced })); } catch (e) {}
  }

  function draftBody() { return JSON.stringify({ text: answer.value, browser: browser, typed_at: lastTyped }); }

  function save() {
    var text = answer.value;
    if (text === lastSent) return;
    fetch(draftUrl, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: draftBody() })
      .then(function (r) {
        if (r.status === 409) return { refused: true };
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (d) {
        lastSent = text;
        if (d && d.refused) {
          keepLocal(false);
          saved.textContent = 'A newer draft of this answer, typed in another tab, is saved. Reload to go on from it; this text is kept in this browser until then.';
          return;
        }
        keepLocal(answer.value === text);
        saved.textContent = 'Draft saved at ' + new Date().toLocaleTimeString() + '.';
      })
      .catch(function () {
        keepLocal(false);
        saved.textContent = 'Cannot reach Essay Coach: your draft is kept in this browser and will be saved when it is back.';
      });
  }

  answer.addEventListener('input', function () { lastTyped = Date.now(); countWords(); keepLocal(false); });
  setInterval(save, 3000);
  window.addEventListener('pagehide', function () {
    if (answer.value !== lastSent && navigator.sendBeacon) {
      navigator.sendBeacon(draftUrl, new Blob([draftBody()], { type: 'application/json' }));
    }
  });
  countWords();

  // ---- the exam timer: the prompt's minutes, plus 25% or 50% extra time; survives a reload ----
  var started = store ? parseInt(store.getItem(startKey) || '0', 10) : 0;
  if (!started) { started = Date.now(); if (store) store.setItem(startKey, String(started)); }
  if (store && store.getItem(extraKey)) extra.value = store.getItem(extraKey);
  extra.addEventListener('change', function () { if (store) store.setItem(extraKey, extra.value); tick(); });
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function tick() {
    var allowed = minutes * 60 * (1 + parseInt(extra.value || '0', 10) / 100);
    var used = Math.floor((Date.now() - started) / 1000);
    var left = Math.round(allowed - used);
    var shown = Math.abs(left);
    timer.textContent = (left < 0 ? '+' : '') + Math.floor(shown / 60) + ':' + pad(shown % 60);
    timer.classList.toggle('over', left < 0);
    timer.setAttribute('aria-label', left < 0 ? 'over time' : 'time left');
    seconds.value = String(used);
  }
  tick();
  setInterval(tick, 1000);

  // ---- self-assessment before the mark is shown ----
  var done = document.getElementById('done');
  var self = document.getElementById('self');
  var problem = document.getElementById('problem');
  done.addEventListener('click', function () {
    if (!answer.value.trim()) { problem.textContent = 'Write your answer first.'; return; }
    problem.textContent = '';
    self.classList.remove('hidden');
    done.classList.add('hidden');
    self.scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
  form.addEventListener('submit', function () {
    tick();
    if (store) { store.removeItem(localKey); store.removeItem(startKey); }
  });
})();
