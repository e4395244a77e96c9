import CBIFF
import CFreeXL
import Foundation

/// An old Excel .xls (BIFF), read by FreeXL in a child process (`huizong_xls_dump`): a C library
/// that crashes or runs away on corrupted bytes then ends that child, and the file gets a finding
/// while every other file is consolidated. The child sends its cells back as a stream of records,
/// read here with every length checked.
enum BIFFWorkbook {
    /// Wall time (and CPU time) the child may take for one workbook.
    static let seconds: UInt32 = 60
    /// The most the child may send back: cells take more room as records than in the file.
    static func streamLimit(fileBytes: Int) -> Int { 64 << 20 + 4 * fileBytes }

    /// FreeXL opens by path: the bytes go to a file in memory first (else a private temporary
    /// file; the drop folder's file itself is never reopened by name).
    static func read(_ bytes: [UInt8]) throws(XLSXWorkbook.Problem) -> [MemorySheet] {
        let memory = bytes.withUnsafeBufferPointer { huizong_memory_file($0.baseAddress, $0.count) }
        defer { if memory >= 0 { close(memory) } }
        var folder: String?
        defer { if let folder { try? FileManager.default.removeItem(atPath: folder) } }
        var path = ""
        if memory < 0 {
            var template = Array((NSTemporaryDirectory() + "/huizong-xls.XXXXXX").utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                throw .notAWorkbook("无法创建临时文件")
            }
            folder = String(cString: made)
            path = folder! + "/book.xls"
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw .notAWorkbook("无法写出临时文件")
            }
        }
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        var detail: Int32 = 0
        let outcome = huizong_xls_dump(
            path, memory, streamLimit(fileBytes: bytes.count), seconds, &buffer, &length, &detail)
        defer { free(buffer) }
        switch huizong_xls_outcome(UInt32(outcome)) {
        case HUIZONG_XLS_DONE: break
        case HUIZONG_XLS_DIED, HUIZONG_XLS_FAILED:
            throw .notAWorkbook(
                "读取库读这个旧版 Excel（.xls）时异常终止（\(outcome == HUIZONG_XLS_DIED.rawValue ? "信号" : "退出码") \(detail)），文件可能已损坏")
        case HUIZONG_XLS_TOO_LARGE:
            throw .tooLarge(part: "xls", limit: streamLimit(fileBytes: bytes.count))
        case HUIZONG_XLS_TIMED_OUT:
            throw .notAWorkbook("读取这个旧版 Excel（.xls）超过 \(seconds) 秒仍未读完，文件可能已损坏")
        default:
            throw .notAWorkbook("无法启动读取旧版 Excel 的子进程（\(String(cString: strerror(detail)))）")
        }
        guard let buffer else { throw .notAWorkbook("读取库没有返回内容") }
        return try sheets(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// The child's records as sheets (see CBIFF.c): every length checked against what is left,
    /// and anything short or unknown is a damaged stream, never a guess.
    static func sheets(_ stream: UnsafeBufferPointer<UInt8>) throws(XLSXWorkbook.Problem) -> [MemorySheet] {
        var reader = StreamReader(bytes: stream)
        var sheets: [MemorySheet] = []
        var row: (number: Int, cells: [String])?
        var blanks = 0
        func endRow() {
            guard var finished = row else { return }
            while finished.cells.last?.isEmpty == true { finished.cells.removeLast() }
            if !finished.cells.isEmpty { sheets[sheets.count - 1].rows.append(finished) }
            row = nil
        }
        let damaged = XLSXWorkbook.Problem.notAWorkbook("读取库读出的内容不完整，文件可能已损坏")
        while let tag = reader.byte() {
            switch tag {
            case UInt8(ascii: "S"):
                endRow()
                guard let name = reader.text() else { throw damaged }
                sheets.append(MemorySheet(name: name.isEmpty ? "Sheet\(sheets.count + 1)" : name))
            case UInt8(ascii: "C"):
                guard !sheets.isEmpty, let number = reader.integer(UInt32.self),
                    let column = reader.integer(UInt16.self),
                    let type = reader.byte(), let text = reader.cellText(type: type)
                else { throw damaged }
                let line = Int(number) + 1
                if row?.number != line {
                    endRow()
                    row = (line, [])
                }
                let at = Int(column)
                // Cells come in column order, within Excel's columns (an .xls has 256).
                guard at >= row!.cells.count, at < MemorySheet.maxColumns else { throw damaged }
                // The sheet is held whole: the blank cells put before a lone far cell are bounded too.
                blanks += at - row!.cells.count
                guard blanks <= MemorySheet.maxBlankCells else { throw MemorySheet.tooWide }
                row!.cells += Array(repeating: "", count: at - row!.cells.count)
                row!.cells.append(text)
            case UInt8(ascii: "K"):
                endRow()
                guard let name = reader.text() else { throw damaged }
                var sheet = MemorySheet(name: name.isEmpty ? "Sheet\(sheets.count + 1)" : name)
                sheet.unreadable = "读取库打不开这张表"
                sheets.append(sheet)
            case UInt8(ascii: "F"):
                endRow()
                guard !sheets.isEmpty, let count = reader.integer(UInt32.self) else { throw damaged }
                sheets[sheets.count - 1].unreadable = "其中 \(count) 个格子读取库读不出，表中的数不能确定"
            case UInt8(ascii: "M"):
                guard let count = reader.integer(UInt32.self) else { throw damaged }
                var rest = MemorySheet(name: "第 256 张起的 \(count) 张表")
                rest.unreadable = "旧版 Excel（.xls）最多读前 255 张表"
                sheets.append(rest)
            case UInt8(ascii: "X"):
                let code = reader.byte()
                throw .notAWorkbook(
                    code == 2 ? "工作簿设置了打开密码" : "不是能读取的旧版 Excel（.xls）工作簿：可能已加密、已损坏，或是 WPS 的 .et 文件")
            case UInt8(ascii: "E"):
                endRow()
                return sheets
            default: throw damaged
            }
        }
        throw damaged  // the child stopped before its end record
    }

    /// Reads the child's records in native byte order, nil past the end.
    struct StreamReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard bytes.count - offset >= MemoryLayout<T>.size else { return nil }
            defer { offset += MemoryLayout<T>.size }
            return UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: T.self)
        }

        mutating func text() -> String? {
            guard let length = integer(UInt32.self), bytes.count - offset >= Int(length) else { return nil }
            defer { offset += Int(length) }
            return String(decoding: bytes[offset..<(offset + Int(length))], as: UTF8.self)
        }

        /// A cell's value as the sheet's text: integers and doubles as decimals, the rest as written.
        mutating func cellText(type: UInt8) -> String? {
            switch Int32(type) {
            case FREEXL_CELL_INT: return integer(Int64.self).map { String($0) }
            case FREEXL_CELL_DOUBLE:
                // The shortest decimal of the stored double, as for .xlsx cells.
                guard let bits = integer(UInt64.self) else { return nil }
                let value = Double(bitPattern: bits)
                return value.isFinite ? CellValue.plain(value.description, significantDigits: 15) ?? "" : ""
            default: return text()
            }
        }
    }
}
