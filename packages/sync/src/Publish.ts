/**
 * The publish stage (docs/exchange.md §2, Publish): every tech section of the
 * technical schools linked to a high-school database has exactly one master
 * in that database's high-school KTS catalog, named after the section.
 */
import { type CourseMaster, ktsCatalogName } from "@kts/domain"
import type { DatabaseLedger } from "./Ledger.js"
import type { TechSection } from "./Pairing.js"
import { ChangeSet, type UnitPlan } from "./Plan.js"
import type { PublishSnapshot } from "./Snapshot.js"
import { countChanges } from "./Units.js"

/** The values a tech section's master carries in a high-school KTS catalog. */
export interface PublishedMaster {
  readonly ktsTechID: string
  readonly number: string
  readonly name: string
  readonly stateCode: string | null
}

/** The master values for a tech section: the tech course's number and stateCode, and `{course} - {school} - Section {n}`. */
export const publishedMasterOf = (section: TechSection): PublishedMaster => ({
  ktsTechID: section.ktsTechID,
  number: section.course.number,
  name: `${section.course.name} - ${section.school.name} - Section ${section.section.number}`,
  stateCode: section.course.stateCode
})

/**
 * The publish unit of one high-school database. `techSections` are the tech
 * sections of every technical school linked to a high school of the database.
 * The catalog is created only when a master must be inserted; when several
 * catalogs carry the name, the lowest catalogID is used. A master is never
 * deleted; when several masters carry one KTSTechID, the lowest
 * courseMasterID is kept in step and the others are left.
 */
export const planPublish = (
  endYear: number,
  snapshot: PublishSnapshot,
  techSections: ReadonlyArray<TechSection>,
  ledger: DatabaseLedger
): UnitPlan => {
  const catalogName = ktsCatalogName(endYear)
  const catalog = [...snapshot.courseCatalogs].filter((row) => row.name === catalogName).sort((a, b) => a.catalogID - b.catalogID)[0]
  const mastersByTechID = new Map<string, CourseMaster>()
  if (catalog !== undefined) {
    for (const master of [...snapshot.courseMasters].sort((a, b) => b.courseMasterID - a.courseMasterID)) {
      if (master.catalogID === catalog.catalogID && master.ktsTechID !== null) mastersByTechID.set(master.ktsTechID, master)
    }
  }
  const changes = new ChangeSet()
  let catalogID = catalog?.catalogID ?? null
  const seen = new Set<string>()
  const ordered = [...techSections].sort((a, b) =>
    a.school.district < b.school.district ? -1 : a.school.district > b.school.district ? 1
      : a.school.number < b.school.number ? -1 : a.school.number > b.school.number ? 1
      : a.section.sectionID - b.section.sectionID)
  for (const section of ordered) {
    if (seen.has(section.ktsTechID)) continue
    seen.add(section.ktsTechID)
    const wanted = publishedMasterOf(section)
    const master = mastersByTechID.get(section.ktsTechID)
    if (master === undefined) {
      if (catalogID === null) {
        catalogID = ledger.ids.take("courseCatalog")
        changes.insert("courseCatalog", { catalogID, name: catalogName })
      }
      changes.insert("courseMaster", { courseMasterID: ledger.ids.take("courseMaster"), catalogID, ...wanted })
    } else if (master.number !== wanted.number || master.name !== wanted.name || master.stateCode !== wanted.stateCode) {
      changes.update("courseMaster", { ...master, number: wanted.number, name: wanted.name, stateCode: wanted.stateCode })
    }
  }
  const built = changes.build()
  return {
    stage: "publish",
    database: snapshot.database,
    schoolID: null,
    school: null,
    held: false,
    hold: null,
    changes: built,
    counts: countChanges(built, 0, { raised: 0, resolved: 0 })
  }
}
