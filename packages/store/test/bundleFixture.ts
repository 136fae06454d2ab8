/**
 * A small valid bundle, as CSV text per file, that tests change one file at a time.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** The files of a minimal bundle that passes every check. */
export const validBundle = (): Record<string, string> => ({
  "district.csv": "districtID,number,name\n1,165,Fayette County\n2,034,Boyle County\n",
  "school.csv": "schoolID,districtID,number,name,stateClassification\n10,1,010,Tates Creek High,A1\n11,1,011,Eastside Tech,A2\n",
  "calendar.csv":
    "calendarID,schoolID,name,endYear,startDate,endDate,summerSchool,exclude\n100,10,24-25 Tates Creek,2025,2024-08-14,2025-05-30,0,0\n101,11,24-25 Eastside,2025,2024-08-14,2025-05-30,0,\n",
  "scheduleStructure.csv": "structureID,calendarID,name\n200,100,Main\n201,101,Main\n",
  "day.csv": "calendarID,structureID,date,instruction\n100,200,2025-05-29,1\n100,200,2025-05-30,0\n",
  "term.csv": "termID,structureID,name,seq,startDate,endDate\n300,200,S1,1,2024-08-14,2024-12-20\n301,200,S2,2,2025-01-06,2025-05-30\n",
  "trial.csv": "trialID,structureID,name,active\n400,200,Trial 1,1\n401,201,Trial 1,1\n",
  "course.csv":
    "courseID,calendarID,courseMasterID,number,name,active,stateCode,teachingMethod,instructionalSetting,type,difficultyLevel,responsive\n500,100,,0456V,\"Welding, Intro\",1,,,,,,0\n",
  "section.csv":
    "sectionID,courseID,trialID,number,coreContent,instructionalSetting,specialType,crossSiteEnrollment\n600,500,400,1,,,,\n",
  "sectionPlacement.csv": "placementID,sectionID,termID,periodID\n700,600,300,1\n701,600,301,\n",
  "person.csv":
    "personID,stateID,studentNumber,firstName,lastName,legalFirstName,legalLastName,gender,raceEthnicity,birthDate,homePrimaryLanguage\n800,1234567890,S1,Ana,Ruiz,,,F,1,2009-03-04,0400\n801,,,Tom,Teacher,,,M,,,\n",
  "roster.csv": "rosterID,sectionID,personID,startDate,endDate\n900,600,800,2024-08-14,\n",
  "enrollment.csv":
    "enrollmentID,personID,calendarID,structureID,grade,serviceType,startDate,endDate,startStatus,endStatus,noShow,stateExclude\n1000,800,100,200,10,P,2024-08-14,,E01,,0,0\n",
  "courseGradingTaskTerm.csv": "courseGradingTaskID,termID,termMask,activeMask\n",
  "gradingTask.csv": "taskID,name\n1,CTE Term Grade\n",
  "courseGradingTask.csv": "courseGradingTaskID,courseID,taskID,scoreGroupID\n1100,500,1,\n",
  "gradingScore.csv":
    "scoreID,personID,sectionID,taskID,termID,score,percent,posted,modifiedDate\n1200,800,600,1,300,A,93.5,1,2024-12-20T15:30\n"
})

/** Writes `files` into a new temporary folder and returns its path. */
export const writeBundle = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), "kts-bundle-"))
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** A temporary store path that does not exist yet. */
export const freshStorePath = (): string => join(mkdtempSync(join(tmpdir(), "kts-store-")), "kts.db")
