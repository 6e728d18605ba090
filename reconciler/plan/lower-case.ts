// Case-insensitive keys (UPNs, domains, SKU and offer ids) are compared lowercased. toLowerCase
// allocates a new string even when nothing changes; at 200,000 users that garbage alone cost the
// planner tens of collections (bench planner-pure), and almost every such key is lowercase ASCII.

// Only A-Z change in ASCII; anything beyond ASCII goes through the full Unicode mapping.
const MAY_CHANGE = /[A-Z\u0080-\uffff]/;

/** text.toLowerCase(), without a copy when the result would be equal. */
export function lowerCase(text: string): string {
  return MAY_CHANGE.test(text) ? text.toLowerCase() : text;
}
