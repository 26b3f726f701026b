// The schedule's "print" button: the browser's own print dialog (the page's print styles fit one A4 page).
document.querySelectorAll("[data-print-page]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
