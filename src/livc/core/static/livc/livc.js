// Behaviour that cannot live inline because the Content Security Policy forbids inline code.
document.addEventListener("DOMContentLoaded", () => {
  // Confirm before destructive actions: <form data-confirm="Are you sure?">.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
