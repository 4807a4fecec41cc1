internal import CLibXML2

/// The only code that touches libxml2: parse bytes into a document, and read nodes.
enum LibXML {
    /// libxml2 refuses to build a tree deeper than this without XML_PARSE_HUGE (which we never
    /// set): a page of 100k nested elements is read up to that depth, then stops — bounded time
    /// and memory instead of a stack overflow.
    static let maxDepth = 256

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() { _ = initialized }

    /// Parses UTF-8 bytes with the HTML parser: recover from broken markup, no network, no
    /// error output; the page's own charset hints are ignored (the bytes are UTF-8 by now).
    static func parse(_ utf8: [UInt8]) -> Document? {
        initialize()
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue)
        guard let ctxt = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(ctxt) }
        let doc: htmlDocPtr? = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                htmlCtxtReadMemory(ctxt, p, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        // XML_ERR_INTERNAL_ERROR (1) with "Excessive depth" is how libxml2 reports the cap.
        let depthLimited = ctxt.pointee.nodeNr >= maxDepth || Self.hitDepth(ctxt)
        return Document(doc, depthLimited: depthLimited)
    }

    private static func hitDepth(_ ctxt: htmlParserCtxtPtr) -> Bool {
        guard let msg = ctxt.pointee.lastError.message else { return false }
        return String(cString: msg).contains("depth")
    }

    final class Document {
        let doc: htmlDocPtr
        let depthLimited: Bool
        init(_ doc: htmlDocPtr, depthLimited: Bool) {
            self.doc = doc
            self.depthLimited = depthLimited
        }
        var root: Node? { xmlDocGetRootElement(doc).map(Node.init) }
        func free() { xmlFreeDoc(doc) }
    }

    /// A borrowed node of a live document.
    struct Node: Equatable {
        let p: xmlNodePtr
        init(_ p: xmlNodePtr) { self.p = p }

        var isElement: Bool { p.pointee.type == XML_ELEMENT_NODE }
        var isText: Bool { p.pointee.type == XML_TEXT_NODE || p.pointee.type == XML_CDATA_SECTION_NODE }
        var firstChild: Node? { p.pointee.children.map(Node.init) }
        var next: Node? { p.pointee.next.map(Node.init) }
        var parent: Node? { p.pointee.parent.map(Node.init) }

        /// The element's name (libxml2's HTML parser lower-cases tag names).
        var name: String { p.pointee.name.map { String(cString: $0) } ?? "" }

        /// A text node's UTF-8 content.
        func withContent<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            guard let c = p.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return body(UnsafeBufferPointer(start: c, count: Int(xmlStrlen(c))))
        }

        /// The element's name pointer: libxml2 interns names in the document's dictionary, so
        /// one tag has one pointer per document (the walker classifies each tag once).
        var namePointer: UInt { UInt(bitPattern: p.pointee.name) }

        func attribute(_ name: String) -> String? {
            withAttribute(name) { $0.map { String(cString: $0) } }
        }

        /// The attribute's value as a C string, without making a Swift string ("" when it has none).
        func withAttribute<R>(_ name: String, _ body: (UnsafePointer<UInt8>?) -> R) -> R {
            var a = p.pointee.properties
            while let attr = a {
                if let n = attr.pointee.name, xmlStrcasecmp(n, name) == 0 {
                    guard let v = attr.pointee.children?.pointee.content else {
                        return "".withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
                    }
                    return body(UnsafePointer(v))
                }
                a = attr.pointee.next
            }
            return body(nil)
        }

        /// A word of application data libxml2 keeps on every node (`_private`): the walker's
        /// text and link lengths.
        var scratch: UInt64 {
            get { UInt64(UInt(bitPattern: p.pointee._private)) }
            nonmutating set { p.pointee._private = UnsafeMutableRawPointer(bitPattern: UInt(newValue)) }
        }
    }
}

extension LibXML.Node {
    /// Depth-first over the subtree below `self` (not `self`), without recursion: `enter`
    /// returns whether to go into an element's children; `leave` follows each entered element.
    func traverse(enter: (LibXML.Node) -> Bool, leave: (LibXML.Node) -> Void, text: (LibXML.Node) -> Void) {
        var node = firstChild
        while let n = node {
            var descend = false
            if n.isElement {
                descend = enter(n)
            } else if n.isText {
                text(n)
            }
            if descend {
                if let c = n.firstChild {
                    node = c
                    continue
                }
                leave(n)
            }
            var cur = n
            node = nil
            while true {
                if let nx = cur.next {
                    node = nx
                    break
                }
                guard let up = cur.parent, up != self else { break }
                leave(up)
                cur = up
            }
        }
    }
}
