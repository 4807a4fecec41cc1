internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only code that touches libxml2: its HTML parser reads the bytes and reports elements and
/// text through SAX callbacks; `TreeBuilder` links them into a `DOM` exactly as libxml2's own
/// tree builder (SAX2.c, 2.9) would — same parents, same document element, same depth limit —
/// without a malloc per node and string per text (building libxml2's tree took half the time).
enum LibXML {
    /// libxml2's tree builder refuses to go deeper than this without XML_PARSE_HUGE (which we
    /// never set) and stops the parser: a page of 100k nested elements is read up to that depth,
    /// then stops — bounded time and memory instead of a stack overflow. `TreeBuilder` does the same.
    static let maxDepth = 256

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() { _ = initialized }

    struct Document {
        var dom: DOM
        var depthLimited: Bool
    }

    /// Parses UTF-8 bytes with the HTML parser: recover from broken markup, no network, no
    /// error output; the page's own charset hints are ignored (the bytes are UTF-8 by now).
    static func parse(_ utf8: [UInt8]) -> Document? {
        initialize()
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue)
        guard let ctxt = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(ctxt) }
        ctxt.pointee.sax.pointee = handler()
        var builder = TreeBuilder(capacity: utf8.count)
        withUnsafeMutablePointer(to: &builder) { b in
            ctxt.pointee._private = UnsafeMutableRawPointer(b)
            utf8.withUnsafeBufferPointer { all in
                // libxml2 skipped a leading byte order mark when it switched to its UTF-8
                // converter and looks for one more itself (xmlSwitchEncoding): skip that first one.
                let buf = all.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: all[3...]) : all
                guard buf.count > 0 else { return }
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                    // No startDocument callback: libxml2 builds no document of its own. No
                    // encoding named: the bytes are valid UTF-8 by now (Charset) and
                    // setDocumentLocator tells the parser so; naming "UTF-8" made libxml2 run a
                    // UTF-8 → UTF-8 converter over the page in 4 KB chunks, a copy for nothing.
                    _ = htmlCtxtReadMemory(ctxt, p, Int32(buf.count), nil, nil, options)
                }
            }
            ctxt.pointee._private = nil
        }
        builder.dom.measure()
        return Document(dom: builder.dom, depthLimited: builder.depthLimited)
    }

    private static func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<TreeBuilder> {
        ctx!.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private.assumingMemoryBound(to: TreeBuilder.self)
    }

    /// The callbacks libxml2's HTML tree builder uses that shape the tree; comments and
    /// processing instructions matter only at document level (they decide where a later
    /// top-level element goes). Warnings and errors stay off (NOERROR, NOWARNING).
    private static func handler() -> htmlSAXHandler {
        var h = htmlSAXHandler()
        // Called first, before any byte is read: the bytes are UTF-8 (see `parse`).
        h.setDocumentLocator = { ctx, _ in
            ctx!.assumingMemoryBound(to: xmlParserCtxt.self).pointee.charset = Int32(XML_CHAR_ENCODING_UTF8.rawValue)
        }
        h.internalSubset = { ctx, _, _, _ in LibXML.builder(ctx).pointee.doctype() }
        h.startElement = { ctx, name, atts in
            guard let name else { return }
            let ctxt = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
            LibXML.builder(ctx).pointee.start(name, atts, ctxt)
        }
        h.endElement = { ctx, _ in LibXML.builder(ctx).pointee.end() }
        h.characters = { ctx, ch, len in
            guard let ch, len > 0 else { return }
            LibXML.builder(ctx).pointee.text(UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        h.cdataBlock = h.characters
        h.comment = { ctx, _ in LibXML.builder(ctx).pointee.other() }
        h.processingInstruction = { ctx, _, _ in LibXML.builder(ctx).pointee.other() }
        h.initialized = 1
        return h
    }

    /// xmlSAX2StartElement, xmlSAX2EndElement, xmlSAX2Text and friends, on a `DOM`.
    struct TreeBuilder {
        var dom: DOM
        /// The open elements (libxml2's nodeTab).
        private var open: [Int32] = []
        private var docHasChildren = false
        /// The document's first child is the document element (not a doctype or a comment).
        private var docFirstIsRoot = false
        private(set) var depthLimited = false
        /// Tag name pointer → tag index. The parser interns names in its dictionary, so a
        /// page has a few dozen pointers; open addressing over 256 slots (a name that finds no
        /// free slot in 8 just gets another index).
        private var slotKeys = [UInt](repeating: 0, count: 256)
        private var slotTags = [Int32](repeating: 0, count: 256)

        init(capacity: Int) { dom = DOM(capacity: capacity) }

        mutating func doctype() {
            // xmlCreateIntSubset puts the doctype first among the document's children.
            docHasChildren = true
            docFirstIsRoot = false
        }

        mutating func other() {
            if open.isEmpty, !docHasChildren { docHasChildren = true }
        }

        mutating func start(
            _ name: UnsafePointer<UInt8>, _ atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
            _ ctxt: UnsafeMutablePointer<xmlParserCtxt>
        ) {
            var parent = open.last ?? DOM.none
            var isRoot = false
            if !docHasChildren {
                docHasChildren = true
                docFirstIsRoot = true
                isRoot = true
            } else if parent == DOM.none {
                if docFirstIsRoot {
                    parent = dom.root
                } else if dom.root == DOM.none {
                    isRoot = true
                }
            }
            // nodePush: past the depth limit the element is dropped and the parser halted.
            if open.count > LibXML.maxDepth {
                depthLimited = true
                xmlStopParser(ctxt)
                return
            }
            let tag = tagIndex(name, ctxt)
            let first = Int32(dom.attributes.count)
            if let atts { readAttributes(atts) }
            let n = dom.append(
                DOM.Node(parent: parent, tag: tag, start: first, count: Int32(dom.attributes.count) - first))
            if isRoot { dom.root = n }
            open.append(n)
        }

        mutating func end() {
            if !open.isEmpty { open.removeLast() }
        }

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let top = open.last else { return }
            dom.appendText(top, bytes)
        }

        private mutating func tagIndex(_ name: UnsafePointer<UInt8>, _ ctxt: UnsafeMutablePointer<xmlParserCtxt>)
            -> Int32
        {
            let key = UInt(bitPattern: name)
            // Fibonacci hashing: the dictionary packs names a few bytes apart, which low address
            // bits alone would crowd into neighbouring slots.
            var slot = Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 56)
            for _ in 0..<8 {
                if slotKeys[slot] == key { return slotTags[slot] }
                if slotKeys[slot] == 0 { break }
                slot = (slot + 1) & 255
            }
            let tag = Int32(dom.tags.count)
            dom.tags.append(
                xmlStrchr(name, 0x3A) == nil ? TagTable.info(name) : TagTable.make(Self.localName(name, ctxt)))
            if slotKeys[slot] == 0 {
                slotKeys[slot] = key
                slotTags[slot] = tag
            }
            return tag
        }

        /// The element name libxml2's tree gets: `o:p` is `p` (xmlSplitQName, as SAX2.c does).
        private static func localName(_ name: UnsafePointer<UInt8>, _ ctxt: UnsafeMutablePointer<xmlParserCtxt>)
            -> String
        {
            var prefix: UnsafeMutablePointer<UInt8>?
            guard let local = xmlSplitQName(ctxt, name, &prefix) else { return String(cString: name) }
            // libxml2's xmlFree is free() (the project never installs other allocators).
            defer {
                free(local)
                free(prefix)
            }
            return String(cString: local)
        }

        /// Keeps the first of each attribute the walker reads (names matched case-insensitively,
        /// as xmlStrcasecmp does). A name without a value has the value "".
        private mutating func readAttributes(_ atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>) {
            var i = 0
            var seen: UInt8 = 0
            while let name = atts[i] {
                let value = atts[i + 1]
                i += 2
                guard let key = Self.key(name), seen & (1 << key.rawValue) == 0 else { continue }
                seen |= 1 << key.rawValue
                let start = Int32(dom.attributeBytes.count)
                if let value {
                    dom.attributeBytes.append(
                        UnsafeBufferPointer(
                            start: value,
                            count: Int(strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self)))))
                }
                dom.attributes.append(
                    DOM.Attribute(key: key, start: start, count: Int32(dom.attributeBytes.count) - start))
            }
        }

        /// The names read, packed lower-case (ASCII letters only, so `| 0x20` folds case
        /// exactly as xmlStrcasecmp does for them); one comparison each, no call per name.
        private static let keys: [(UInt64, DOM.Key)] =
            ([
                ("class", .class), ("id", .id), ("rowspan", .rowspan), ("colspan", .colspan), ("name", .name),
                ("property", .property), ("itemprop", .itemprop), ("content", .content),
            ] as [(String, DOM.Key)]).map { (Self.pack(Array($0.0.utf8)), $0.1) }

        private static func pack(_ bytes: [UInt8]) -> UInt64 {
            bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }

        private static func key(_ name: UnsafePointer<UInt8>) -> DOM.Key? {
            // Longest name is 8 bytes: a ninth byte means no match.
            var packed: UInt64 = 0
            var i = 0
            while i < 8 {
                let b = name[i]
                if b == 0 { break }
                packed |= UInt64(b | 0x20) << (8 * UInt64(i))
                i += 1
            }
            guard i > 0, i < 8 || name[8] == 0 else { return nil }
            for (k, key) in keys where k == packed { return key }
            return nil
        }
    }
}
