/// The department's own words for the report (a narrative file or an edited report.docx), by
/// section: a section said twice is kept once, and the other named.
enum NarrativeKind: KindMerging {
    static func merge(_ narrative: Narrative, _ file: inout FileMerge, into department: inout DepartmentMerge) {
        let path = file.path
        for name in narrative.sections.keys.sorted(by: bytewise) {
            let line = narrative.places[name].flatMap { $0.line > 0 ? $0.line : nil }
            if let earlier = department.result.narrative.places[name] {
                // An edited report.docx wins over a narrative file (which may be the untouched
                // template); otherwise the earlier path does.
                let replaces = narrative.fromWordDocument && !department.result.narrative.wordSections.contains(name)
                let (kept, dropped) =
                    replaces
                    ? ((path, line), (earlier.file, earlier.line))
                    : ((earlier.file, earlier.line), (path, line ?? 0))
                let keptPlace = (kept.1 ?? 0) > 0 ? "\(kept.0) 第 \(kept.1!) 行" : kept.0
                file.note(
                    Finding(
                        .narrativeDuplicateSection(section: name, earlier: keptPlace), file: dropped.0,
                        line: dropped.1 > 0 ? dropped.1 : nil))
                if !replaces { continue }
            }
            department.result.narrative.sections[name] = narrative.sections[name]
            department.result.narrative.places[name] = (path, line ?? 0)
            if narrative.fromWordDocument { department.result.narrative.wordSections.insert(name) }
        }
    }
}
