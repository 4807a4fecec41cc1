/// A parsed page as the walker reads it: elements and text in flat arrays (no allocation per
/// node), built from libxml2's SAX events by `LibXML.parse` the way libxml2's own tree builder
/// (SAX2.c) would link them, so the page reads exactly as libxml2's tree would. Nodes are indices;
/// a child always has a larger index than its parent.
struct DOM {
    static let none: Int32 = -1
    /// Tag of a text node (text and CDATA read alike).
    static let textTag: Int32 = -1

    struct Node {
        var parent: Int32
        var firstChild: Int32 = DOM.none
        var lastChild: Int32 = DOM.none
        var next: Int32 = DOM.none
        /// Index into `tags`, or `textTag`.
        var tag: Int32
        /// Text: its bytes in `text`. Element: its attributes in `attributes`.
        var start: Int32
        var count: Int32
        /// Bytes of text below (a text node: its own), not counting spaces and controls; and of
        /// those, the ones inside links. Summed up by `measure`.
        var textBytes: Int32 = 0
        var linkBytes: Int32 = 0
    }

    /// The attributes the walker reads; others are not kept.
    enum Key: UInt8 { case `class`, id, rowspan, colspan, name, property, itemprop, content }
    struct Attribute {
        var key: Key
        var start: Int32
        var count: Int32
    }

    var nodes: [Node] = []
    let text: ByteBuffer
    var attributes: [Attribute] = []
    let attributeBytes = ByteBuffer(capacity: 1024)
    var tags: [TagInfo] = []
    /// The document element (libxml2's xmlDocGetRootElement), or `none`.
    var root: Int32 = DOM.none

    init(capacity: Int) {
        nodes.reserveCapacity(capacity / 16)
        attributes.reserveCapacity(capacity / 64)
        text = ByteBuffer(capacity: capacity)
    }

    @inline(__always) func isElement(_ n: Int32) -> Bool { nodes[Int(n)].tag >= 0 }
    @inline(__always) func info(_ n: Int32) -> TagInfo { tags[Int(nodes[Int(n)].tag)] }
    /// An element's special role (table parts, head, …); nil for text and other elements.
    @inline(__always) func special(_ n: Int32) -> TagInfo.Special? { isElement(n) ? info(n).special : nil }
    @inline(__always) func firstChild(_ n: Int32) -> Int32 { nodes[Int(n)].firstChild }
    @inline(__always) func next(_ n: Int32) -> Int32 { nodes[Int(n)].next }
    @inline(__always) func parent(_ n: Int32) -> Int32 { nodes[Int(n)].parent }

    /// A text node's UTF-8 bytes.
    func withText<R>(_ n: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let node = nodes[Int(n)]
        return body(text.bytes(Int(node.start)..<Int(node.start + node.count)))
    }

    /// Where the attribute's value is in `attributeBytes` (empty when it has none), nil when the
    /// element lacks it.
    func attributeRange(_ n: Int32, _ key: Key) -> Range<Int>? {
        let node = nodes[Int(n)]
        guard node.tag >= 0 else { return nil }
        var i = Int(node.start)
        let end = i + Int(node.count)
        while i < end {
            let a = attributes[i]
            if a.key == key { return Int(a.start)..<Int(a.start + a.count) }
            i += 1
        }
        return nil
    }

    func attribute(_ n: Int32, _ key: Key) -> String? {
        attributeRange(n, key).map { attributeBytes.string($0) }
    }

    // MARK: Building

    /// Appends a node as the last child of `parent` (`none`: at document level, unlinked).
    mutating func append(_ node: Node) -> Int32 {
        let i = Int32(nodes.count)
        nodes.append(node)
        let p = node.parent
        if p != DOM.none {
            let last = nodes[Int(p)].lastChild
            if last == DOM.none { nodes[Int(p)].firstChild = i } else { nodes[Int(last)].next = i }
            nodes[Int(p)].lastChild = i
        }
        return i
    }

    /// Text for `parent`: continues its last child when that is text (libxml2 merges them too).
    mutating func appendText(_ parent: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        let start = Int32(text.count)
        let visible = Int32(text.appendCountingVisible(bytes))
        let last = nodes[Int(parent)].lastChild
        if last != DOM.none, nodes[Int(last)].tag == DOM.textTag,
            nodes[Int(last)].start + nodes[Int(last)].count == start
        {
            nodes[Int(last)].count += Int32(bytes.count)
            nodes[Int(last)].textBytes += visible
            return
        }
        _ = append(Node(parent: parent, tag: DOM.textTag, start: start, count: Int32(bytes.count), textBytes: visible))
    }

    /// Sums text and link bytes up the tree: children come after their parents, so one pass
    /// from the end sees every node complete before adding it to its parent.
    mutating func measure() {
        nodes.withUnsafeMutableBufferPointer { ns in
            var i = ns.count - 1
            while i >= 0 {
                var n = ns[i]
                if n.tag >= 0, tags[Int(n.tag)].isLink {
                    n.linkBytes = n.textBytes
                    ns[i].linkBytes = n.textBytes
                }
                if n.parent != DOM.none {
                    ns[Int(n.parent)].textBytes += n.textBytes
                    ns[Int(n.parent)].linkBytes += n.linkBytes
                }
                i -= 1
            }
        }
    }

    // MARK: Walking

    /// Depth-first over the subtree below `top` (not `top`), without recursion: `enter`
    /// returns whether to go into an element's children; `leave` follows each entered element.
    func traverse(_ top: Int32, enter: (Int32) -> Bool, leave: (Int32) -> Void, text: (Int32) -> Void) {
        var node = firstChild(top)
        while node != DOM.none {
            let n = node
            var descend = false
            if isElement(n) { descend = enter(n) } else { text(n) }
            if descend {
                let c = firstChild(n)
                if c != DOM.none {
                    node = c
                    continue
                }
                leave(n)
            }
            var cur = n
            node = DOM.none
            while true {
                let nx = next(cur)
                if nx != DOM.none {
                    node = nx
                    break
                }
                let up = parent(cur)
                guard up != DOM.none, up != top else { break }
                leave(up)
                cur = up
            }
        }
    }
}
