// Search query: normalises the user's terms before they reach the index.
export const handler = async (event) => {
  const terms = String(event?.q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  return { terms };
};
