/**
 * The documentation stays inside the repository: every link in the READMEs and
 * docs/ resolves to a file (and heading) of the repository, no source file
 * points at material outside it, and the bundle's column tables in
 * docs/bundle-format.md are the ones `@kts/domain` declares.
 */
import { Tables } from "@kts/domain"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")

const listDir = (dir: string): Array<string> => existsSync(dir) ? readdirSync(dir).sort() : []

/** README.md, docs/*.md, and the README of every package and app. */
const markdownFiles = (): Array<string> => [
  join(root, "README.md"),
  ...listDir(join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => join(root, "docs", name)),
  ...["packages", "apps"].flatMap((group) =>
    listDir(join(root, group)).map((name) => join(root, group, name, "README.md")).filter(existsSync)
  )
]

/** Markdown without fenced code blocks and inline code (links there are examples, not links). */
const withoutCode = (markdown: string): string =>
  markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "``")

/** Every link target of a markdown text: inline links, images, reference definitions, HTML href/src. */
const linkTargets = (markdown: string): Array<string> => {
  const text = withoutCode(markdown)
  const targets: Array<string> = []
  for (const match of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1]!)
  for (const match of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$/gm)) targets.push(match[1]!)
  for (const match of text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']*)["']/g)) targets.push(match[1]!)
  return targets
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const headingSlug = (heading: string): string =>
  heading.replace(/`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").trim().toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-")

const anchorsOf = (markdown: string): Set<string> => {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const match of withoutCodeBlocks(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = headingSlug(match[1]!)
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
  }
  for (const match of markdown.matchAll(/\b(?:id|name)\s*=\s*["']([^"']+)["']/g)) anchors.add(match[1]!)
  return anchors
}

const withoutCodeBlocks = (markdown: string): string => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "")

/** Why `target`, linked from `file`, does not stay inside the repository, or undefined when it does. */
const linkProblem = (file: string, target: string, repositoryRoot: string = root): string | undefined => {
  if (target === "") return "an empty link"
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) return "a link out of the repository"
  if (target.startsWith("/")) return "an absolute path"
  const [path, anchor] = target.split("#", 2) as [string, string | undefined]
  const resolved = path === "" ? file : resolve(dirname(file), decodeURIComponent(path))
  const inside = relative(repositoryRoot, resolved)
  if (inside === ".." || inside.startsWith(`..${sep}`)) return "a path outside the repository"
  if (!existsSync(resolved)) return "no such file in the repository"
  if (anchor !== undefined && anchor !== "" && resolved.endsWith(".md") && statSync(resolved).isFile()) {
    if (!anchorsOf(readFileSync(resolved, "utf8")).has(anchor)) return `no heading #${anchor} in ${relative(repositoryRoot, resolved)}`
  }
  return undefined
}

describe("links in the documentation", () => {
  it.each([
    { case: "a file beside it", target: "lead-report.md", problem: undefined },
    { case: "a heading of this file", target: "#the-store", problem: undefined },
    { case: "a heading of another file", target: "exchange.md#process-alerts", problem: undefined },
    { case: "the repository root's README", target: "../README.md", problem: undefined },
    { case: "a missing heading", target: "exchange.md#no-such-heading", problem: "no heading #no-such-heading in docs/exchange.md" },
    { case: "a missing file", target: "no-such-file.md", problem: "no such file in the repository" },
    { case: "the folder next to the repository", target: "../../shared/spec/bundle.md", problem: "a path outside the repository" },
    { case: "the repository's parent", target: "../..", problem: "a path outside the repository" },
    { case: "a web page", target: "https://example.org/shared/spec/bundle.md", problem: "a link out of the repository" },
    { case: "a local file URL", target: "file:///work/shared/spec/bundle.md", problem: "a link out of the repository" },
    { case: "an absolute path", target: "/work/shared/spec/bundle.md", problem: "an absolute path" }
  ])("judges $case", ({ problem, target }) => {
    expect(linkProblem(join(root, "docs", "bundle-format.md"), target)).toBe(problem)
  })

  it("finds inline links, images, reference definitions and HTML links, not code", () => {
    const markdown = [
      "See [a](one.md), ![b](two.png \"title\") and [c](<three.md>).",
      "[ref]: four.md",
      "<a href=\"five.md\">five</a>",
      "`[not](six.md)`",
      "```",
      "[not](seven.md)",
      "```"
    ].join("\n")
    expect(linkTargets(markdown)).toEqual(["one.md", "two.png", "three.md", "four.md", "five.md"])
  })

  it.each([
    { heading: "Publish: technical sections into the high schools' catalogs", slug: "publish-technical-sections-into-the-high-schools-catalogs" },
    { heading: "Primary teacher (columns 27–29)", slug: "primary-teacher-columns-2729" },
    { heading: "`processAlert.csv`", slug: "processalertcsv" }
  ])("makes GitHub's anchor for $heading", ({ heading, slug }) => {
    expect(headingSlug(heading)).toBe(slug)
  })

  const files = markdownFiles()
  it("covers the README, docs/ and the package READMEs", () => {
    const names = files.map((file) => relative(root, file).split(sep).join("/"))
    expect(names).toEqual(expect.arrayContaining(["README.md", "docs/bundle-format.md", "docs/lead-report.md", "docs/exchange.md", "docs/grade-check.md", "packages/store/README.md"]))
  })

  it.each(files.map((file) => ({ file: relative(root, file) })))("$file links only inside the repository", ({ file }) => {
    const path = join(root, file)
    const problems = linkTargets(readFileSync(path, "utf8"))
      .map((target) => ({ target, problem: linkProblem(path, target) }))
      .filter((link) => link.problem !== undefined)
    expect(problems).toEqual([])
  })
})

/** Source and test files of the packages, apps, benchmarks and CI. */
const sourceFiles = (): Array<string> => {
  const found: Array<string> = []
  const walk = (dir: string): void => {
    for (const name of listDir(dir)) {
      if (name === "node_modules" || name === "dist" || name === "data" || name.startsWith(".")) continue
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.(ts|mts|mjs|js|json|sh)$/.test(name)) found.push(path)
    }
  }
  for (const group of ["packages", "apps", "bench"]) walk(join(root, group))
  return found
}

describe("source files", () => {
  it("point at the repository's docs, never at material outside it", () => {
    // After removing references into docs/, what is left must not name the outside material.
    const outside = /\.\.\/shared\/|shared\/spec\/|shared\/seeds\/|\b(?:bundle|lead-extract|exchange|grade-check|server)\.md\b/
    const offenders = sourceFiles().filter((file) => file !== fileURLToPath(import.meta.url))
      .flatMap((file) =>
        readFileSync(file, "utf8").split("\n").flatMap((line, index) =>
          outside.test(line.replace(/docs\/[\w-]+\.md/g, "")) ? [`${relative(root, file)}:${index + 1}: ${line.trim()}`] : []
        )
      )
    expect(offenders).toEqual([])
  })
})

describe("docs/bundle-format.md", () => {
  const markdown = readFileSync(join(root, "docs", "bundle-format.md"), "utf8")

  /** Each `#### \`table.csv\`` heading's column table, as `column: type` lines. */
  const documented = new Map<string, Array<string>>()
  for (const section of markdown.split(/^#### /m).slice(1)) {
    const name = /^`(\w+)\.csv`/.exec(section)?.[1]
    if (name === undefined) continue
    const rows = section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| column") && !line.startsWith("| ---"))
    documented.set(name, rows.map((row) => {
      const [column, type] = row.split("|").slice(1, 3).map((cell) => cell.trim())
      return `${column}: ${type}`
    }))
  }

  it("lists every table of @kts/domain, once", () => {
    expect([...documented.keys()].sort()).toEqual(Tables.map((table) => table.name).sort())
  })

  // The type notation of the doc, written out from each column's declaration.
  it.each(Tables.map((table) => ({ table })))("gives the columns of $table.name exactly", ({ table }) => {
    const declared = Object.entries(table.columns).map(([name, column]) => {
      const type = column.primaryKey
        ? "id PK"
        : column.references !== undefined
        ? `→ ${column.references}${column.nullable ? "?" : ""}`
        : `${column.kind}${column.nullable ? "?" : ""}`
      return `${name}: ${type}`
    })
    expect(documented.get(table.name)).toEqual(declared)
  })

  it("marks as checked exactly the code columns with a code list", () => {
    for (const table of Tables) {
      const section = markdown.split(/^#### /m).find((part) => part.startsWith(`\`${table.name}.csv\``))!
      for (const [name, column] of Object.entries(table.columns)) {
        if (column.kind !== "code") continue
        const row = section.split("\n").find((line) => line.startsWith(`| ${name} |`))!
        expect(row.includes("| checked"), `${table.name}.${name}`).toBe(column.codeList !== undefined)
      }
    }
  })
})
