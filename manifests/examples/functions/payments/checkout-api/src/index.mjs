// Checkout API: prices a cart. Environments serve many requests at once, so keep no per-request globals.
export const handler = async (event) => {
  const items = Array.isArray(event?.items) ? event.items : [];
  const total = items.reduce((sum, item) => sum + (item.price ?? 0) * (item.quantity ?? 1), 0);
  return { statusCode: 200, body: JSON.stringify({ items: items.length, total }) };
};
