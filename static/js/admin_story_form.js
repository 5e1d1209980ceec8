// The story form in the admin.
// The panel's buttons post their own forms and reload the story: warn
// before they throw away what the editor typed and has not saved.
(function () {
  "use strict";
  var story = document.getElementById(document.currentScript.dataset.formId);
  if (!story) { return; }
  var dirty = false;
  function markDirty() { dirty = true; }
  story.addEventListener("input", markDirty);
  story.addEventListener("change", markDirty);
  // The admin's autocomplete widgets (select2) announce a choice through jQuery only.
  if (window.django && window.django.jQuery) { window.django.jQuery(story).on("change", markDirty); }
  document.querySelectorAll("form[data-leaves-story]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (dirty && !window.confirm("The story has unsaved changes. They will be lost. Continue?")) {
        event.preventDefault();
      }
    });
  });
}());
