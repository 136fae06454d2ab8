/**
 * The plan of an exchange world before any row is written: its technical
 * schools and their courses, the districts and their high schools, and where
 * the misconfigurations go. The tiny plan is fixed; the state plan is drawn.
 */
import { TECH_PROGRAMS } from "./Courses.js"
import { placeNames, schoolStem } from "./Names.js"
import { Random } from "./Random.js"
import type { ReportCardGap, TechCoursePlan, TechPlan, HighPlan, WorldDistrictPlan, WorldPlan, WorldScale } from "./WorldModel.js"

export const program = (number: string): readonly [string, string] => {
  const found = TECH_PROGRAMS.find((entry) => entry[1] === number)
  if (found === undefined) throw new Error(`no tech program ${number}`)
  return found
}

/** Course titles the state renamed; a program without an entry gets a generic new title. */
export const RENAMES: Readonly<Record<string, string>> = {
  "Welding Technology I": "Welding I: Fundamentals",
  "Automotive Technology I": "Automotive Maintenance and Light Repair I",
  "Health Science I": "Principles of Health Science",
  "Information Technology Support": "IT Support and Networking",
  "Carpentry Fundamentals": "Carpentry I",
  "Electrical Technology": "Electrical Systems I",
  "Culinary Arts I": "Culinary and Food Service I"
}

export const renamedTitle = (name: string): string => RENAMES[name] ?? `${name} (Revised)`

/**
 * The tiny world, fixed so tests can name its cases: two technical schools,
 * three districts, four high schools. The misconfigurations sit where
 * `docs/exchange-world.md` lists them, whatever the seed.
 */
export const tinyPlan = (): WorldPlan => ({
  tech: [
    {
      number: "030",
      name: "Laurel Ridge Area Technology Center",
      termCount: 2,
      courses: [
        { program: program("T4701"), sections: 2, fault: "twoActiveMasks", renamed: false },
        { program: program("T4741"), sections: 1, fault: "none", renamed: false },
        { program: program("T4711"), sections: 2, fault: "none", renamed: false }
      ]
    },
    {
      number: "045",
      name: "Copper Valley Area Technology Center",
      termCount: 4,
      courses: [
        { program: program("T4731"), sections: 1, fault: "none", renamed: true },
        { program: program("T4751"), sections: 2, fault: "none", renamed: false },
        { program: program("T4801"), sections: 1, fault: "none", renamed: false }
      ]
    }
  ],
  districts: [
    {
      number: "165",
      name: "Ashford County",
      highSchools: [
        { number: "010", name: "Ashford County High School", tech: 0, attendanceSync: true, wrongTerm: false, reportCard: "none", index: 0 },
        { number: "020", name: "Cedar Ridge High School", tech: 0, attendanceSync: false, wrongTerm: false, reportCard: "final", index: 1 }
      ]
    },
    {
      number: "171",
      name: "Briar Independent",
      highSchools: [{ number: "010", name: "Briar High School", tech: 1, attendanceSync: false, wrongTerm: false, reportCard: "none", index: 2 }]
    },
    {
      number: "180",
      name: "Copper County",
      highSchools: [{ number: "010", name: "Copper County High School", tech: 1, attendanceSync: true, wrongTerm: true, reportCard: "none", index: 3 }]
    }
  ]
})

export const STATE_TECH_SCHOOLS = 50

export const statePlan = (seed: number): WorldPlan => {
  const rng = Random.of(seed, "world", "state", "plan")
  const places = placeNames(rng, STATE_TECH_SCHOOLS + 200)
  const techNumbers = rng.sample(Array.from({ length: 980 }, (_, index) => index + 10), STATE_TECH_SCHOOLS).sort((a, b) => a - b)
  const tech: Array<TechPlan> = techNumbers.map((number, index) => {
    const count = rng.int(16, 25)
    const programs = rng.sample(TECH_PROGRAMS, count).sort((a, b) => (a[1] < b[1] ? -1 : 1))
    return {
      number: String(number).padStart(3, "0"),
      name: `${places[index] ?? `Center ${index}`} Area Technology Center`,
      termCount: rng.chance(0.7) ? 2 : 4,
      courses: programs.map((entry): TechCoursePlan => {
        const roll = rng.float()
        return {
          program: entry,
          sections: rng.weighted([[1, 5], [2, 35], [3, 40], [4, 20]]),
          fault: roll < 0.02 ? "twoActiveMasks" : roll < 0.035 ? "duplicateTask" : "none",
          renamed: rng.chance(0.02)
        }
      })
    }
  })
  // High schools, grouped by the technical school they send students to; districts are cut across that list,
  // so a district on the border between two technical schools' areas has high schools linked to each.
  const links: Array<number> = []
  tech.forEach((_, index) => {
    for (let count = rng.int(3, 8); count > 0; count--) links.push(index)
  })
  const chunks: Array<Array<number>> = []
  for (let at = 0; at < links.length;) {
    const size = rng.weighted([[1, 20], [2, 30], [3, 30], [4, 20]])
    chunks.push(links.slice(at, at + size))
    at += size
  }
  const districtNumbers = rng.sample(Array.from({ length: 600 }, (_, index) => index + 1), chunks.length).sort((a, b) => a - b)
  let hsIndex = 0
  const districts = chunks.map((chunk, districtIndex): WorldDistrictPlan => {
    const place = places[STATE_TECH_SCHOOLS + districtIndex] ?? `Place ${districtIndex}`
    const used = new Set<string>()
    let next = 0
    return {
      number: String(districtNumbers[districtIndex] ?? districtIndex + 1).padStart(3, "0"),
      name: rng.chance(0.75) ? `${place} County` : `${place} Independent`,
      highSchools: chunk.map((techIndex, index): HighPlan => {
        next += 10 + rng.int(0, 5)
        return {
          number: String(next).padStart(3, "0"),
          name: index === 0 ? `${place} County High School` : `${schoolStem(rng, used, place)} High School`,
          tech: techIndex,
          attendanceSync: rng.chance(0.5),
          wrongTerm: rng.chance(0.04),
          reportCard: rng.weighted<ReportCardGap>([["none", 85], ["final", 10], ["both", 5]]),
          index: hsIndex++
        }
      })
    }
  })
  return { tech, districts }
}

/** The plan of a world at `scale`. */
export const planWorld = (scale: WorldScale, seed: number): WorldPlan => (scale === "tiny" ? tinyPlan() : statePlan(seed))
