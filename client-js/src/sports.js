// The sport select, filled from GET /v1/options `sports` (ids of the server's sport packs).

/** "field_hockey" → "Field hockey"; "generic" → "Other". */
export function sportLabel(id) {
  if (id === "generic") return "Other";
  const words = id.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Replaces the select's options with `sports`, keeping `selected` when the server still offers it. */
export function fillSports(select, sports, selected) {
  if (!sports.length) return;
  select.replaceChildren(...sports.map((id) => new Option(sportLabel(id), id, false, id === selected)));
  if (!sports.includes(selected)) select.value = sports[0];
}
