extension Array {
    /// Empties the array and keeps its storage, element by element from the end: what
    /// `removeAll(keepingCapacity: true)` does, without the generic `replaceSubrange` it goes
    /// through (about 170 instructions for a one-element array). The scanner's tokens and the
    /// subject rules' scratch arrays are emptied at most figures.
    @inline(__always)
    mutating func empty() {
        while !isEmpty { removeLast() }
    }
}
