// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Huizong",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "huizong", targets: ["huizong"]),
        .executable(name: "huizong-fuzz", targets: ["HuizongFuzz"]),
        .library(name: "HuizongCore", targets: ["HuizongCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // Workbooks are ZIP files of XML parts: read in the pipeline, and by tests of the results.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // libcsv from Debian's libcsv-dev; it ships no pkg-config file, so the modulemap links it.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // The results workbook, written by libxlsxwriter (Debian's libxlsxwriter-dev).
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // The streaming XML parser for workbook parts (Debian's libxml2-dev), behind a C shim.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib (Debian's zlib1g-dev) for the CRC-32 of workbook parts: ZIPFoundation's own is a byte loop on Linux.
        .target(name: "CXMLStream", dependencies: ["CLibXML2"], linkerSettings: [.linkedLibrary("z")]),
        // Old .xls (BIFF) workbooks, through FreeXL (Debian's libfreexl-dev).
        .systemLibrary(
            name: "CFreeXL",
            pkgConfig: "freexl",
            providers: [.apt(["libfreexl-dev"])]
        ),
        // FreeXL run in a child process: a crash on a corrupted .xls ends the child, not the run.
        .target(name: "CBIFF", dependencies: ["CFreeXL", "CTextScan"]),
        // SHA-256 of inputs from libcrypto (Debian's libssl-dev).
        .systemLibrary(
            name: "CCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The reader's byte loops in C for SIMD: UTF-8 validation, splitting a line into fields.
        .target(name: "CTextScan"),
        .target(name: "CSVReading", dependencies: ["CLibCSV", "CCrypto", "CTextScan"]),
        // renameat2, which Swift's Glibc module does not expose, and libFuzzer's driver for the fuzz build.
        .target(name: "CPlatform"),
        .target(
            name: "HuizongCore",
            dependencies: [
                "CSVReading", "CPlatform", "CXLSXWriter", "CXMLStream", "CFreeXL", "CBIFF",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .executableTarget(
            name: "huizong",
            dependencies: [
                "HuizongCore",
                "CSVReading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the fuzzer runs every input through, outside the library: for HuizongFuzz and the tests.
        .target(name: "HuizongFuzzing", dependencies: ["HuizongCore", "CSVReading"]),
        // The fuzz target for Scripts/fuzz (libFuzzer); a plain build replays inputs.
        .executableTarget(name: "HuizongFuzz", dependencies: ["HuizongFuzzing", "CSVReading", "CPlatform"]),
        .testTarget(
            name: "CSVReadingTests",
            dependencies: ["CSVReading", "CTextScan"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "HuizongCoreTests",
            dependencies: [
                "HuizongCore", "HuizongFuzzing", "CSVReading",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["HuizongCore", "CSVReading", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
