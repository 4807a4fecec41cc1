/// JSON output of the operator commands writes every field, a missing value as an explicit
/// `null` (the synthesized encoder omits nils, and a reader should see "no value", not "no field").
///
/// `encodeStoredProperties` writes each stored property under its own name (but those in
/// `excluding`), with `replacing` giving another value (or shape) for a property and `adding`
/// computed fields, so a type spells out only what differs from its stored properties.
struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Encoder {
    func encodeStoredProperties(
        of value: some Encodable, excluding: Set<String> = [], replacing: [String: any Encodable] = [:],
        adding: [String: any Encodable] = [:]
    ) throws {
        var c = container(keyedBy: FieldKey.self)
        for child in Mirror(reflecting: value).children {
            guard let name = child.label, !excluding.contains(name) else { continue }
            let field = replacing[name] ?? (child.value as? any Encodable)
            guard let field else {
                throw EncodingError.invalidValue(
                    child.value, .init(codingPath: codingPath, debugDescription: "\(name) is not Encodable"))
            }
            try c.encode(field, forKey: FieldKey(name))
        }
        for (name, field) in adding { try c.encode(field, forKey: FieldKey(name)) }
    }
}
