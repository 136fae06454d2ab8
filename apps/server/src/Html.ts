/**
 * HTML built with a tagged template that escapes every interpolated value;
 * only markup made by `html` itself (a `SafeHtml`) goes in unescaped.
 */

/** Markup already escaped. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

/** Text safe inside an element or a quoted attribute. */
export const escapeText = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[character]!)

type Interpolated = SafeHtml | string | number | boolean | null | undefined | ReadonlyArray<Interpolated>

const render = (value: Interpolated): string => {
  if (value === null || value === undefined || value === false) return ""
  if (value instanceof SafeHtml) return value.text
  if (Array.isArray(value)) return value.map(render).join("")
  return escapeText(String(value))
}

/** `html\`<p>${text}</p>\``: every value escaped, nested `html` kept. */
export const html = (strings: TemplateStringsArray, ...values: ReadonlyArray<Interpolated>): SafeHtml => {
  let text = strings[0]!
  for (let index = 0; index < values.length; index++) text += render(values[index]) + strings[index + 1]!
  return new SafeHtml(text)
}

const STYLE = `
:root{color-scheme:light}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:#17324d;color:#fff}
header.top a{color:#fff}
main{padding:1rem;max-width:72rem}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #d4d8de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#e8edf3}
.table-wrap{overflow-x:auto}
.error{color:#9b1c1c;font-weight:600}
.warning{color:#8a5a00;font-weight:600}
.pass{color:#1d6b2f}
form.inline{display:inline}
label{display:inline-block;margin:.2rem .8rem .2rem 0}
input,select,button{font:inherit;padding:.3rem .5rem}
button{cursor:pointer}
p.note{color:#555}
@media (max-width:40rem){table{font-size:13px}th,td{padding:3px 4px}}
@media print{header.top,form,nav{display:none}body{font-size:10pt}main{padding:0;max-width:none}a{color:inherit;text-decoration:none}}
`.trim()

/** A whole page: header with the caller's scope and logout, then the content. */
export const page = (title: string, content: SafeHtml, options: { readonly scope?: string; readonly csrf?: string } = {}): string =>
  `<!DOCTYPE html>\n` + html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · KTS</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header class="top"><strong><a href="/">KTS</a></strong>${
    options.scope === undefined ? "" : html`<span>Signed in: ${options.scope}</span>
<nav><a href="/">Schools</a> · <a href="/exchange">Exchange</a> · <a href="/docs">API</a></nav>
<form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="${options.csrf ?? ""}"><button type="submit">Log out</button></form>`
  }</header>
<main>
<h1>${title}</h1>
${content}
</main>
</body>
</html>
`.text
