#!/usr/bin/env python3
"""Writes Sources/HuizongCore/Read/Forms/ShippedLayouts.swift from Layouts/*.json, so the shipped
layouts are built into the binary byte for byte (a test checks the two agree). Run it after
changing a file in Layouts/: python3 Scripts/embed-layouts.py
"""
import glob
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def main():
    out = ["/// The layouts shipped in `Layouts/`, as their files' bytes (a test keeps the two identical:",
           "/// change the files, then run Scripts/embed-layouts.py).",
           "enum ShippedLayouts {",
           "    static let files: [(name: String, json: String)] = ["]
    for path in sorted(glob.glob(os.path.join(ROOT, "Layouts", "*.json"))):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        assert '"""#' not in text, path
        out += ["        (", '            "%s",' % os.path.basename(path), '            #"""']
        out += [("            " + line) if line else "" for line in text.rstrip("\n").split("\n")]
        out += ['            """#', "        ),"]
    out += ["    ]", "}"]
    with open(os.path.join(ROOT, "Sources", "HuizongCore", "Read", "Forms", "ShippedLayouts.swift"), "w",
              encoding="utf-8") as handle:
        handle.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
