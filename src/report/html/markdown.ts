/**
 * The little Markdown the templates' descriptions use (paragraphs, "- " lists, `code`, **strong**, *emphasis*)
 * as HTML. Everything is escaped first; only these few tags are added around escaped text, so a description can
 * carry no markup of its own.
 */
export function markdownToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map(block)
    .join('\n');
}

/** A block: lines of text, then perhaps a list ("- " items, each running on over the indented lines after it). */
function block(lines: string): string {
  const [text = '', ...items] = lines.split(/(?:^|\n)- /);
  const paragraph = text.trim() ? `<p>${inline(text.replace(/\n\s*/g, ' '))}</p>` : '';
  const list = items.map((item) => `<li>${inline(item.replace(/\n\s*/g, ' '))}</li>`).join('');
  return paragraph + (list ? `<ul>${list}</ul>` : '');
}

function inline(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : emphasis(escapeHtml(part))))
    .join('');
}

function emphasis(escaped: string): string {
  return escaped.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/\*([^*\s][^*]*)\*/g, '<em>$1</em>');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
