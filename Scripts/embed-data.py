#!/usr/bin/env python3
"""Writes the Swift files that build the shipped data files into the binary byte for byte:
Sources/HuizongCore/Read/Forms/ShippedLayouts.swift from Layouts/*.json and
Sources/HuizongCore/Kinds/ShippedKinds.swift from Kinds/*.json (tests check each pair agrees).
Run it after changing a file in Layouts/ or Kinds/: python3 Scripts/embed-data.py
"""
import glob
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def embed(folder, type_name, what, target):
    out = ["/// The %s shipped in `%s/`, as their files' bytes (a test keeps the two identical:" % (what, folder),
           "/// change the files, then run Scripts/embed-data.py).",
           "enum %s {" % type_name,
           "    static let files: [(name: String, json: String)] = ["]
    for path in sorted(glob.glob(os.path.join(ROOT, folder, "*.json")), key=lambda p: os.path.basename(p).encode()):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        assert '"""#' not in text, path
        out += ["        (", '            "%s",' % os.path.basename(path), '            #"""']
        out += [("            " + line) if line else "" for line in text.rstrip("\n").split("\n")]
        out += ['            """#', "        ),"]
    out += ["    ]", "}"]
    with open(os.path.join(ROOT, *target), "w", encoding="utf-8") as handle:
        handle.write("\n".join(out) + "\n")


def main():
    embed("Layouts", "ShippedLayouts", "layouts", ["Sources", "HuizongCore", "Read", "Forms", "ShippedLayouts.swift"])
    embed("Kinds", "ShippedKinds", "table kinds", ["Sources", "HuizongCore", "Kinds", "ShippedKinds.swift"])


if __name__ == "__main__":
    main()
