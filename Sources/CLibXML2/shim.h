#pragma once
// Umbrella over the distribution's libxml2 headers (libxml2-dev, pkg-config libxml-2.0):
// the HTML parser and its SAX interface, and the encoding handlers (iconv/ICU) behind GBK,
// GB18030, Big5.
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
