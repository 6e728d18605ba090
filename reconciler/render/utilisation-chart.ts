// The utilisation chart as inline SVG: one bar per customer, assigned seats then unused seats.
// The customers with the most unused seats come first; past `limit` bars the chart says how many it left out.
import type { CustomerUtilisation } from "../drift/drift-report.js";
import { escapeXml } from "./escape.js";

export function renderUtilisationSvg(
  utilisation: readonly Pick<CustomerUtilisation, "customer" | "purchased" | "assigned" | "unused">[],
  limit = 25,
  label = "Seat utilisation per customer",
): string {
  const rows = [...utilisation]
    .filter((u) => u.purchased > 0)
    .sort((a, b) => b.unused - a.unused || (a.customer < b.customer ? -1 : 1));
  const shown = rows.slice(0, limit);
  const max = Math.max(1, ...shown.map((u) => u.purchased));
  const labelWidth = 180,
    barWidth = 420,
    rowHeight = 22,
    top = 24;
  const height = top + shown.length * rowHeight + (rows.length > limit ? 24 : 8);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeXml(label)}" width="${labelWidth + barWidth + 120}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 120} ${height}">`,
    `<text x="0" y="14" class="legend"><tspan fill="#2b7a3d">■ assigned</tspan> <tspan fill="#c8553d">■ unused</tspan></text>`,
  ];
  shown.forEach((u, i) => {
    const y = top + i * rowHeight;
    const assigned = (u.assigned / max) * barWidth;
    const unused = (u.unused / max) * barWidth;
    parts.push(
      `<g class="bar" data-customer="${escapeXml(u.customer)}"><title>${escapeXml(`${u.customer}: ${u.assigned} assigned, ${u.unused} unused of ${u.purchased}`)}</title>`,
      `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeXml(truncate(u.customer, 26))}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${assigned.toFixed(1)}" height="16" fill="#2b7a3d"/>`,
      `<rect x="${(labelWidth + assigned).toFixed(1)}" y="${y + 3}" width="${unused.toFixed(1)}" height="16" fill="#c8553d"/>`,
      `<text x="${(labelWidth + assigned + unused + 6).toFixed(1)}" y="${y + 15}">${u.assigned}/${u.purchased}</text></g>`,
    );
  });
  if (rows.length > limit)
    parts.push(
      `<text x="0" y="${height - 6}">…${rows.length - limit} more customer(s) not drawn (fewest unused seats)</text>`,
    );
  if (shown.length === 0) parts.push(`<text x="0" y="${top + 14}">No purchased seats in this report.</text>`);
  parts.push("</svg>");
  return parts.join("\n");
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
