// The photo library's focal point: a click on the preview sets "across" and "down" (percent).
document.addEventListener("click", (event) => {
  const picker = event.target.closest(".focal-point-picker");
  if (!picker) return;
  const image = picker.querySelector("img");
  const box = image.getBoundingClientRect();
  const across = Math.round(((event.clientX - box.left) / box.width) * 100);
  const down = Math.round(((event.clientY - box.top) / box.height) * 100);
  const clamp = (value) => Math.min(100, Math.max(0, value));
  document.querySelector(".focal-point-x").value = clamp(across);
  document.querySelector(".focal-point-y").value = clamp(down);
  picker.style.setProperty("--focal-x", `${clamp(across)}%`);
  picker.style.setProperty("--focal-y", `${clamp(down)}%`);
});

// The stored point, from the preview's data attributes (the Content-Security-Policy allows no inline style).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".focal-point-picker[data-focal-x]").forEach((picker) => {
    picker.style.setProperty("--focal-x", `${picker.dataset.focalX}%`);
    picker.style.setProperty("--focal-y", `${picker.dataset.focalY}%`);
  });
});
