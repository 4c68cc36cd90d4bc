/// File names as text. A POSIX name is bytes; Plimsoll's paths are Strings, so a name that is not UTF-8 is shown
/// with U+FFFD in place of its bad bytes. That text names no file on disk, so such a path is listed, described and
/// reported (PL003) with this reason, never opened: before, it was dropped when describing failed, and the file
/// vanished from the scan without a note.
enum FileNameText {
    static let undecodableReason = "its name is not valid UTF-8, so Plimsoll cannot open it by name"

    /// The name's text, adding it to `undecodable` when its bytes are not UTF-8. Valid names are the common case:
    /// the bytes are compared back only when the text holds U+FFFD's lead byte (0xEF).
    static func decode(_ bytes: some Collection<UInt8>, undecodable: inout Set<String>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.contains(0xEF), !text.utf8.elementsEqual(bytes) { undecodable.insert(text) }
        return text
    }
}
