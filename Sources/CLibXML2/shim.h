#pragma once
// Umbrella over the distribution's libxml2 headers (libxml2-dev, pkg-config libxml-2.0):
// the HTML parser and its SAX interface, and the encoding handlers (iconv/ICU) behind GBK,
// GB18030, Big5.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so encoding.h would pull the system's <unicode/*.h> into this
// module; a Swift file that also imports Foundation then sees two different UErrorCode enums
// (Foundation ships its own ICU) and a clean build fails. Nothing here touches the ICU fields
// (they sit at the end of xmlCharEncodingHandler, which Tally never allocates or reads), and
// libxml2 still converts with ICU inside the library.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
